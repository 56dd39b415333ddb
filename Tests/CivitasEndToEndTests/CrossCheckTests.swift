import CivitasClient
import CivitasProtos
import CivitasTesting
import Foundation
import GRPCCore
import SwiftProtobuf
import Testing

/// Plant anomalies, run the cross-checks through the API, read the findings: the right
/// records and the right numbers (computed by hand), no duplicates on a re-run, and the
/// evaluation naming the run it took into account without being corrected by it.
@Suite struct CrossCheckTests {
    @Test func plantedAnomaliesAreFoundWithTheirRecordsAndNumbers() async throws {
        let server = try await CrossCheckServer.get()
        let (_, hq) = try await TenantFixture(server: server).makeCrossCheckCity()
        try await server.with(token: hq) { civitas in
            let sequence = try await CrossCheckSample.plant(civitas)
            let job = try await civitas.crossCheck()
            #expect(job.state == "succeeded", "errors: \(job.errors.map(\.message))")
            #expect(job.resultRef == "crosscheck:\(job.id)")
            let findings = try await civitas.allFindings()
            // 1 peer outlier + 1 duplicate evidence + 3 straight-liners + 1 contradiction.
            #expect(findings.count == 6, "\(findings.map { "\($0.rule) \($0.subject)" })")
            #expect(findings.allSatisfy { $0.state == "open" && $0.level == 0 && $0.runID == job.id && $0.period.name == "2026-10" })

            // m-volume 98, 99, 100, 101, 102, 400: median 100.5, MAD 1.5 (deviations 2.5, 1.5,
            // 0.5, 0.5, 1.5, 299.5), z = 0.6745 × (400 − 100.5) / 1.5 ≈ 134.7 > 2 × 3.5 → high.
            let outlier = try #require(findings.with(rule: "peer_outlier").first)
            #expect(outlier.unit == "u-6" && outlier.subcommand == "sc-2" && outlier.sequences == [sequence["v-6"]!])
            #expect(outlier.figures["median"] == 100.5 && outlier.figures["mad"] == 1.5 && outlier.figures["x"] == 400)
            expectClose(outlier.figures["z"], 0.6745 * 299.5 / 1.5, "z")
            #expect(outlier.severity == "high" && outlier.subject == "indicator=m-volume;unit=u-6;period=2026-10")

            // The same document from u-1 (first) and u-4: u-4 answers for it, across units → high.
            let shared = try #require(findings.with(rule: "duplicate_evidence").first)
            #expect(shared.unit == "u-4" && shared.sequences == [sequence["v-1"]!, sequence["v-4"]!] && shared.severity == "high")

            // The three straight-liners, each its own finding, attributed to the block they name.
            let flat = findings.with(rule: "straight_lining")
            #expect(Set(flat.flatMap(\.sequences)) == Set((1...3).map { sequence["flat-\($0)"]! }))
            #expect(flat.allSatisfy { $0.figures == ["answers": 6, "answer": 5] && $0.subcommand == "sc-3" && $0.severity == "low" })

            // u-1 claims 0.95; sc-1's points passed c-clean 3 of 5 = 0.6: 0.35 above it > 2 × 0.1 → high.
            let claim = try #require(findings.with(rule: "inspection_contradiction").first)
            #expect(claim.unit == "u-1" && claim.sequences == [sequence["claim-1"]!] && claim.severity == "high")
            #expect(claim.figures["passRate"] == 0.6 && claim.figures["checks"] == 5)
            expectClose(claim.figures["excess"], 0.35, "excess")

            // GetFinding carries the history: opened by the run.
            let detail = try await civitas.crosschecks.getFinding(.with { $0.id = outlier.id })
            #expect(detail.history.map(\.by) == ["system:\(job.id)"] && detail.history.first?.toState == "open")
        }
    }

    @Test func aRerunAddsNoDuplicateAndKeepsTheWorkflowState() async throws {
        let server = try await CrossCheckServer.get()
        let (_, hq) = try await TenantFixture(server: server).makeCrossCheckCity()
        try await server.with(token: hq) { civitas in
            _ = try await CrossCheckSample.plant(civitas)
            let first = try await civitas.crossCheck()
            let before = try await civitas.allFindings()
            let outlier = try #require(before.with(rule: "peer_outlier").first)
            let due = CrossCheckSample.at(month: 11, 10)
            try await civitas.move(outlier.id, "assign", unit: "u-6", due: due, note: "请核实")

            // u-5 sends a newer report (99 → 97): the outlier's figures change, its identity does not.
            _ = try await civitas.submissions.submitMaterialReports(.with { $0.reports = [CrossCheckSample.volume("v-5b", unit: "u-5", value: 97)] })
            let second = try await civitas.crossCheck()
            #expect(second.state == "succeeded" && second.id != first.id)
            let after = try await civitas.allFindings()
            #expect(after.map(\.id) == before.map(\.id))
            let kept = try #require(after.first { $0.id == outlier.id })
            #expect(kept.state == "assigned" && kept.unit == "u-6" && kept.dueAt.date == due && kept.runID == first.id)
            // 97, 98, 100, 101, 102, 400: median 100.5, deviations 3.5, 2.5, 0.5, 0.5, 1.5, 299.5 → MAD (1.5 + 2.5) / 2 = 2.
            #expect(kept.figures["mad"] == 2 && kept.figures["median"] == 100.5)
            let history = try await civitas.crosschecks.getFinding(.with { $0.id = outlier.id }).history
            #expect(history.map(\.toState) == ["open", "assigned"])
        }
    }

    @Test func theEvaluationNamesTheRunAndIsNotCorrectedByIt() async throws {
        let server = try await CrossCheckServer.get()
        let (_, hq) = try await TenantFixture(server: server).makeCrossCheckCity()
        try await server.with(token: hq) { civitas in
            _ = try await CrossCheckSample.plant(civitas)
            let run = try await civitas.crossCheck()
            let evaluation = try await civitas.evaluate("cc-city", period: CrossCheckSample.period)
            #expect(evaluation.state == "succeeded", "errors: \(evaluation.errors.map(\.message))")
            let result = try await civitas.evaluations.getResult(.with {
                $0.framework = "cc-city"; $0.period.name = CrossCheckSample.period; $0.scope.name = "city"
            })
            #expect(result.crosscheckRun == run.id)
            let values = Dictionary(uniqueKeysWithValues: result.leaves.map { ($0.code, $0.value) })
            // The inflated report still counts: mean(100, 102, 98, 101, 99, 400) = 900 / 6 = 150.
            #expect(values["m-volume"] == 150)
            // Straight-liners are excluded by the evaluation's own integrity rules: q1 answers
            // of the four ordinary responses 5, 4, 2, 3 → 2 of 4 at 4 or above.
            #expect(values["s-q1"] == 0.5)
        }
    }

    @Test func requestsAreCheckedBeforeAJobIsQueued() async throws {
        let server = try await CrossCheckServer.get()
        let fixture = TenantFixture(server: server)
        let (tenant, hq) = try await fixture.makeCrossCheckCity()
        let unit = try await fixture.issue(tenant: tenant, role: "unit", scope: "u-1").token
        try await server.with(token: hq) { civitas in
            await expectRPCError(.invalidArgument, containing: "Rule \"benford\" is not one a cross-check runs") {
                _ = try await civitas.crosschecks.requestCrossCheck(.with { $0.period.name = "2026-10"; $0.rules = ["benford"] })
            }
            await expectRPCError(.invalidArgument, containing: "Period \"2026-13\" is not a month") {
                _ = try await civitas.crosschecks.requestCrossCheck(.with { $0.period.name = "2026-13" })
            }
            await expectRPCError(.invalidArgument, containing: "period is required") {
                _ = try await civitas.crosschecks.requestCrossCheck(.with { $0.rules = ["lateness"] })
            }
            // survey_integrity names its three rules; a second request while the first is queued returns it.
            let one = try await civitas.crosschecks.requestCrossCheck(.with { $0.period.name = "2026-10"; $0.rules = ["survey_integrity"] })
            let job = try await civitas.waitForJob(one.jobID)
            #expect(job.state == "succeeded")
            #expect(job.argumentsJson.contains("\"rules\":[\"duplicate_respondent\",\"straight_lining\",\"too_fast\"]"))
        }
        try await server.with(token: unit) { civitas in
            await expectRPCError(.permissionDenied, containing: "Role unit may not run cross-checks") {
                _ = try await civitas.crosschecks.requestCrossCheck(.with { $0.period.name = "2026-10" })
            }
        }
        let bare = TenantFixture.uniqueID("cc-bare")
        try await fixture.createTenant(bare)
        let token = try await fixture.issue(tenant: bare, role: "hq").token
        try await server.with(token: token) { civitas in
            await expectRPCError(.failedPrecondition, containing: "has no published framework") {
                _ = try await civitas.crosschecks.requestCrossCheck(.with { $0.period.name = "2026-10" })
            }
        }
    }
}
