import ArgumentParser
import CivitasCLISupport
import CivitasClient
import CivitasProtos
import Foundation
import SwiftProtobuf

struct TenantBackup: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Copy a tenant's database to a local file while the server keeps running.",
        discussion: "The copy is consistent (one read snapshot) and checked against the server's SHA-256."
    )

    @Argument(help: "Tenant id.")
    var id: String

    @Option(help: "File to write (replaced only once the copy is complete and verified).")
    var out: String

    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        try await connection.withConnection { civitas in
            let summary = try await TenantBackupTransfer.download(tenant: id, to: out, over: civitas)
            print("Backed up tenant \(id) to \(out): \(summary.bytes) bytes, sha256 \(summary.sha256).")
        }
    }
}

struct TenantRestore: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "Replace a suspended tenant's database with a backup.",
        discussion: """
            Suspend the tenant first (civitas-admin tenant suspend ID), restore, then resume it. \
            The server checks the file's integrity, that it belongs to this tenant and that its \
            schema is not newer than the server before replacing anything.
            """
    )

    @Argument(help: "Tenant id.")
    var id: String

    @Option(help: "Backup file made by `tenant backup`.")
    var from: String

    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        try await connection.withConnection { civitas in
            let reply = try await TenantBackupTransfer.upload(tenant: id, from: from, over: civitas)
            print("Restored tenant \(reply.tenant.id) from \(from) (\(reply.bytes) bytes). Resume it with: civitas-admin tenant resume \(id)")
        }
    }
}
