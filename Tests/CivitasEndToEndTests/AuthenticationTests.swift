import CivitasClient
import CivitasProtos
import CivitasTesting
import Foundation
import GRPCCore
import SwiftProtobuf
import Testing

/// Every call but health checks needs a valid credential; each refusal says why.
@Suite struct AuthenticationTests {
    @Test func callWithoutTokenIsUnauthenticated() async throws {
        let server = try await SharedServer.get()
        await expectRPCError(.unauthenticated, containing: "No credential") {
            try await server.with(token: nil) { _ = try await $0.identity.whoAmI(.init()) }
        }
    }

    @Test(arguments: ["not-a-token", "cvt_zz_short", "cvt_cr0000000000000000_" + String(repeating: "a", count: 43)])
    func malformedOrUnknownTokensAreUnauthenticated(token: String) async throws {
        let server = try await SharedServer.get()
        await expectRPCError(.unauthenticated) {
            try await server.with(token: token) { _ = try await $0.identity.whoAmI(.init()) }
        }
    }

    @Test func tokenWithWrongSecretIsUnauthenticated() async throws {
        let server = try await SharedServer.get()
        let fixture = TenantFixture(server: server)
        let tenant = TenantFixture.uniqueID()
        try await fixture.createTenant(tenant)
        let issued = try await fixture.issue(tenant: tenant, role: "hq")
        let forged = "cvt_\(issued.credential.id)_" + String(repeating: "A", count: 43)
        await expectRPCError(.unauthenticated, containing: "not valid") {
            try await server.with(token: forged) { _ = try await $0.identity.whoAmI(.init()) }
        }
    }

    @Test func whoAmIDescribesTheCredential() async throws {
        let server = try await SharedServer.get()
        let fixture = TenantFixture(server: server)
        let tenant = TenantFixture.uniqueID()
        try await fixture.createTenant(tenant, name: "某市")
        try await fixture.importSmallOrganization(tenant: tenant, hqToken: try await fixture.issue(tenant: tenant, role: "hq").token)
        let issued = try await fixture.issue(tenant: tenant, role: "unit", scope: "u-1")
        let me = try await server.with(token: issued.token) { try await $0.identity.whoAmI(.init()) }
        #expect(me.credentialID == issued.credential.id)
        #expect(me.role == "unit")
        #expect(me.scope == "u-1")
        #expect(me.tenant == tenant)
        #expect(me.tenantName == "某市")
        #expect(me.tenantState == "active")
        #expect(!me.hasExpiresAt)
    }

    @Test func expiredTokenIsRefusedWithItsExpiry() async throws {
        let server = try await TestServer.start()  // own clock
        let fixture = TenantFixture(server: server)
        try await fixture.createTenant("expiry-city")
        let issued = try await fixture.issue(tenant: "expiry-city", role: "hq", expiresAt: Date().addingTimeInterval(3600))
        let me = try await server.with(token: issued.token) { try await $0.identity.whoAmI(.init()) }
        #expect(me.hasExpiresAt)
        server.clock.advance(by: 3601)
        await expectRPCError(.unauthenticated, containing: "expired at") {
            try await server.with(token: issued.token) { _ = try await $0.identity.whoAmI(.init()) }
        }
        try await server.stopAndRemove()
    }

    @Test func revokedTokenIsRefusedAtOnce() async throws {
        let server = try await SharedServer.get()
        let fixture = TenantFixture(server: server)
        let tenant = TenantFixture.uniqueID()
        try await fixture.createTenant(tenant)
        let issued = try await fixture.issue(tenant: tenant, role: "reader")
        _ = try await server.with(token: issued.token) { try await $0.identity.whoAmI(.init()) }
        try await server.with(token: server.operatorToken) { civitas in
            let revoked = try await civitas.tenantAdmin.revokeCredential(.with { $0.id = issued.credential.id })
            #expect(revoked.hasRevokedAt)
            await expectRPCError(.failedPrecondition, containing: "already revoked") {
                _ = try await civitas.tenantAdmin.revokeCredential(.with { $0.id = issued.credential.id })
            }
        }
        await expectRPCError(.unauthenticated, containing: "revoked") {
            try await server.with(token: issued.token) { _ = try await $0.identity.whoAmI(.init()) }
        }
    }

    @Test func suspendedTenantsCredentialsArePermissionDeniedUntilResumed() async throws {
        let server = try await SharedServer.get()
        let fixture = TenantFixture(server: server)
        let tenant = TenantFixture.uniqueID()
        try await fixture.createTenant(tenant)
        let hq = try await fixture.issue(tenant: tenant, role: "hq").token
        let setState = { (state: String) in
            try await server.with(token: server.operatorToken) { civitas in
                _ = try await civitas.tenantAdmin.setTenantState(.with { $0.id = tenant; $0.state = state })
            }
        }
        try await setState("suspended")
        await expectRPCError(.permissionDenied, containing: "suspended") {
            try await server.with(token: hq) { _ = try await $0.identity.whoAmI(.init()) }
        }
        try await setState("active")
        let me = try await server.with(token: hq) { try await $0.identity.whoAmI(.init()) }
        #expect(me.tenantState == "active")
        try await setState("archived")
        await expectRPCError(.permissionDenied, containing: "archived") {
            try await server.with(token: hq) { _ = try await $0.identity.whoAmI(.init()) }
        }
        await expectRPCError(.failedPrecondition, containing: "archived") { try await setState("active") }
    }

    @Test func tokensAreStoredOnlyAsHashes() async throws {
        let server = try await SharedServer.get()
        let fixture = TenantFixture(server: server)
        let tenant = TenantFixture.uniqueID()
        try await fixture.createTenant(tenant)
        let issued = try await fixture.issue(tenant: tenant, role: "hq")
        let secret = String(issued.token.split(separator: "_", maxSplits: 2)[2])
        #expect(secret.utf8.count >= 43, "at least 256 bits of base64url")
        // Nothing under the data directory (catalog, its WAL, tenant files) holds the secret.
        let files = FileManager.default.enumerator(at: server.dataDirectory, includingPropertiesForKeys: nil)!
        for case let url as URL in files where !url.hasDirectoryPath && url.lastPathComponent != "operator.token" {
            let data = (try? Data(contentsOf: url)) ?? Data()
            #expect(data.range(of: Data(secret.utf8)) == nil, "\(url.lastPathComponent) holds a token secret")
        }
        let listing = try await server.with(token: server.operatorToken) { try await $0.tenantAdmin.listCredentials(.with { $0.tenant = tenant }) }
        #expect(listing.credentials.map(\.id) == [issued.credential.id])
    }
}
