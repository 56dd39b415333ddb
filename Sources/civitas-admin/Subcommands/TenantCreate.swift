import ArgumentParser
import CivitasCLISupport
import CivitasClient
import CivitasProtos
import Foundation
import SwiftProtobuf

struct TenantCreate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create", abstract: "Create a tenant (a city's campaign office) and its database file."
    )

    @Argument(help: "Tenant id: 3-40 characters of a-z, 0-9 and '-', starting with a letter.")
    var id: String

    @Option(help: "The city's or office's name, e.g. \"某市文明办\".")
    var name: String

    @Option(name: .customLong("time-zone"), help: "IANA time zone of the tenant's periods.")
    var timeZone = "Asia/Shanghai"

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        try await connection.withConnection { civitas in
            let tenant = try await civitas.tenantAdmin.createTenant(
                .with { $0.id = id; $0.name = name; $0.timeZone = timeZone }, options: civitas.options
            )
            if output.json { try Terminal.printJSON(tenant) } else { print("Created tenant \(tenant.id) (\(tenant.name)).") }
        }
    }
}
