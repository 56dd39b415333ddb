import CivitasCore
import Foundation
import Testing

/// Records received after the period's end plus the grace days, in the tenant's zone.
@Suite("Cross-check: lateness")
struct LatenessRuleTests {
    typealias F = CrossCheckFixtures

    /// October 2026 ends at 2026-11-01 00:00 Asia/Shanghai = 2026-10-31T16:00:00Z;
    /// five grace days later: 2026-11-05T16:00:00Z.
    static let deadline = F.milliseconds(try! Date("2026-11-05T16:00:00Z", strategy: .iso8601))

    func run(receivedAt: Int64, graceDays: Int = 5) -> [Finding] {
        LatenessRule.findings(
            [LatenessRule.Receipt(sequence: 42, channel: .material, receivedAtMilliseconds: receivedAt, code: "waste", unit: "u-03", subcommand: "sc-01")],
            framework: F.framework([F.materialLeaf("waste")], graceDays: graceDays), period: F.october)
    }

    @Test("the deadline is the period's local end plus the grace days")
    func deadline() {
        let framework = F.framework([F.materialLeaf("waste")], graceDays: 5)
        #expect(F.milliseconds(LatenessRule.deadline(of: F.october, framework: framework)) == Self.deadline)
    }

    @Test("a record received after the deadline is found with how late it was")
    func late() throws {
        // 1.5 days = 129,600,000 ms after the deadline.
        let finding = try #require(run(receivedAt: Self.deadline + 129_600_000).only)
        #expect(finding.rule == .lateness && finding.severity == .low)
        #expect(finding.sequences == [42])
        #expect(finding.unit == "u-03" && finding.subcommand == "sc-01")
        #expect(finding.figures["daysLate"] == 1.5 && finding.figures["graceDays"] == 5)
        #expect(finding.figures["deadline"] == Double(Self.deadline))
    }

    @Test("exactly at the deadline is on time; a millisecond later is late")
    func edge() {
        #expect(run(receivedAt: Self.deadline).isEmpty)
        #expect(run(receivedAt: Self.deadline + 1).count == 1)
    }

    @Test("clean data finds nothing; without grace days the period's end is the deadline")
    func clean() {
        #expect(run(receivedAt: F.midOctober()).isEmpty)
        let end = F.milliseconds(F.october.end)
        #expect(run(receivedAt: end, graceDays: 0).isEmpty)
        #expect(run(receivedAt: end + 1, graceDays: 0).count == 1)
    }

    @Test("re-running yields identical ids")
    func stableIdentity() {
        #expect(run(receivedAt: Self.deadline + 1).map(\.id) == run(receivedAt: Self.deadline + 1).map(\.id))
    }
}
