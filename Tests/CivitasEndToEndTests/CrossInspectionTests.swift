import CivitasClient
import CivitasProtos
import CivitasTesting
import Foundation
import GRPCCore
import SwiftProtobuf
import Testing

/// The cross-inspection plan over the API, and that one city's findings are out of every
/// other city's reach.
@Suite struct CrossInspectionTests {
    @Test func nobodyInspectsTheirOwnPointsLoadsAreWithinOneAndASeedGivesOneAnswer() async throws {
        let server = try await CrossCheckServer.get()
        let fixture = TenantFixture(server: server)
        let (tenant, hq) = try await fixture.makeCrossCheckCity()
        let sc1 = try await fixture.issue(tenant: tenant, role: "subcommand", scope: "sc-1").token
        let plan = try await server.with(token: hq) { civitas in
            let first = try await civitas.crosschecks.assignCrossInspection(.with { $0.period.name = "2026-10"; $0.seed = 42 })
            let again = try await civitas.crosschecks.assignCrossInspection(.with { $0.period.name = "2026-10"; $0.seed = 42 })
            #expect(first.assignments == again.assignments)
            return first.assignments
        }
        // Seven points: p-1…p-3 of sc-1, p-4 p-5 of sc-2, p-6 p-7 of sc-3.
        #expect(plan.map(\.point) == (1...7).map { "p-\($0)" })
        #expect(plan.allSatisfy { $0.owner != $0.inspectorSubcommand })
        let loads = Dictionary(grouping: plan, by: \.inspectorSubcommand).mapValues(\.count)
        // 7 points over 3 sub-commands: loads of 2 or 3, so within one of each other.
        #expect(loads.keys.sorted() == ["sc-1", "sc-2", "sc-3"] && loads.values.sorted() == [2, 2, 3])

        // sc-1 reads the points it inspects and those of its own block.
        let own = try await server.with(token: sc1) { civitas in
            try await civitas.crosschecks.assignCrossInspection(.with { $0.period.name = "2026-10"; $0.seed = 42 }).assignments
        }
        #expect(own == plan.filter { $0.owner == "sc-1" || $0.inspectorSubcommand == "sc-1" })
    }

    @Test func anImpossibleAssignmentIsRefusedWithTheReason() async throws {
        let server = try await CrossCheckServer.get()
        let fixture = TenantFixture(server: server)
        let tenant = TenantFixture.uniqueID("cc-one")
        try await fixture.createTenant(tenant)
        let hq = try await fixture.issue(tenant: tenant, role: "hq").token
        try await server.with(token: hq) { civitas in
            _ = try await civitas.organization.importOrganization(.with {
                $0.subcommands = [.with { $0.id = "sc-1"; $0.name = "唯一"; $0.active = true }]
            })
            _ = try await civitas.organization.importOrganization(.with {
                $0.points = [.with { $0.id = "p-1"; $0.name = "点"; $0.subcommand = "sc-1"; $0.type = "market"; $0.active = true }]
            })
            await expectRPCError(.failedPrecondition, containing: "needs at least two active sub-commands, so that nobody inspects their own points; found 1") {
                _ = try await civitas.crosschecks.assignCrossInspection(.with { $0.period.name = "2026-10"; $0.seed = 1 })
            }
            await expectRPCError(.invalidArgument, containing: "period is required") {
                _ = try await civitas.crosschecks.assignCrossInspection(.with { $0.seed = 1 })
            }
        }
    }

    @Test func anotherCitysCredentialReachesNoFinding() async throws {
        let server = try await CrossCheckServer.get()
        let fixture = TenantFixture(server: server)
        let (cityA, hqA) = try await fixture.makeCrossCheckCity()
        let (_, hqB) = try await fixture.makeCrossCheckCity()
        let finding = try await server.with(token: hqA) { civitas in
            _ = try await CrossCheckSample.plant(civitas)
            _ = try await civitas.crossCheck()
            return try #require(try await civitas.allFindings().first)
        }
        try await server.with(token: hqB) { civitas in
            let own = try await civitas.allFindings()
            #expect(own.isEmpty)
            await expectRPCError(.notFound) { _ = try await civitas.crosschecks.getFinding(.with { $0.id = finding.id }) }
            await expectRPCError(.notFound) { try await civitas.move(finding.id, "dismiss", note: "不是我们的") }
            await expectRPCError(.permissionDenied, containing: "cannot reach another tenant's data") {
                _ = try await civitas.allFindings { $0.tenant = cityA }
            }
            await expectRPCError(.permissionDenied, containing: "cannot reach another tenant's data") {
                _ = try await civitas.crosschecks.requestCrossCheck(.with { $0.tenant = cityA; $0.period.name = "2026-10" })
            }
            await expectRPCError(.permissionDenied, containing: "cannot reach another tenant's data") {
                _ = try await civitas.crosschecks.assignCrossInspection(.with { $0.tenant = cityA; $0.period.name = "2026-10"; $0.seed = 1 })
            }
        }
        try await server.with(token: server.operatorToken) { civitas in
            await expectRPCError(.permissionDenied, containing: "cannot read or change tenant data") {
                _ = try await civitas.allFindings { $0.tenant = cityA }
            }
        }
        // A's finding is untouched.
        let again = try await server.with(token: hqA) { try await $0.crosschecks.getFinding(.with { $0.id = finding.id }) }
        #expect(again.state == "open")
    }
}
