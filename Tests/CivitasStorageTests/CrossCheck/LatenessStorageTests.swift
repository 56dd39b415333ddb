import CivitasCore
import CivitasStorage
import Foundation
import Testing

/// Lateness through storage: the late records of one party and subject make one finding,
/// and when more of them arrive, the next run refreshes that finding in place — its
/// records, figures and message — keeping its workflow state.
@Suite("Lateness findings in storage")
struct LatenessStorageTests {
    typealias F = CrossCheckStorageFixture

    /// October's deadline: 2026-11-04 00:00 Shanghai (the end plus 3 grace days).
    static let deadline = F.at(month: 11, 4, hour: 0)

    @Test("late records group by party and subject; a later late record joins its group's finding, whose state is kept")
    func aGroupGrowsInPlace() async throws {
        try await withTenantDatabase("cc-city") { database in
            let framework = try await F.prepare(database)
            // u-5 (sc-2) sends October's m-volume on Nov 5 00:00 (1 day late) and corrects it
            // on Nov 6 12:00 (2.5 days late); two city-wide aqi points arrive on Nov 5.
            let u5 = [
                try await F.material(database, "v-u-5", unit: "u-5", value: 99, receivedAt: F.at(month: 11, 5, hour: 0)),
                try await F.material(database, "v-u-5b", unit: "u-5", value: 97, receivedAt: F.at(month: 11, 6, hour: 12)),
            ]
            let aqi = [
                try await F.feed(database, "aq-1", metric: "aqi", value: 50, receivedAt: F.at(month: 11, 5, hour: 0)),
                try await F.feed(database, "aq-2", metric: "aqi", value: 60, receivedAt: F.at(month: 11, 5, hour: 6)),
            ]
            // On time: not part of any finding.
            _ = try await F.material(database, "v-u-6", unit: "u-6", value: 100)

            let first = try await database.crossCheck(framework: framework, period: F.october, rules: [.lateness])
            #expect(first.findings.map(\.sequences) == [u5, aqi])
            let group = try #require(first.findings.first)
            #expect(group.subject == "channel=material;unit=u-5;subcommand=sc-2;period=2026-10")
            #expect(group.unit == "u-5" && group.subcommand == "sc-2")
            // Latest receipt Nov 6 12:00 = the deadline + 2.5 days.
            #expect(group.figures["lateRecords"] == 2 && group.figures["daysLate"] == 2.5)
            #expect(first.findings[1].subject == "channel=feed;period=2026-10" && first.findings[1].figures["lateRecords"] == 2)
            let stored = try await database.storeCrossCheckRun(F.run("job-1"), findings: first.findings, finishedAt: F.at(month: 11, 7))
            #expect(stored.found == 2 && stored.newFindings == 2)
            let due = F.at(month: 11, 20)
            _ = try await database.transitionFinding(
                group.id, .assign(unit: "u-5", dueAt: due, note: "按时报送"), by: F.principal(.hq), at: F.at(month: 11, 7, hour: 13), view: .everything)

            // Nov 8 00:00: u-5 sends a third report (4 days late). The next run finds the same
            // group, grown: one finding refreshed, none new.
            let third = try await F.material(database, "v-u-5c", unit: "u-5", value: 98, receivedAt: F.at(month: 11, 8, hour: 0))
            let second = try await database.crossCheck(framework: framework, period: F.october, rules: [.lateness])
            #expect(second.findings.map(\.id) == first.findings.map(\.id))
            let rerun = try await database.storeCrossCheckRun(F.run("job-2"), findings: second.findings, finishedAt: F.at(month: 11, 9))
            #expect(rerun.found == 2 && rerun.newFindings == 0 && rerun.refreshed == 1)

            let grown = try #require(try await database.finding(id: group.id))
            #expect(grown.finding.sequences == u5 + [third])
            #expect(grown.finding.figures["lateRecords"] == 3 && grown.finding.figures["daysLate"] == 4)
            #expect(grown.finding.figures["firstReceivedAt"] == Double(F.at(month: 11, 5, hour: 0).unixMilliseconds))
            #expect(grown.finding.figures["latestReceivedAt"] == Double(F.at(month: 11, 8, hour: 0).unixMilliseconds))
            #expect(grown.finding.message.hasPrefix("3 material records (unit u-5 of sub-command sc-2; m-volume) for 2026-10 arrived 1 to 4 days"))
            #expect(grown.state.status == .assigned && grown.state.unit == "u-5" && grown.state.dueAt == due)
            #expect(grown.state.history.map(\.action) == ["open", "assign"] && grown.runID == "job-1")
            let listed = try await database.findings(FindingQuery(view: .everything, rules: [.lateness]))
            #expect(listed.findings.count == 2)
        }
    }
}
