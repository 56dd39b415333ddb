import CivitasCore
import Testing

/// A volume check without timing assertions: 200,000 rows of the four kinds fold and
/// evaluate without error, and the counts come out as built.
@Suite("Evaluation fold volume")
struct FoldVolumeTests {
    @Test("200,000 rows fold without error")
    func twoHundredThousand() {
        typealias F = EvaluationFixture
        var data = EvaluationData(period: F.period, timeZone: F.zone, surveyMinimumDurations: ["sv": 30])
        let periodStart = F.period.start.unixMilliseconds
        let periodEnd = F.period.end.unixMilliseconds
        let spacing = (periodEnd - periodStart) / 50_000
        for index in 0..<50_000 {
            let sequence = Int64(index * 4)
            let at = periodStart + Int64(index) * spacing
            data.add(
                EvaluationRow.Feed(
                    sequence: sequence + 1, contentHash: F.hash(index * 4 + 1), metric: "aqi", subcommand: index % 3 == 0 ? nil : "s\(index % 3)",
                    observedAtMilliseconds: at, value: Double(index % 200) + 0.25))
            data.add(
                EvaluationRow.Inspection(
                    sequence: sequence + 2, contentHash: F.hash(index * 4 + 2), point: "p\(index % 500)", observedAtMilliseconds: at,
                    checks: [("c1", index % 4 != 0), ("c2", true)]))
            data.add(
                EvaluationRow.Survey(
                    sequence: sequence + 3, contentHash: F.hash(index * 4 + 3), survey: "sv", respondent: "r\(index)", subcommand: "s1",
                    submittedAtMilliseconds: at, durationSeconds: 300, answers: [("q1", UInt32(index % 5 + 1)), ("q2", 3), ("q3", 4)]))
            data.add(
                EvaluationRow.Material(
                    sequence: sequence + 4, contentHash: F.hash(index * 4 + 4), unit: "u\(index % 1000)", indicator: "m\(index % 10)",
                    periodStartMilliseconds: periodStart, periodEndMilliseconds: periodEnd, value: Double(index), provided: nil))
        }
        data.advance(to: 200_000)
        // Every feed, inspection and survey row counts (150,000); material: the indicator
        // m(i % 10) is fixed by the unit u(i % 1000) (10 divides 1,000), so 50,000 reports
        // fill 1,000 slots and one report per slot counts.
        #expect(data.countedRecords == 150_000 + 1_000)
        let framework = F.framework(leaves: [
            F.leaf("air", .feed(metric: "aqi", aggregate: .ratioDays(Condition(.atMost, 100)))),
            F.leaf("clean", .inspection(check: "c1")),
            F.leaf("satisfied", .survey(survey: "sv", question: "q1", statistic: .satisfiedRate(satisfiedAt: 4))),
        ])
        let outcome = Evaluator(framework: framework, organization: F.organization, data: data).evaluate(.city)
        #expect(outcome.leaves.map(\.samples) == [31, 50_000, 50_000])
        #expect(outcome.leaves[1].value == 0.75)  // c1 fails for every fourth record
        #expect(outcome.leaves[2].value == 0.4)  // answers cycle 1…5: {4, 5} are 2 of 5
    }
}
