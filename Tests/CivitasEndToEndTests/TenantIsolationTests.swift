import CivitasClient
import CivitasProtos
import CivitasTesting
import Foundation
import GRPCCore
import SwiftProtobuf
import Testing

/// Each city is a tenant with a file of its own; no credential reaches another tenant's
/// data, and operators reach none at all.
@Suite struct TenantIsolationTests {
    @Test func twoTenantsHaveSeparateFilesAndCannotReadEachOther() async throws {
        let server = try await SharedServer.get()
        let fixture = TenantFixture(server: server)
        let (a, b) = (TenantFixture.uniqueID("a"), TenantFixture.uniqueID("b"))
        try await fixture.createTenant(a)
        try await fixture.createTenant(b)
        let tenants = server.dataDirectory.appendingPathComponent("tenants")
        #expect(FileManager.default.fileExists(atPath: tenants.appendingPathComponent("\(a).sqlite").path))
        #expect(FileManager.default.fileExists(atPath: tenants.appendingPathComponent("\(b).sqlite").path))

        let hqA = try await fixture.issue(tenant: a, role: "hq").token
        let hqB = try await fixture.issue(tenant: b, role: "hq").token
        try await fixture.importSmallOrganization(tenant: a, hqToken: hqA)

        // A's HQ sees its own organization, whether it names its tenant or not.
        let own = try await server.with(token: hqA) { try await $0.organization.listUnits(.with { $0.tenant = a }) }
        #expect(own.units.count == 3)
        let implicit = try await server.with(token: hqA) { try await $0.organization.listUnits(.init()) }
        #expect(implicit.units.count == 3)

        // B's HQ naming A is refused, and the refusal says nothing about A.
        for call in ListCall.allCases {
            await expectRPCError(.permissionDenied, containing: "belongs to tenant \(b)") {
                try await server.with(token: hqB) { try await call.run($0, tenant: a) }
            }
        }
        // B's own listing is empty: nothing of A leaked into B.
        let bUnits = try await server.with(token: hqB) { try await $0.organization.listUnits(.init()) }
        #expect(bUnits.units.isEmpty)
        // B's HQ cannot write into A either.
        await expectRPCError(.permissionDenied) {
            try await server.with(token: hqB) { civitas in
                _ = try await civitas.organization.createSubcommand(.with { $0.tenant = a; $0.id = "sc-x"; $0.name = "x" })
            }
        }
    }

    @Test func operatorReadsNoTenantData() async throws {
        let server = try await SharedServer.get()
        let fixture = TenantFixture(server: server)
        let tenant = TenantFixture.uniqueID()
        try await fixture.createTenant(tenant)
        for call in ListCall.allCases {
            await expectRPCError(.permissionDenied, containing: "Operator credential") {
                try await server.with(token: server.operatorToken) { try await call.run($0, tenant: tenant) }
            }
        }
    }

    @Test func tenantCredentialsCannotOperateThePlatform() async throws {
        let server = try await SharedServer.get()
        let fixture = TenantFixture(server: server)
        let tenant = TenantFixture.uniqueID()
        try await fixture.createTenant(tenant)
        let hq = try await fixture.issue(tenant: tenant, role: "hq").token
        try await server.with(token: hq) { civitas in
            await expectRPCError(.permissionDenied, containing: "Only an operator") {
                _ = try await civitas.tenantAdmin.listTenants(.init())
            }
            await expectRPCError(.permissionDenied) {
                _ = try await civitas.tenantAdmin.issueCredential(.with { $0.tenant = tenant; $0.role = "hq" })
            }
            await expectRPCError(.permissionDenied) {
                try await civitas.tenantAdmin.backupTenant(.with { $0.id = tenant }) { response in
                    for try await _ in response.messages {}
                }
            }
        }
    }

    enum ListCall: CaseIterable {
        case subcommands, units, points

        func run(_ civitas: CivitasConnection, tenant: String) async throws {
            let request = Civitas_V1_ListOrganizationRequest.with { $0.tenant = tenant }
            switch self {
            case .subcommands: _ = try await civitas.organization.listSubcommands(request)
            case .units: _ = try await civitas.organization.listUnits(request)
            case .points: _ = try await civitas.organization.listPoints(request)
            }
        }
    }
}
