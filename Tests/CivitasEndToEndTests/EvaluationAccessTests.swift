import CivitasClient
import CivitasProtos
import CivitasTesting
import Foundation
import GRPCCore
import SwiftProtobuf
import Testing

/// Who reaches which evaluation ("blocks first"), and that no tenant reaches another's.
@Suite struct EvaluationAccessTests {
    @Test func eachRoleReachesOnlyWhatItMay() async throws {
        let server = try await SharedServer.get()
        let fixture = TenantFixture(server: server)
        let (tenant, hq) = try await fixture.makeEvaluationCity()
        let sc1 = try await fixture.issue(tenant: tenant, role: "subcommand", scope: "sc-1").token
        let unit = try await fixture.issue(tenant: tenant, role: "unit", scope: "u-1").token
        let inspector = try await fixture.issue(tenant: tenant, role: "inspector").token
        let reader = try await fixture.issue(tenant: tenant, role: "reader").token
        let (city, sc2Result) = try await server.with(token: hq) { civitas in
            try await EvaluationSample.submitMarch(civitas)
            _ = try await civitas.evaluate()
            _ = try await civitas.evaluate(scope: "subcommands")
            return (try await civitas.latestResult(), try await civitas.latestResult("subcommand:sc-2"))
        }

        try await server.with(token: sc1) { civitas in
            let own = try await civitas.evaluate(scope: "subcommand:sc-1")
            #expect(own.state == "succeeded")
            let ownResult = try await civitas.latestResult("subcommand:sc-1")
            #expect(ownResult.leaves.count == 4)
            await expectRPCError(.permissionDenied, containing: "may only reach evaluations of scope subcommand:sc-1, not subcommand:sc-2") {
                _ = try await civitas.evaluations.getResult(.with { $0.resultID = sc2Result.id })
            }
            await expectRPCError(.permissionDenied, containing: "not city") {
                _ = try await civitas.latestResult()
            }
            await expectRPCError(.permissionDenied, containing: "not subcommands") {
                _ = try await civitas.evaluations.requestEvaluation(.with {
                    $0.framework = EvaluationSample.framework; $0.period.name = EvaluationSample.period; $0.scope.name = "subcommands"
                })
            }
            let listed = try await civitas.evaluations.listResults(.init()).results
            #expect(Set(listed.map(\.scope.name)) == ["subcommand:sc-1"])
            let ranking = try await civitas.evaluations.getRanking(.with { $0.framework = EvaluationSample.framework; $0.period.name = EvaluationSample.period })
            #expect(ranking.entries.map(\.subcommand) == ["sc-1", "sc-2"])
        }
        for (token, role) in [(unit, "unit"), (inspector, "inspector")] {
            try await server.with(token: token) { civitas in
                await expectRPCError(.permissionDenied, containing: "Role \(role) may not read evaluation results") {
                    _ = try await civitas.evaluations.getResult(.with { $0.resultID = city.id })
                }
                await expectRPCError(.permissionDenied, containing: "Role \(role) may not read the sub-command ranking") {
                    _ = try await civitas.evaluations.getRanking(.with { $0.framework = EvaluationSample.framework; $0.period.name = EvaluationSample.period })
                }
                await expectRPCError(.permissionDenied, containing: "Role \(role) may not request evaluations") {
                    _ = try await civitas.evaluate()
                }
            }
        }
        try await server.with(token: reader) { civitas in
            let read = try await civitas.evaluations.getResult(.with { $0.resultID = city.id })
            #expect(read.total == city.total)
            let gaps = try await civitas.evaluations.getGapAnalysis(.with { $0.resultID = sc2Result.id })
            #expect(gaps.resultID == sc2Result.id)
            await expectRPCError(.permissionDenied, containing: "may not request evaluations") {
                _ = try await civitas.evaluate()
            }
        }
    }

    @Test func requestsAreCheckedUpFront() async throws {
        let server = try await SharedServer.get()
        let (_, hq) = try await TenantFixture(server: server).makeEvaluationCity()
        try await server.with(token: hq) { civitas in
            func request(_ framework: String = EvaluationSample.framework, version: UInt32 = 0, period: String = "2025-03", scope: String = "city") async throws {
                _ = try await civitas.evaluations.requestEvaluation(.with {
                    $0.framework = framework; $0.frameworkVersion = version; $0.period.name = period; $0.scope.name = scope
                })
            }
            await expectRPCError(.notFound, containing: "has no framework nonesuch") { try await request("nonesuch") }
            await expectRPCError(.notFound, containing: "has no version 7 of framework test-city") { try await request(version: 7) }
            await expectRPCError(.invalidArgument, containing: "Period \"2025-13\" is not a month") { try await request(period: "2025-13") }
            await expectRPCError(.invalidArgument, containing: "period is required") { try await request(period: "") }
            await expectRPCError(.invalidArgument, containing: "Scope \"district:1\" is not city, subcommand:<id> or subcommands") {
                try await request(scope: "district:1")
            }
            await expectRPCError(.notFound, containing: "has no sub-command sc-9") { try await request(scope: "subcommand:sc-9") }
            await expectRPCError(.notFound, containing: "There is no result yet for framework test-city, period 2025-03, scope city") {
                _ = try await civitas.latestResult()
            }
            let jobs = try await civitas.jobs.listJobs(.with { $0.kind = "evaluation" }).jobs
            #expect(jobs.isEmpty, "nothing refused was queued")
        }
    }

    @Test func anotherTenantReachesNothing() async throws {
        let server = try await SharedServer.get()
        let fixture = TenantFixture(server: server)
        let (tenant, hq) = try await fixture.makeEvaluationCity()
        let (_, otherHQ) = try await fixture.makeEvaluationCity()
        let result = try await server.with(token: hq) { civitas in
            try await EvaluationSample.submitMarch(civitas)
            _ = try await civitas.evaluate()
            return try await civitas.latestResult()
        }
        try await server.with(token: otherHQ) { civitas in
            // Its own tenant has the same framework code but no such result, and no result at all.
            await expectRPCError(.notFound, containing: "has no evaluation result \(result.id)") {
                _ = try await civitas.evaluations.getResult(.with { $0.resultID = result.id })
            }
            await expectRPCError(.notFound) { _ = try await civitas.latestResult() }
            let listed = try await civitas.evaluations.listResults(.init()).results
            #expect(listed.isEmpty)
            let ranking = try await civitas.evaluations.getRanking(.with { $0.framework = EvaluationSample.framework; $0.period.name = EvaluationSample.period })
            #expect(ranking.entries.isEmpty)
            await expectRPCError(.permissionDenied, containing: "cannot reach another tenant's data") {
                _ = try await civitas.evaluations.getResult(.with { $0.tenant = tenant; $0.resultID = result.id })
            }
            await expectRPCError(.permissionDenied, containing: "cannot reach another tenant's data") {
                _ = try await civitas.frameworks.listFrameworks(.with { $0.tenant = tenant })
            }
        }
    }
}
