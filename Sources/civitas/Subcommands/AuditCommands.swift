import ArgumentParser
import CivitasCLISupport
import CivitasClient
import CivitasProtos
import Foundation
import GRPCCore
import SwiftProtobuf

struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "The tenant's hash-chained audit log.",
        subcommands: [AuditVerify.self]
    )
}

struct AuditVerify: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Recompute the audit log's hash chain and every record's content hash.",
        discussion: "Exits 0 when intact, 6 when the server found a row that does not match (it names the first one)."
    )

    @OptionGroup var tenant: TenantOption
    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        try await connection.withConnection { civitas in
            // The check re-reads every record of the tenant: it takes as long as it needs
            // (a million records take seconds to a minute), not the per-call --timeout.
            var options = civitas.options
            options.timeout = nil
            let reply = try await civitas.submissions.verifyAuditLog(.with { $0.tenant = tenant.value }, options: options)
            if output.json {
                try Terminal.printJSON(reply)
            } else if reply.intact {
                print("Audit log intact: \(reply.entries) entries, \(reply.records) records checked.")
            } else {
                print("Audit log BROKEN at entry \(reply.firstBrokenEntry): \(reply.problem) (\(reply.entries) entries, \(reply.records) records checked).")
            }
            if !reply.intact { throw ExitCode(6) }
        }
    }
}
