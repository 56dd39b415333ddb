import CivitasClient
import CivitasProtos
import CivitasTesting
import Foundation
import GRPCCore
import SwiftProtobuf
import Testing

/// Online backups and restores through the admin API.
@Suite struct BackupRestoreTests {
    @Test func backupThenRestoreBringsBackThatState() async throws {
        let server = try await SharedServer.get()
        let fixture = TenantFixture(server: server)
        let tenant = TenantFixture.uniqueID("bk")
        try await fixture.createTenant(tenant)
        let hq = try await fixture.issue(tenant: tenant, role: "hq").token
        try await fixture.importSmallOrganization(tenant: tenant, hqToken: hq)
        let scratch = try TemporaryDirectory()
        defer { scratch.remove() }
        let file = scratch.url.appendingPathComponent("backup.sqlite").path

        let summary = try await server.with(token: server.operatorToken) {
            try await TenantBackupTransfer.download(tenant: tenant, to: file, over: $0)
        }
        #expect(summary.bytes > 0)
        #expect(!FileManager.default.fileExists(atPath: file + ".partial"))

        // Changes after the backup…
        try await server.with(token: hq) { civitas in
            _ = try await civitas.organization.createSubcommand(.with { $0.id = "sc-late"; $0.name = "后来的" })
        }
        let admin = { (body: @Sendable (CivitasConnection) async throws -> Void) in
            try await server.with(token: server.operatorToken, body)
        }
        // …are gone once the backup is restored into the suspended tenant.
        await expectRPCError(.failedPrecondition, containing: "suspend it") {
            try await admin { _ = try await TenantBackupTransfer.upload(tenant: tenant, from: file, over: $0) }
        }
        try await admin { _ = try await $0.tenantAdmin.setTenantState(.with { $0.id = tenant; $0.state = "suspended" }) }
        try await admin { civitas in
            let reply = try await TenantBackupTransfer.upload(tenant: tenant, from: file, over: civitas)
            #expect(reply.bytes == summary.bytes)
            _ = try await civitas.tenantAdmin.setTenantState(.with { $0.id = tenant; $0.state = "active" })
        }
        let subcommands = try await server.with(token: hq) { try await $0.organization.listSubcommands(.init()) }
        #expect(subcommands.subcommands.map(\.id) == ["sc-1", "sc-2"])
    }

    @Test func restoreRefusesAnotherTenantsBackupAndGarbage() async throws {
        let server = try await SharedServer.get()
        let fixture = TenantFixture(server: server)
        let (a, b) = (TenantFixture.uniqueID("ra"), TenantFixture.uniqueID("rb"))
        try await fixture.createTenant(a)
        try await fixture.createTenant(b)
        let scratch = try TemporaryDirectory()
        defer { scratch.remove() }
        let backupOfA = scratch.url.appendingPathComponent("a.sqlite").path
        let garbage = scratch.url.appendingPathComponent("garbage.sqlite").path
        try Data(repeating: 0x42, count: 10_000).write(to: URL(fileURLWithPath: garbage))
        try await server.with(token: server.operatorToken) { civitas in
            _ = try await TenantBackupTransfer.download(tenant: a, to: backupOfA, over: civitas)
            _ = try await civitas.tenantAdmin.setTenantState(.with { $0.id = b; $0.state = "suspended" })
            await expectRPCError(.invalidArgument, containing: "belongs to tenant \(a)") {
                _ = try await TenantBackupTransfer.upload(tenant: b, from: backupOfA, over: civitas)
            }
            await expectRPCError(.invalidArgument, containing: "not a SQLite database") {
                _ = try await TenantBackupTransfer.upload(tenant: b, from: garbage, over: civitas)
            }
            _ = try await civitas.tenantAdmin.setTenantState(.with { $0.id = b; $0.state = "active" })
        }
        // B still works with its own (empty) organization.
        let hqB = try await fixture.issue(tenant: b, role: "hq").token
        let listing = try await server.with(token: hqB) { try await $0.organization.listSubcommands(.init()) }
        #expect(listing.subcommands.isEmpty)
    }
}
