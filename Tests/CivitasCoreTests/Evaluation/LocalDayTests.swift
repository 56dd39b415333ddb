import CivitasCore
import Foundation
import Testing

/// `ratio_days` groups points by local calendar day in the framework's zone, including
/// the 25-hour day when daylight saving ends (DOMAIN §3.1).
@Suite("Evaluation local days")
struct LocalDayTests {
    @Test("a 25-hour local day is one day")
    func daylightSavingEnds() throws {
        // New York, November 2026: clocks go back from 02:00 EDT to 01:00 EST on Sunday the 1st,
        // so November 1 runs from 04:00Z to 05:00Z the next day.
        let zone = try #require(TimeZone(identifier: "America/New_York"))
        let period = try Period(parsing: "2026-11", timeZone: zone)
        func at(_ iso: String) -> Int64 { ISO8601DateFormatter().date(from: iso)!.unixMilliseconds }
        var data = EvaluationData(period: period, timeZone: zone, surveyMinimumDurations: [:])
        let points: [(String, Double)] = [
            ("2026-11-01T04:30:00Z", 150),  // Nov 1, 00:30 EDT
            ("2026-11-02T04:30:00Z", 10),  // Nov 1, 23:30 EST: still November 1
            ("2026-11-02T17:00:00Z", 150),  // Nov 2, 12:00 EST
            ("2026-11-02T18:00:00Z", 150),  // Nov 2, 13:00 EST
        ]
        for (index, point) in points.enumerated() {
            data.add(
                EvaluationRow.Feed(
                    sequence: Int64(index + 1), contentHash: EvaluationFixture.hash(index), metric: "aqi", subcommand: nil,
                    observedAtMilliseconds: at(point.0), value: point.1))
        }
        data.advance(to: 4)
        // Nov 1: (150 + 10)/2 = 80 ≤ 100 good; Nov 2: 150 bad → 1 of 2 days = 0.5.
        // (Cutting days every 24 h from the start would give Nov 1 = 150 bad, Nov 2 =
        // (10 + 150 + 150)/3 = 103.3 bad → 0.)
        let leaf = EvaluationFixture.leaf("air", .feed(metric: "aqi", aggregate: .ratioDays(Condition(.atMost, 100))))
        let outcome = Evaluator(framework: EvaluationFixture.framework(leaves: [leaf]), organization: EvaluationFixture.organization, data: data)
            .evaluate(.city)
        #expect(outcome.leaves[0].value == 0.5)
        #expect(outcome.leaves[0].samples == 2)
        #expect(outcome.period == "2026-11")
    }
}
