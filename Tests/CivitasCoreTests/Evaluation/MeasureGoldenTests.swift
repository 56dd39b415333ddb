import CivitasCore
import Testing

/// One golden per measure kind (DOMAIN §3.1), each computed by hand. The scoring rule is
/// linear 0 → 100 (or 0 → 1), so `f` restates `v` and `earned = points × f` is checked too.
@Suite("Evaluation measures")
struct MeasureGoldenTests {
    typealias F = EvaluationFixture

    /// u1 = 10, u2 = 20, u3 reported only "provided", u4 (another block) 40; u0 assigned but silent.
    /// An older u1 report (30, sequence 1) is superseded by the newer one (10).
    func materialRecords() -> EvaluationRecords {
        var records = EvaluationRecords()
        records.material("u1", "m", value: 30)
        records.material("u1", "m", value: 10)
        records.material("u2", "m", value: 20)
        records.material("u3", "m", provided: true)
        records.material("u4", "m", value: 40)
        return records
    }

    func materialLeaf(_ aggregate: MaterialAggregate) -> FrameworkIndicator {
        F.leaf("m", .material(aggregate), scoring: .linear(floor: 0, target: 100, direction: .higherIsBetter), units: ["u0", "u1", "u2", "u3", "u4"])
    }

    @Test("material sum: over the units that reported a number")
    func materialSum() throws {
        // 10 + 20 + 40 = 70 from 3 units; f = 70/100 = 0.7; earned = 10 × 0.7 = 7.
        let leaf = try #require(F.evaluateLeaf(materialLeaf(.sum), materialRecords()))
        #expect(leaf.value == 70)
        #expect(leaf.samples == 3)
        #expect(leaf.fraction == 0.7)
        #expect(leaf.earned == 7)
        #expect(leaf.flags.isEmpty)
    }

    @Test("material mean")
    func materialMean() throws {
        // (10 + 20 + 40) / 3 = 23.333…; f = 0.2333…
        let leaf = try #require(F.evaluateLeaf(materialLeaf(.mean), materialRecords()))
        #expect(leaf.value == 70.0 / 3)
        #expect(leaf.samples == 3)
        #expect(leaf.fraction == (70.0 / 3) / 100)
    }

    @Test("material min")
    func materialMin() throws {
        // min(10, 20, 40) = 10 — the superseded 30 of u1 does not count.
        let leaf = try #require(F.evaluateLeaf(materialLeaf(.min), materialRecords()))
        #expect(leaf.value == 10)
        #expect(leaf.samples == 3)
    }

    @Test("material max")
    func materialMax() throws {
        // max(10, 20, 40) = 40.
        let leaf = try #require(F.evaluateLeaf(materialLeaf(.max), materialRecords()))
        #expect(leaf.value == 40)
        #expect(leaf.earned == 4)
    }

    /// u1, u2 provided; u3 reported "not provided"; u0 silent.
    func providedRecords() -> EvaluationRecords {
        var records = EvaluationRecords()
        records.material("u1", "m", provided: true)
        records.material("u2", "m", provided: true)
        records.material("u3", "m", provided: false)
        return records
    }

    @Test("material all: every assigned unit provided, else 0")
    func materialAll() throws {
        let leaf = F.leaf("m", .material(.all), scoring: .boolean, units: ["u1", "u2", "u3"])
        // u3 reported false → 0; samples = 3 units reported.
        let notAll = try #require(F.evaluateLeaf(leaf, providedRecords()))
        #expect(notAll.value == 0)
        #expect(notAll.samples == 3)
        #expect(notAll.earned == 0)
        // Only u1 and u2 assigned → both provided → 1, earned 10.
        let all = try #require(F.evaluateLeaf(F.leaf("m", .material(.all), scoring: .boolean, units: ["u1", "u2"]), providedRecords()))
        #expect(all.value == 1)
        #expect(all.earned == 10)
        // A silent assigned unit (u0) is not "provided": 0.
        let silent = try #require(F.evaluateLeaf(F.leaf("m", .material(.all), scoring: .boolean, units: ["u0", "u1", "u2"]), providedRecords()))
        #expect(silent.value == 0)
        #expect(silent.samples == 2)
    }

    @Test("material share: provided ÷ every assigned unit in scope")
    func materialShare() throws {
        // Assigned u0–u3: 2 provided (u1, u2) of 4 assigned = 0.5; samples = 3 that reported.
        let leaf = F.leaf("m", .material(.share), units: ["u0", "u1", "u2", "u3"])
        let outcome = try #require(F.evaluateLeaf(leaf, providedRecords()))
        #expect(outcome.value == 0.5)
        #expect(outcome.samples == 3)
        #expect(outcome.earned == 5)
    }

    @Test("inspection: passed ÷ all checks of the code")
    func inspection() throws {
        var records = EvaluationRecords()
        records.inspection("p1", [("c1", true), ("c1", false), ("c2", true)])
        records.inspection("p2", [("c1", true)])
        records.inspection("p3", [("c2", false)])
        // c1: passed 2 (p1, p2) of 3 checks = 0.666…
        let leaf = try #require(F.evaluateLeaf(F.leaf("i", .inspection(check: "c1")), records))
        #expect(leaf.value == 2.0 / 3)
        #expect(leaf.samples == 3)
        #expect(leaf.earned == 10 * (2.0 / 3))
    }

    /// Five respondents answer q1 = 5, 4, 3, 2, 1 (and q2, so no one straight-lines).
    func surveyRecords() -> EvaluationRecords {
        var records = EvaluationRecords()
        for (index, answer) in [5, 4, 3, 2, 1].enumerated() {
            records.survey(respondent: "r\(index)", [("q1", UInt32(answer)), ("q2", 3)])
        }
        return records
    }

    @Test("survey satisfied_rate: share of valid answers ≥ satisfied_at")
    func surveySatisfiedRate() throws {
        // Answers ≥ 4: {5, 4} = 2 of 5 = 0.4.
        let leaf = F.leaf("s", .survey(survey: "sv", question: "q1", statistic: .satisfiedRate(satisfiedAt: 4)))
        let outcome = try #require(F.evaluateLeaf(leaf, surveyRecords()))
        #expect(outcome.value == 0.4)
        #expect(outcome.samples == 5)
        #expect(outcome.earned == 4)
    }

    @Test("survey mean_normalized: (mean − 1) ÷ 4")
    func surveyMeanNormalized() throws {
        // mean = (5+4+3+2+1)/5 = 3; (3 − 1)/4 = 0.5.
        let leaf = F.leaf("s", .survey(survey: "sv", question: "q1", statistic: .meanNormalized))
        let outcome = try #require(F.evaluateLeaf(leaf, surveyRecords()))
        #expect(outcome.value == 0.5)
        #expect(outcome.samples == 5)
    }

    /// AQI: day 1 = 80 and 120 (mean 100), day 2 = 150, day 3 = 60; one point on
    /// 2026-11-01 (outside the period) and one on 2026-09-30 are ignored.
    func feedRecords() -> EvaluationRecords {
        var records = EvaluationRecords()
        records.feed("aqi", at: F.at(day: 1, hour: 8), 80)
        records.feed("aqi", subcommand: "s1", at: F.at(day: 1, hour: 20), 120)
        records.feed("aqi", at: F.at(day: 2, hour: 0), 150)
        records.feed("aqi", at: F.at(day: 3, hour: 23, minute: 59), 60)
        records.feed("aqi", at: F.at(day: 32, hour: 0), 500)
        records.feed("aqi", at: F.at(day: 0, hour: 23), 500)
        return records
    }

    @Test("feed mean")
    func feedMean() throws {
        // (80 + 120 + 150 + 60) / 4 = 410 / 4 = 102.5.
        let leaf = F.leaf("f", .feed(metric: "aqi", aggregate: .mean), scoring: .linear(floor: 200, target: 0, direction: .lowerIsBetter))
        let outcome = try #require(F.evaluateLeaf(leaf, feedRecords()))
        #expect(outcome.value == 102.5)
        #expect(outcome.samples == 4)
        // f = (200 − 102.5) / (200 − 0) = 0.4875.
        #expect(outcome.fraction == 0.4875)
    }

    @Test("feed sum")
    func feedSum() throws {
        // 80 + 120 + 150 + 60 = 410.
        let outcome = try #require(F.evaluateLeaf(F.leaf("f", .feed(metric: "aqi", aggregate: .sum)), feedRecords()))
        #expect(outcome.value == 410)
        #expect(outcome.samples == 4)
    }

    @Test("feed sums are exact, then rounded once")
    func feedSumExact() throws {
        // 1e100 + 1 − 1e100: a running sum loses the 1 (0); the exact sum is 1.
        var cancelling = EvaluationRecords()
        for value in [1e100, 1, -1e100] { cancelling.feed("x", at: F.at(day: 2), value) }
        let sum = try #require(F.evaluateLeaf(F.leaf("f", .feed(metric: "x", aggregate: .sum)), cancelling))
        #expect(sum.value == 1)
        // Ten times 0.1: a running sum gives 0.9999999999999999; the exact sum of the ten
        // doubles is 1.0000000000000000555…, which rounds to 1.
        var tenths = EvaluationRecords()
        for day in 1...10 { tenths.feed("x", at: F.at(day: day), 0.1) }
        let total = try #require(F.evaluateLeaf(F.leaf("f", .feed(metric: "x", aggregate: .sum)), tenths))
        #expect(total.value == 1)
        let mean = try #require(F.evaluateLeaf(F.leaf("f", .feed(metric: "x", aggregate: .mean)), tenths))
        #expect(mean.value == 0.1)
    }

    @Test("feed last: latest observed time, then highest sequence")
    func feedLast() throws {
        var records = feedRecords()
        // The latest in the window is day 3 23:59 (60); a second point at the same time
        // with a higher sequence (70) wins; an earlier point added later (90) does not.
        records.feed("aqi", at: F.at(day: 3, hour: 23, minute: 59), 70, sequence: 100)
        records.feed("aqi", at: F.at(day: 2, hour: 1), 90, sequence: 101)
        records.feed("aqi", at: F.at(day: 3, hour: 23, minute: 59), 65, sequence: 50)
        let outcome = try #require(F.evaluateLeaf(F.leaf("f", .feed(metric: "aqi", aggregate: .last), scoring: .boolean), records))
        #expect(outcome.value == 70)
        #expect(outcome.samples == 7)
    }

    @Test("feed ratio_days: days whose daily mean meets the condition ÷ days with data")
    func feedRatioDays() throws {
        // Day 1 mean (80+120)/2 = 100 ≤ 100 good; day 2 150 bad; day 3 60 good → 2/3.
        // Days are local: day 2's point is at 00:00 local (16:00 UTC on day 1).
        let leaf = F.leaf("f", .feed(metric: "aqi", aggregate: .ratioDays(Condition(.atMost, 100))))
        let outcome = try #require(F.evaluateLeaf(leaf, feedRecords()))
        #expect(outcome.value == 2.0 / 3)
        #expect(outcome.samples == 3)
    }

    @Test("no data at all: missing, v nil, f 0")
    func missing() throws {
        for measure: Measure in [
            .material(.sum), .material(.share), .inspection(check: "c9"), .survey(survey: "sv", question: "q9", statistic: .meanNormalized),
            .feed(metric: "none", aggregate: .ratioDays(Condition(.atLeast, 1))),
        ] {
            let outcome = try #require(F.evaluateLeaf(F.leaf("x", measure, units: ["u1"]), EvaluationRecords()))
            #expect(outcome.value == nil)
            #expect(outcome.fraction == 0)
            #expect(outcome.earned == 0)
            #expect(outcome.flags == [.missing])
            #expect(outcome.samples == 0)
        }
    }

    @Test("below min_samples: insufficient, v nil, f 0, samples kept")
    func insufficient() throws {
        // 3 checks of c1 < min_samples 4 → insufficient; with min 3 it scores 2/3.
        var records = EvaluationRecords()
        records.inspection("p1", [("c1", true), ("c1", false)])
        records.inspection("p2", [("c1", true)])
        let short = try #require(F.evaluateLeaf(F.leaf("i", .inspection(check: "c1"), minimumSamples: 4), records))
        #expect(short.value == nil)
        #expect(short.fraction == 0)
        #expect(short.earned == 0)
        #expect(short.flags == [.insufficient])
        #expect(short.samples == 3)
        let enough = try #require(F.evaluateLeaf(F.leaf("i", .inspection(check: "c1"), minimumSamples: 3), records))
        #expect(enough.value == 2.0 / 3)
        #expect(enough.flags.isEmpty)
        // ratio_days counts days: 3 days of data < 4.
        let days = try #require(
            F.evaluateLeaf(F.leaf("f", .feed(metric: "aqi", aggregate: .ratioDays(Condition(.atMost, 100))), minimumSamples: 4), feedRecords()))
        #expect(days.flags == [.insufficient])
        #expect(days.samples == 3)
    }

    @Test("material reports count only when their reporting period lies inside the evaluated one")
    func materialWindow() throws {
        var records = EvaluationRecords()
        records.material("u1", "m", value: 5, period: "2026-10-01..2026-10-15")
        records.material("u2", "m", value: 7, period: "2026-Q4")
        records.material("u3", "m", value: 11, period: "2026-09")
        // Only u1's half-month report lies inside October: sum 5.
        let outcome = try #require(F.evaluateLeaf(materialLeaf(.sum), records))
        #expect(outcome.value == 5)
        #expect(outcome.samples == 1)
    }

    @Test("a report for a later-ending reporting period supersedes one with a higher sequence")
    func materialSupersession() throws {
        var records = EvaluationRecords()
        records.material("u1", "m", value: 9, period: "2026-10", sequence: 5)
        records.material("u1", "m", value: 3, period: "2026-10-01..2026-10-10", sequence: 6)
        // 2026-10 ends later than 2026-10-10, so 9 counts although 3 is newer.
        let outcome = try #require(F.evaluateLeaf(materialLeaf(.sum), records))
        #expect(outcome.value == 9)
    }
}
