import CivitasCore
import Foundation
import Testing

/// Records received after the period's end plus the grace days, in the tenant's zone: one
/// finding per responsible party and subject, whatever the number of late records.
@Suite("Cross-check: lateness")
struct LatenessRuleTests {
    typealias F = CrossCheckFixtures

    /// October 2026 ends at 2026-11-01 00:00 Asia/Shanghai = 2026-10-31T16:00:00Z;
    /// five grace days later: 2026-11-05T16:00:00Z.
    static let deadline = F.milliseconds(try! Date("2026-11-05T16:00:00Z", strategy: .iso8601))
    static let hour: Int64 = 3_600_000
    static let day: Int64 = 86_400_000

    static func receipt(
        _ sequence: Int64, _ channel: Channel = .material, at received: Int64, code: String = "waste", unit: String? = "u-03",
        subcommand: String? = "sc-01"
    ) -> LatenessRule.Receipt {
        LatenessRule.Receipt(sequence: sequence, channel: channel, receivedAtMilliseconds: received, code: code, unit: unit, subcommand: subcommand)
    }

    func run(_ receipts: [LatenessRule.Receipt], graceDays: Int = 5) -> [Finding] {
        LatenessRule.findings(receipts, framework: F.framework([F.materialLeaf("waste")], graceDays: graceDays), period: F.october)
    }

    func run(receivedAt: Int64, graceDays: Int = 5) -> [Finding] {
        run([Self.receipt(42, at: receivedAt)], graceDays: graceDays)
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
        #expect(finding.subject == "channel=material;unit=u-03;subcommand=sc-01;period=2026-10")
        #expect(finding.figures["daysLate"] == 1.5 && finding.figures["graceDays"] == 5 && finding.figures["lateRecords"] == 1
            && finding.figures["codes"] == 1)
        #expect(finding.figures["deadline"] == Double(Self.deadline))
        #expect(
            finding.message == "The material record 42 (unit u-03 of sub-command sc-01; waste) for 2026-10 arrived 1.5 days after the deadline: "
                + "the period's end plus 5 grace days.")
    }

    @Test("late records of two groups make two findings, each with all its records and figures; on-time records of a group are left out")
    func grouped() throws {
        let findings = run([
            // sc-02's survey wave: three responses 2 h, 1 day and 6.5 days late, one on time.
            Self.receipt(10, .survey, at: Self.deadline + 2 * Self.hour, code: "s-1", unit: nil, subcommand: "sc-02"),
            Self.receipt(11, .survey, at: Self.deadline + Self.day, code: "s-1", unit: nil, subcommand: "sc-02"),
            Self.receipt(12, .survey, at: Self.deadline + 6 * Self.day + 12 * Self.hour, code: "s-1", unit: nil, subcommand: "sc-02"),
            Self.receipt(13, .survey, at: Self.deadline - Self.hour, code: "s-1", unit: nil, subcommand: "sc-02"),
            // u-03's two waste reports, both 3 days late (one batch).
            Self.receipt(7, at: Self.deadline + 3 * Self.day),
            Self.receipt(8, at: Self.deadline + 3 * Self.day),
        ])
        #expect(findings.count == 2)
        // Ordered by each group's lowest sequence: u-03's (7) before sc-02's (10).
        let waste = findings[0]
        #expect(waste.sequences == [7, 8] && waste.unit == "u-03" && waste.subcommand == "sc-01")
        #expect(waste.figures["lateRecords"] == 2 && waste.figures["daysLate"] == 3)
        #expect(waste.figures["firstReceivedAt"] == Double(Self.deadline + 3 * Self.day))
        #expect(waste.figures["latestReceivedAt"] == Double(Self.deadline + 3 * Self.day))
        #expect(waste.message.hasPrefix("2 material records (unit u-03 of sub-command sc-01; waste) for 2026-10 arrived 3 days after the deadline"))

        let wave = findings[1]
        #expect(wave.subject == "channel=survey;subcommand=sc-02;period=2026-10")
        #expect(wave.sequences == [10, 11, 12] && wave.unit == nil && wave.subcommand == "sc-02")
        // Latest: 6.5 days late; first: 2 h = 2/24 ≈ 0.0833 days late.
        #expect(wave.figures["lateRecords"] == 3 && wave.figures["daysLate"] == 6.5 && wave.figures["graceDays"] == 5)
        #expect(wave.figures["firstReceivedAt"] == Double(Self.deadline + 2 * Self.hour))
        #expect(wave.figures["latestReceivedAt"] == Double(Self.deadline + 6 * Self.day + 12 * Self.hour))
        #expect(wave.message.hasPrefix("3 survey records (sub-command sc-02; s-1) for 2026-10 arrived 0.0833 to 6.5 days after the deadline"))
    }

    @Test("a unit and a block each make their own group, whatever the codes; a city-wide feed names no block")
    func groupKeys() {
        let late = Self.deadline + Self.day
        let findings = run([
            Self.receipt(1, at: late), Self.receipt(2, at: late, unit: "u-04"), Self.receipt(3, at: late, code: "volume"),
            Self.receipt(4, .feed, at: late, code: "aqi", unit: nil, subcommand: nil),
            Self.receipt(5, .feed, at: late, code: "pm25", unit: nil, subcommand: nil),
            Self.receipt(6, .feed, at: late, code: "aqi", unit: nil, subcommand: nil),
        ])
        // u-03's waste and volume reports are one party's: one finding naming both codes.
        #expect(findings.map(\.sequences) == [[1, 3], [2], [4, 5, 6]])
        #expect(findings[0].figures["codes"] == 2 && findings[0].message.contains("; volume, waste)"))
        #expect(findings[2].subject == "channel=feed;period=2026-10" && findings[2].subcommand == nil)
        #expect(findings[2].message.hasPrefix("3 feed records (city-wide; aqi, pm25)"))
    }

    @Test("the id stays when more late records of the group arrive, so a re-run refreshes the finding")
    func identityOfAGrowingGroup() throws {
        let first = try #require(run([Self.receipt(42, at: Self.deadline + 1)]).only)
        let grown = try #require(run([Self.receipt(42, at: Self.deadline + 1), Self.receipt(57, at: Self.deadline + Self.day)]).only)
        #expect(grown.id == first.id && grown.identity == .subject)
        #expect(grown.sequences == [42, 57] && grown.figures["lateRecords"] == 2 && grown.figures != first.figures)
        // The id is the rule and subject alone.
        #expect(first.id == Finding.identity(rule: .lateness, sequences: [], subject: first.subject, identity: .subject))
    }

    @Test("exactly at the deadline is on time; a millisecond later is late")
    func edge() {
        #expect(run(receivedAt: Self.deadline).isEmpty)
        #expect(run(receivedAt: Self.deadline + 1).count == 1)
        let mixed = run([Self.receipt(1, at: Self.deadline), Self.receipt(2, at: Self.deadline + 1)])
        #expect(mixed.map(\.sequences) == [[2]])
    }

    @Test("clean data finds nothing; without grace days the period's end is the deadline")
    func clean() {
        #expect(run(receivedAt: F.midOctober()).isEmpty)
        #expect(run([]).isEmpty)
        let end = F.milliseconds(F.october.end)
        #expect(run(receivedAt: end, graceDays: 0).isEmpty)
        #expect(run(receivedAt: end + 1, graceDays: 0).count == 1)
    }

    @Test("re-running yields identical ids")
    func stableIdentity() {
        #expect(run(receivedAt: Self.deadline + 1).map(\.id) == run(receivedAt: Self.deadline + 1).map(\.id))
    }
}
