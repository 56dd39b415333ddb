import CivitasClient
import CivitasProtos
import CivitasTesting
import Foundation
import GRPCCore
import SwiftProtobuf
import Testing

/// Tenant and credential management: bad requests are refused with a clear message and
/// leave nothing behind.
@Suite struct TenantAdminTests {
    @Test(arguments: ["../x", "A", "ab", "1city", "city/..", "a_b", String(repeating: "a", count: 41), ""])
    func invalidTenantIdsAreRefusedAndNothingIsWritten(id: String) async throws {
        let server = try await SharedServer.get()
        await expectRPCError(.invalidArgument, containing: "is not valid") {
            try await server.with(token: server.operatorToken) { civitas in
                _ = try await civitas.tenantAdmin.createTenant(.with { $0.id = id; $0.name = "x" })
            }
        }
        // No file was made for it, inside the tenants directory or (by path tricks) outside.
        let tenants = server.dataDirectory.appendingPathComponent("tenants")
        #expect(!FileManager.default.fileExists(atPath: tenants.appendingPathComponent("\(id).sqlite").path))
        #expect(!FileManager.default.fileExists(atPath: server.dataDirectory.appendingPathComponent("x.sqlite").path))
        let listed = try await server.with(token: server.operatorToken) { try await $0.tenantAdmin.listTenants(.init()) }
        #expect(!listed.tenants.contains { $0.id == id })
    }

    @Test func duplicateTenantIsRefused() async throws {
        let server = try await SharedServer.get()
        let fixture = TenantFixture(server: server)
        let tenant = TenantFixture.uniqueID()
        try await fixture.createTenant(tenant, name: "第一个")
        await expectRPCError(.alreadyExists) { try await fixture.createTenant(tenant, name: "第二个") }
        let shown = try await server.with(token: server.operatorToken) { try await $0.tenantAdmin.getTenant(.with { $0.id = tenant }) }
        #expect(shown.name == "第一个")
        #expect(shown.timeZone == "Asia/Shanghai")
    }

    @Test func badTimeZoneAndEmptyNameAreRefused() async throws {
        let server = try await SharedServer.get()
        try await server.with(token: server.operatorToken) { civitas in
            await expectRPCError(.invalidArgument, containing: "time zone") {
                _ = try await civitas.tenantAdmin.createTenant(.with { $0.id = TenantFixture.uniqueID(); $0.name = "x"; $0.timeZone = "Mars/Olympus" })
            }
            await expectRPCError(.invalidArgument, containing: "name") {
                _ = try await civitas.tenantAdmin.createTenant(.with { $0.id = TenantFixture.uniqueID(); $0.name = "  " })
            }
        }
    }

    @Test func credentialScopesMustFitTheirRole() async throws {
        let server = try await SharedServer.get()
        let fixture = TenantFixture(server: server)
        let tenant = TenantFixture.uniqueID()
        try await fixture.createTenant(tenant)
        try await fixture.importSmallOrganization(tenant: tenant, hqToken: try await fixture.issue(tenant: tenant, role: "hq").token)
        await expectRPCError(.invalidArgument, containing: "needs a scope") { _ = try await fixture.issue(tenant: tenant, role: "unit") }
        await expectRPCError(.invalidArgument, containing: "is not a unit") { _ = try await fixture.issue(tenant: tenant, role: "unit", scope: "sc-1") }
        await expectRPCError(.invalidArgument, containing: "takes no scope") { _ = try await fixture.issue(tenant: tenant, role: "hq", scope: "sc-1") }
        await expectRPCError(.invalidArgument, containing: "unknown") { _ = try await fixture.issue(tenant: tenant, role: "mayor") }
        await expectRPCError(.invalidArgument, containing: "needs a tenant") { _ = try await fixture.issue(tenant: "", role: "reader") }
        await expectRPCError(.notFound) { _ = try await fixture.issue(tenant: "no-such-city", role: "reader") }
        await expectRPCError(.invalidArgument, containing: "not in the future") {
            _ = try await fixture.issue(tenant: tenant, role: "reader", expiresAt: Date().addingTimeInterval(-60))
        }
        let unit = try await fixture.issue(tenant: tenant, role: "unit", scope: "u-1")
        #expect(unit.credential.scope == "u-1")
        let inspector = try await fixture.issue(tenant: tenant, role: "inspector")
        #expect(inspector.credential.scope.isEmpty)
    }

    @Test func operatorCanIssueAnotherOperatorButNotRevokeItself() async throws {
        let server = try await SharedServer.get()
        let second = try await server.with(token: server.operatorToken) { civitas in
            try await civitas.tenantAdmin.issueCredential(.with { $0.role = "operator"; $0.label = "ops on call" })
        }
        #expect(second.credential.tenant.isEmpty)
        try await server.with(token: second.token) { civitas in
            await expectRPCError(.failedPrecondition, containing: "making this call") {
                _ = try await civitas.tenantAdmin.revokeCredential(.with { $0.id = second.credential.id })
            }
            _ = try await civitas.tenantAdmin.listTenants(.init())
        }
        await expectRPCError(.invalidArgument, containing: "belongs to no tenant") {
            try await server.with(token: server.operatorToken) { civitas in
                _ = try await civitas.tenantAdmin.issueCredential(.with { $0.role = "operator"; $0.tenant = "x-city" })
            }
        }
    }

    @Test func listingFiltersByState() async throws {
        let server = try await SharedServer.get()
        let fixture = TenantFixture(server: server)
        let tenant = TenantFixture.uniqueID()
        try await fixture.createTenant(tenant)
        try await server.with(token: server.operatorToken) { civitas in
            _ = try await civitas.tenantAdmin.setTenantState(.with { $0.id = tenant; $0.state = "suspended" })
            let suspended = try await civitas.tenantAdmin.listTenants(.with { $0.state = "suspended" })
            #expect(suspended.tenants.contains { $0.id == tenant })
            let active = try await civitas.tenantAdmin.listTenants(.with { $0.state = "active" })
            #expect(!active.tenants.contains { $0.id == tenant })
            await expectRPCError(.invalidArgument) { _ = try await civitas.tenantAdmin.listTenants(.with { $0.state = "sleeping" }) }
            await expectRPCError(.failedPrecondition, containing: "already suspended") {
                _ = try await civitas.tenantAdmin.setTenantState(.with { $0.id = tenant; $0.state = "suspended" })
            }
        }
    }
}
