import CivitasClient
import CivitasProtos
import CivitasTesting
import Foundation
import GRPCCore
import SwiftProtobuf
import Testing

/// Publish, submit, evaluate, read: the numbers a city relies on, computed by hand from
/// EvaluationSample.submitMarch and the small framework (TenantFixture.smallFrameworkJSON).
@Suite struct EvaluationTests {
    @Test func aCityEvaluationScoresTheMonthAsComputedByHand() async throws {
        let server = try await SharedServer.get()
        let (_, hq) = try await TenantFixture(server: server).makeEvaluationCity()
        try await server.with(token: hq) { civitas in
            try await EvaluationSample.submitMarch(civitas)
            let job = try await civitas.evaluate()
            #expect(job.state == "succeeded", "errors: \(job.errors.map(\.message))")
            let result = try await civitas.latestResult()
            #expect(job.resultRef == "evaluation:\(result.id)")

            // m-rate: mean(80, 60) = 70 → linear 0…100: 0.7 × 2 = 1.4
            // i-clean: 3 of 4 c-clean checks passed → 0.75 × 2 = 1.5
            // f-aqi: good days (daily mean ≤ 100) 1st, 4th of 4 days with data → 0.5 × 2 = 1.0
            // s-q1: answers ≥ 4: 5, 4, 4 of 4 responses → 0.75 × 2 = 1.5
            // m-plan: u-1 provided → all = 1 → boolean 1 × 2 = 2
            let earned = result.earnedByLeaf
            expectClose(earned["m-rate"], 1.4, "m-rate")
            expectClose(earned["i-clean"], 1.5, "i-clean")
            expectClose(earned["f-aqi"], 1.0, "f-aqi")
            expectClose(earned["s-q1"], 1.5, "s-q1")
            expectClose(earned["m-plan"], 2, "m-plan")
            // Total 1.4 + 1.5 + 1.0 + 1.5 + 2 = 7.4 of 10.
            expectClose(result.total, 7.4, "total")
            #expect(result.maxPoints == 10)
            let aqi = try #require(result.leaves.first { $0.code == "f-aqi" })
            #expect(aqi.hasValue_p && aqi.value == 0.5 && aqi.samples == 4)
            // 7.4 ≥ the pass score 6, but the good-air gate (≥ 0.9) fails: not eligible.
            #expect(result.hasEligibility_p && !result.eligible)
            #expect(result.gates.first { $0.node == "f-aqi" }?.passed == false)
            // civ: (1.5 + 2) ÷ 4 = 0.875 ≥ 0.5.
            #expect(result.gates.first { $0.node == "civ" }?.passed == true)
            expectClose(result.nodes.first { $0.code == "civ" }?.earned, 3.5, "civ")

            // 3 materials + 4 inspections + 4 surveys + 5 feed points = 16 sequence numbers.
            #expect(result.cutoffSequence == 16)
            #expect(!result.stale && result.inputDigest.count == 64 && !result.canonical.isEmpty)
            #expect(result.frameworkVersion == 1 && result.frameworkSha256.count == 64)

            // Evaluating unchanged records again gives byte-identical results, and stores no new one.
            let again = try await civitas.evaluate()
            #expect(again.resultRef == job.resultRef)
            let listed = try await civitas.evaluations.listResults(.with { $0.framework = EvaluationSample.framework })
            #expect(listed.results.map(\.id) == [result.id])
            #expect(listed.results.first?.leaves.isEmpty == true && listed.results.first?.canonical.isEmpty == true)
        }
    }

    @Test func subcommandScopesAreRankedAndTheGapAnalysisComparesWithTheMonthBefore() async throws {
        let server = try await SharedServer.get()
        let (_, hq) = try await TenantFixture(server: server).makeEvaluationCity()
        try await server.with(token: hq) { civitas in
            // February: one good-air day, nothing else → f-aqi 1 × 2 = 2, total 2.
            _ = try await civitas.submitFeeds([[EvaluationSample.aqi("feb", 50, day: 10, month: 2)]])
            let february = try await civitas.evaluate(period: "2025-02")
            #expect(february.state == "succeeded")
            try await EvaluationSample.submitMarch(civitas)
            let march = try await civitas.evaluate()
            #expect(march.state == "succeeded")
            let subcommands = try await civitas.evaluate(scope: "subcommands")
            #expect(subcommands.state == "succeeded")

            // sc-1: m-rate 80 → 1.6, i-clean 2/2 → 2, s-q1 2/2 → 2, m-plan → 2 (u-1 is in sc-1);
            //       f-aqi is not per_block → 7.6 of 8 = 0.95.
            // sc-2: m-rate 60 → 1.2, i-clean 1/2 → 1, s-q1 1/2 → 1; m-plan has no unit there → 3.2 of 6.
            let ranking = try await civitas.evaluations.getRanking(.with { $0.framework = EvaluationSample.framework; $0.period.name = EvaluationSample.period })
            #expect(ranking.entries.map(\.subcommand) == ["sc-1", "sc-2"])
            #expect(ranking.entries.map(\.rank) == [1, 2])
            #expect(ranking.entries.map(\.maxPoints) == [8, 6])
            expectClose(ranking.entries.first?.earned, 7.6, "sc-1 earned")
            expectClose(ranking.entries.first?.ratio, 0.95, "sc-1 ratio")
            expectClose(ranking.entries.last?.earned, 3.2, "sc-2 earned")
            expectClose(ranking.entries.last?.ratio, 3.2 / 6, "sc-2 ratio")
            #expect(subcommands.resultRef == "evaluation:" + ranking.entries.map(\.resultID).joined(separator: ","))
            let sc2 = try await civitas.latestResult("subcommand:sc-2")
            #expect(!sc2.hasEligibility_p && sc2.leaves.map(\.code).sorted() == ["i-clean", "m-rate", "s-q1"])

            let gaps = try await civitas.evaluations.getGapAnalysis(.with {
                $0.framework = EvaluationSample.framework; $0.period.name = EvaluationSample.period; $0.scope.name = "city"
            })
            let februaryResult = try await civitas.latestResult(period: "2025-02")
            #expect(gaps.previousResultID == februaryResult.id)
            // Points lost: f-aqi 1 (gate failed), m-rate 0.6, i-clean 0.5, s-q1 0.5 (by path); m-plan lost nothing.
            #expect(gaps.gaps.map(\.code) == ["f-aqi", "m-rate", "i-clean", "s-q1"])
            #expect(gaps.gaps.first?.gateFailed == true)
            expectClose(gaps.gaps.first?.distanceToTarget, 0.5, "f-aqi distance to 1")
            // March 7.4 − February 2 = 5.4; f-aqi 1 − 2 = −1; m-rate 1.4 − 0 = 1.4.
            expectClose(gaps.totalChange, 5.4, "total change")
            expectClose(gaps.gaps.first?.changeSincePrevious, -1, "f-aqi change")
            expectClose(gaps.gaps.first { $0.code == "m-rate" }?.changeSincePrevious, 1.4, "m-rate change")
            #expect(gaps.failedGates.map(\.node) == ["f-aqi"])
            // sc-1 lost only 0.4 on m-rate; sc-2 lost 1 on i-clean and s-q1 and 0.8 on m-rate.
            let weakest = Dictionary(uniqueKeysWithValues: gaps.weakestBySubcommand.map { ($0.subcommand, $0) })
            #expect(weakest["sc-1"]?.gaps.map(\.code) == ["m-rate"])
            #expect(weakest["sc-2"]?.gaps.map(\.code) == ["i-clean", "s-q1", "m-rate"])
            #expect(weakest["sc-2"]?.resultID == sc2.id)
        }
    }
}
