import CivitasCore
import CivitasStorage
import Foundation
import Testing

/// Findings in the tenant's file: upserted by their stable id, their workflow state kept
/// across runs, every move stored with who and when, graded supervision, and the
/// evaluation result naming the run it took into account.
@Suite("Findings in storage")
struct FindingStorageTests {
    typealias F = CrossCheckStorageFixture
    static let day: TimeInterval = 86_400

    @Test("a re-run stores no duplicate, keeps the workflow state and refreshes only the figures")
    func upsertKeepsState() async throws {
        try await withTenantDatabase("cc-city") { database in
            _ = try await F.prepare(database)
            let first = try await database.storeCrossCheckRun(F.run("job-1"), findings: [F.finding("u-6"), F.finding("u-5")], finishedAt: F.october(21))
            #expect(first.found == 2 && first.newFindings == 2 && first.refreshed == 0)

            let id = F.finding("u-6").id
            let due = F.october(28)
            _ = try await database.transitionFinding(
                id, .assign(unit: "u-6", dueAt: due, note: "查明原因"), by: F.principal(.hq), at: F.october(22), view: .everything)

            // The next run finds u-6 again with another figure, u-5 unchanged, u-4 new.
            let second = try await database.storeCrossCheckRun(
                F.run("job-2"), findings: [F.finding("u-6", x: 420), F.finding("u-5"), F.finding("u-4")], finishedAt: F.october(23))
            #expect(second.found == 3 && second.newFindings == 1 && second.refreshed == 1)
            let stored = try #require(try await database.finding(id: id))
            #expect(stored.finding.figures == ["x": 420, "median": 100.5] && stored.finding.message == "Unit u-6 reported 420.0.")
            #expect(stored.state.status == .assigned && stored.state.unit == "u-6" && stored.state.dueAt == due)
            #expect(stored.state.history.map(\.action) == ["open", "assign"])
            #expect(stored.runID == "job-1" && stored.foundAt == F.october(21))

            // The same job stored again (a retry) adds nothing and reports the same counts.
            let retried = try await database.storeCrossCheckRun(
                F.run("job-2"), findings: [F.finding("u-6", x: 420), F.finding("u-5"), F.finding("u-4")], finishedAt: F.october(23))
            #expect(retried.found == 3 && retried.newFindings == 1 && retried.refreshed == 1)
            let all = try await database.findings(FindingQuery(view: .everything))
            #expect(all.findings.map(\.finding.id) == [F.finding("u-6").id, F.finding("u-5").id, F.finding("u-4").id])
            #expect(try await database.crossCheckRun(id: "job-2")?.found == 3)
            #expect(try await database.verifyAuditLog().intact)
        }
    }

    @Test("every move is stored with who, role, when, note, responsible unit, due date and evidence; a refused one leaves nothing")
    func movesPersisted() async throws {
        try await withTenantDatabase("cc-city") { database in
            _ = try await F.prepare(database)
            _ = try await database.storeCrossCheckRun(F.run("job-1"), findings: [F.finding("u-6", unit: "u-6", subcommand: "sc-2")], finishedAt: F.october(21))
            let id = F.finding("u-6", unit: "u-6", subcommand: "sc-2").id
            let hq = F.principal(.hq)
            let unit = F.principal(.unit, "u-5")
            let evidence = [Evidence(fileName: "现场照片.jpg", sha256: String(repeating: "e", count: 64), size: 2048, mediaType: "image/jpeg")]
            _ = try await database.transitionFinding(id, .assign(unit: "u-5", dueAt: F.october(30)), by: hq, at: F.october(22), view: .everything)
            // u-4 is not responsible: the core refuses, and nothing is stored.
            await #expect(throws: CivitasError.self) {
                try await database.transitionFinding(
                    id, .rectify(note: "已整改", evidence: evidence), by: F.principal(.unit, "u-4"), at: F.october(23), view: .everything)
            }
            _ = try await database.transitionFinding(id, .rectify(note: "已整改", evidence: evidence), by: unit, at: F.october(24), view: .unit("u-5"))
            let reopened = try await database.transitionFinding(
                id, .reopen(reason: "仍未分类", dueAt: F.at(month: 11, 5)), by: hq, at: F.october(25), view: .everything)
            #expect(reopened.state.status == .reopened && reopened.state.level == .unit)

            let stored = try #require(try await database.finding(id: id))
            let moves = stored.state.history
            #expect(moves.map(\.action) == ["open", "assign", "rectify", "reopen"])
            #expect(moves.map(\.by) == ["system:job-1", hq.credentialID, unit.credentialID, hq.credentialID])
            #expect(moves.map(\.role) == [nil, .hq, .unit, .hq])
            #expect(moves.map(\.at) == [F.october(21), F.october(22), F.october(24), F.october(25)])
            #expect(moves.map(\.from) == [nil, .open, .assigned, .rectified])
            #expect(moves.map(\.unit) == ["u-6", "u-5", "u-5", "u-5"])
            #expect(moves.map(\.dueAt) == [nil, F.october(30), F.october(30), F.at(month: 11, 5)])
            #expect(moves[2].note == "已整改" && moves[3].note == "仍未分类")
            #expect(stored.state.rectification == Rectification(note: "已整改", evidence: evidence))
            // The finding moved into u-5's view (its block is sc-2 still) and out of u-6's.
            #expect(try await database.findings(FindingQuery(view: .unit("u-5"))).findings.count == 1)
            #expect(try await database.findings(FindingQuery(view: .unit("u-6"))).findings.isEmpty)
            // A unit that cannot see it is told it does not exist.
            await #expect(throws: CivitasError.notFound("There is no finding \(id) in your view of tenant data.")) {
                try await database.transitionFinding(id, .verify(), by: hq, at: F.october(26), view: .unit("u-6"))
            }
        }
    }

    @Test("graded supervision: overdue at unit level goes to the sub-command, then to HQ, each move by the job")
    func escalation() async throws {
        try await withTenantDatabase("cc-city") { database in
            _ = try await F.prepare(database)
            let finding = F.finding("u-6", unit: "u-6", subcommand: "sc-2")
            _ = try await database.storeCrossCheckRun(F.run("job-1"), findings: [finding], finishedAt: F.october(21))
            // Assigned on the 22nd, due the 24th: a window of 2 days.
            _ = try await database.transitionFinding(
                finding.id, .assign(unit: "u-6", dueAt: F.october(24)), by: F.principal(.hq), at: F.october(22), view: .everything)
            #expect(try await database.escalateOverdueFindings(at: F.october(24), actor: "system:esc-0").isEmpty)

            let first = try await database.escalateOverdueFindings(at: F.october(25), actor: "system:esc-1")
            #expect(first.map(\.to) == [.subcommand])
            #expect(try await database.escalateOverdueFindings(at: F.october(25), actor: "system:esc-1b").isEmpty)
            var stored = try #require(try await database.finding(id: finding.id))
            // New due: the 25th + the 2-day window.
            #expect(stored.state.level == .subcommand && stored.state.dueAt == F.october(27) && stored.state.status == .assigned)
            #expect(stored.isOverdue(at: F.october(28)))
            let overdue = try await database.findings(FindingQuery(view: .everything, overdueAt: F.october(28)))
            #expect(overdue.findings.map(\.finding.id) == [finding.id])

            _ = try await database.escalateOverdueFindings(at: F.october(28), actor: "system:esc-2")
            stored = try #require(try await database.finding(id: finding.id))
            #expect(stored.state.level == .hq && stored.state.dueAt == F.october(30))
            #expect(stored.state.history.map(\.action) == ["open", "assign", "escalate", "escalate"])
            #expect(stored.state.history.suffix(2).map(\.by) == ["system:esc-1", "system:esc-2"])
            // At HQ it stays, overdue: there is no higher level.
            #expect(try await database.escalateOverdueFindings(at: F.at(month: 11, 10), actor: "system:esc-3").isEmpty)
            #expect(try await database.verifyAuditLog().intact)
        }
    }

    @Test("listings filter by period, state, rule, block and overdue, and page without gaps")
    func listing() async throws {
        try await withTenantDatabase("cc-city") { database in
            _ = try await F.prepare(database)
            let findings = (1...5).map { F.finding("unit-\($0)", unit: "u-\($0)", subcommand: $0 <= 3 ? "sc-1" : "sc-2") }
            _ = try await database.storeCrossCheckRun(F.run("job-1"), findings: findings, finishedAt: F.october(21))
            _ = try await database.transitionFinding(findings[4].id, .dismiss(reason: "误报"), by: F.principal(.hq), at: F.october(22), view: .everything)

            var query = FindingQuery(view: .everything, limit: 2)
            var pages: [[String]] = []
            repeat {
                let page = try await database.findings(query)
                pages.append(page.findings.map(\.finding.id))
                query.after = page.nextAfter
            } while query.after != nil
            #expect(pages == [[findings[0].id, findings[1].id], [findings[2].id, findings[3].id], [findings[4].id]])
            #expect(try await database.findings(FindingQuery(view: .subcommand("sc-2"))).findings.count == 2)
            #expect(try await database.findings(FindingQuery(view: .everything, subcommand: "sc-1")).findings.count == 3)
            #expect(try await database.findings(FindingQuery(view: .everything, status: .dismissed)).findings.map(\.finding.id) == [findings[4].id])
            #expect(try await database.findings(FindingQuery(view: .everything, rules: [.lateness])).findings.isEmpty)
            #expect(try await database.findings(FindingQuery(view: .everything, period: "2026-09")).findings.isEmpty)
        }
    }

    @Test("an evaluation result names the latest finished cross-check run of its period, none before the first")
    func evaluationNamesTheRun() async throws {
        try await withTenantDatabase("cc-city") { database in
            _ = try await F.prepare(database)
            let before = try await database.storeResult(
                EvaluationFixture.outcome(framework: "cc-test", period: "2026-10", cutoff: 0), period: F.october, tenantTimeZone: F.shanghai,
                jobID: "ev-1", computedAt: F.october(20))
            #expect(try await database.result(id: before)?.summary.crossCheckRun == nil)
            _ = try await database.storeCrossCheckRun(F.run("job-1"), findings: [], finishedAt: F.october(21))
            _ = try await database.storeCrossCheckRun(F.run("job-2"), findings: [], finishedAt: F.october(22))
            var september = F.run("job-sep")
            september.period = "2026-09"
            _ = try await database.storeCrossCheckRun(september, findings: [], finishedAt: F.october(23))
            let after = try await database.storeResult(
                EvaluationFixture.outcome(framework: "cc-test", period: "2026-10", cutoff: 1, earned: 1), period: F.october,
                tenantTimeZone: F.shanghai, jobID: "ev-2", computedAt: F.october(24))
            #expect(try await database.result(id: after)?.summary.crossCheckRun == "job-2")
        }
    }
}
