import ArgumentParser
import CivitasCLISupport
import CivitasClient
import CivitasProtos
import Foundation
import SwiftProtobuf

/// suspend / resume / archive: the same call with a different target state.
struct TenantStateArguments: ParsableArguments {
    @Argument(help: "Tenant id.")
    var id: String

    @OptionGroup var connection: ConnectionOptions

    func change(to state: String, _ verb: String) async throws {
        try await connection.withConnection { civitas in
            let tenant = try await civitas.tenantAdmin.setTenantState(
                .with { $0.id = id; $0.state = state }, options: civitas.options
            )
            print("Tenant \(tenant.id) \(verb); it is now \(tenant.state).")
        }
    }
}

struct TenantSuspend: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "suspend", abstract: "Refuse every credential of a tenant until it is resumed."
    )
    @OptionGroup var arguments: TenantStateArguments
    func run() async throws { try await arguments.change(to: "suspended", "suspended") }
}

struct TenantResume: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "resume", abstract: "Let a suspended tenant's credentials in again.")
    @OptionGroup var arguments: TenantStateArguments
    func run() async throws { try await arguments.change(to: "active", "resumed") }
}

struct TenantArchive: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "archive",
        abstract: "Close a tenant for good: its file is kept, no credential reaches it again."
    )
    @OptionGroup var arguments: TenantStateArguments
    func run() async throws { try await arguments.change(to: "archived", "archived") }
}
