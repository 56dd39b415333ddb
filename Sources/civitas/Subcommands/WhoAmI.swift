import ArgumentParser
import CivitasCLISupport
import CivitasClient
import CivitasCore
import CivitasProtos
import Foundation
import SwiftProtobuf

/// Which tenant a call names: the credential's own unless given (and a credential can
/// only ever reach its own tenant; naming another is refused by the server).
struct TenantOption: ParsableArguments {
    @Option(help: "Tenant id. Default: $CIVITAS_TENANT, else the credential's own tenant.")
    var tenant: String?

    var value: String { tenant ?? ProcessInfo.processInfo.environment["CIVITAS_TENANT"] ?? "" }
}

struct WhoAmI: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "whoami", abstract: "Show the credential in use: role, tenant, scope, expiry."
    )

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        try await connection.withConnection { civitas in
            let me = try await civitas.identity.whoAmI(Civitas_V1_WhoAmIRequest(), options: civitas.options)
            if output.json { return try Terminal.printJSON(me) }
            print("credential: \(me.credentialID)\(me.label.isEmpty ? "" : " (\(me.label))")")
            print("role:       \(me.role)")
            if !me.tenant.isEmpty { print("tenant:     \(me.tenant) — \(me.tenantName) [\(me.tenantState)]") }
            if !me.scope.isEmpty { print("scope:      \(me.scope)") }
            print("expires:    \(me.expiresAt.text(ifSet: me.hasExpiresAt))")
        }
    }
}
