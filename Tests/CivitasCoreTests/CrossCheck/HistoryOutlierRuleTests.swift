import CivitasCore
import Foundation
import Testing

/// A unit's value against its own past: the sample standard deviation of at least three
/// previous periods.
@Suite("Cross-check: history outlier")
struct HistoryOutlierRuleTests {
    typealias F = CrossCheckFixtures
    let framework = F.framework([F.materialLeaf("waste")])

    func run(history: [Double], current: Double) -> [Finding] {
        let series = HistoryOutlierRule.Series(
            unit: "u-02", indicator: "waste", current: .init(period: "2026-10", sequence: 99, value: current),
            previous: history.enumerated().map { .init(period: "2026-0\($0.offset + 7)", sequence: Int64($0.offset + 1), value: $0.element) })
        return HistoryOutlierRule.findings([series], framework: framework, period: F.october, organization: F.organization)
    }

    @Test("a planted jump is found with mean, sample stdev and sigmas")
    func plantedJump() throws {
        // history 1 2 3: mean 2; sample variance ((−1)² + 0² + 1²) / (3 − 1) = 1 → s = 1.
        // x = 5.5: |5.5 − 2| = 3.5 > 3 × 1 → finding, 3.5 σ ≤ 6 → medium.
        let finding = try #require(run(history: [1, 2, 3], current: 5.5).only)
        #expect(finding.rule == .historyOutlier)
        #expect(finding.sequences == [99])
        #expect(finding.unit == "u-02" && finding.subcommand == "sc-01")
        #expect(finding.figures["x"] == 5.5)
        #expect(finding.figures["mean"] == 2)
        #expect(finding.figures["stdev"] == 1)
        #expect(finding.figures["sigmas"] == 3.5)
        #expect(finding.figures["periods"] == 3)
        #expect(finding.severity == .medium)
    }

    @Test("beyond six standard deviations the finding is high")
    func high() throws {
        // |9 − 2| = 7 > 6 × 1.
        #expect(try #require(run(history: [1, 2, 3], current: 9).only).severity == .high)
    }

    @Test("exactly three sample standard deviations is no finding (the population one would flag it)")
    func edge() {
        // |5 − 2| = 3 = 3 × s. The population stdev √(2/3) ≈ 0.816 would put 5 at 3.67 σ.
        #expect(run(history: [1, 2, 3], current: 5).isEmpty)
        #expect(run(history: [1, 2, 3], current: -1).isEmpty)
    }

    @Test("clean data finds nothing")
    func clean() {
        #expect(run(history: [10, 12, 11, 13], current: 12.5).isEmpty)
    }

    @Test("stdev 0 (a flat history) skips the unit, however far the new value")
    func flatHistory() {
        #expect(run(history: [4, 4, 4], current: 100).isEmpty)
    }

    @Test("fewer than three previous periods are not judged")
    func shortHistory() {
        #expect(run(history: [1, 3], current: 100).isEmpty)
    }

    @Test("series are built from stored rows of each period, counting reports only")
    func seriesFromRows() throws {
        let months = try ["2026-07", "2026-08", "2026-09"].map { try Period(parsing: $0, timeZone: F.zone) }
        let history = months.enumerated().map { index, month in
            (period: month, rows: [F.report(Int64(10 + index), unit: "u-02", indicator: "waste", value: Double(index + 1), period: month)])
        }
        // October: a superseded 2.5 (sequence 20) and the counting 9 (sequence 21).
        let current = [
            F.report(20, unit: "u-02", indicator: "waste", value: 2.5), F.report(21, unit: "u-02", indicator: "waste", value: 9),
        ]
        let series = HistoryOutlierRule.series(current: current, in: F.october, history: history)
        #expect(series.count == 1)
        #expect(series.first?.current.sequence == 21)
        #expect(series.first?.previous.map(\.value) == [1, 2, 3])
        let finding = try #require(
            HistoryOutlierRule.findings(series, framework: framework, period: F.october, organization: F.organization).only)
        #expect(finding.sequences == [21])
        // mean 2, s 1 as above; |9 − 2| = 7.
        #expect(finding.figures["x"] == 9 && finding.figures["mean"] == 2 && finding.figures["stdev"] == 1)
    }

    @Test("re-running yields identical ids")
    func stableIdentity() {
        #expect(run(history: [1, 2, 3], current: 9).map(\.id) == run(history: [1, 2, 3], current: 9).map(\.id))
    }
}
