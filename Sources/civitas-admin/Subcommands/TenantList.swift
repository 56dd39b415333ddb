import ArgumentParser
import CivitasCLISupport
import CivitasClient
import CivitasProtos
import Foundation
import SwiftProtobuf

struct TenantList: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List tenants.")

    @Option(help: "Only tenants in this state: active, suspended or archived.")
    var state: String?

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        try await connection.withConnection { civitas in
            let reply = try await civitas.tenantAdmin.listTenants(.with { $0.state = state ?? "" }, options: civitas.options)
            if output.json { return try Terminal.printJSON(reply) }
            var table = Table("ID", "STATE", "TIME ZONE", "CREATED", "NAME")
            for tenant in reply.tenants {
                table.add(tenant.id, tenant.state, tenant.timeZone, tenant.createdAt.text(ifSet: tenant.hasCreatedAt), tenant.name)
            }
            print(table.render())
        }
    }
}

struct TenantShow: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show one tenant.")

    @Argument(help: "Tenant id.")
    var id: String

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        try await connection.withConnection { civitas in
            let tenant = try await civitas.tenantAdmin.getTenant(.with { $0.id = id }, options: civitas.options)
            if output.json { return try Terminal.printJSON(tenant) }
            print("""
                id:        \(tenant.id)
                name:      \(tenant.name)
                state:     \(tenant.state)
                time zone: \(tenant.timeZone)
                created:   \(tenant.createdAt.text(ifSet: tenant.hasCreatedAt))
                updated:   \(tenant.updatedAt.text(ifSet: tenant.hasUpdatedAt))
                """)
        }
    }
}
