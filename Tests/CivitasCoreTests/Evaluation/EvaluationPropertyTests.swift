import CivitasCore
import Foundation
import Testing

/// Invariants over a few hundred seeded random frameworks and data sets. A failure names
/// its seed; `RandomScenario(seed:)` replays it.
@Suite("Evaluation properties")
struct EvaluationPropertyTests {
    static let seeds: [UInt64] = Array(1...300)
    static let scopes: [EvaluationScope] = [.city, .subcommand("s1"), .subcommand("s2")]
    static let minimumDurations: [String: UInt32] = ["sv": 30]

    func outcomes(_ scenario: RandomScenario, _ data: EvaluationData) -> [EvaluationOutcome] {
        let evaluator = Evaluator(framework: scenario.framework, organization: EvaluationFixture.organization, data: data)
        return Self.scopes.map(evaluator.evaluate)
    }

    @Test("earned ≤ points at every leaf and node, and every node is the sum of its children")
    func sums() {
        for seed in Self.seeds {
            let scenario = RandomScenario(seed: seed)
            for outcome in outcomes(scenario, scenario.records.data(minimumDurations: Self.minimumDurations)) {
                for leaf in outcome.leaves {
                    #expect(leaf.earned <= leaf.points && leaf.earned >= 0, "seed \(seed) \(leaf.path)")
                    #expect((0...1).contains(leaf.fraction), "seed \(seed) \(leaf.path)")
                }
                for node in outcome.nodes {
                    #expect(node.earned <= node.points, "seed \(seed) \(node.path)")
                    // Children: items under a category, leaves under an item; summed in order from 0.
                    let prefix = node.path + (node.level == .category ? ".items[" : ".indicators[")
                    let children: [(points: Double, earned: Double)] =
                        node.level == .category
                        ? outcome.nodes.filter { $0.level == .item && $0.path.hasPrefix(prefix) }.map { ($0.points, $0.earned) }
                        : outcome.leaves.filter { $0.path.hasPrefix(prefix) }.map { ($0.points, $0.earned) }
                    #expect(node.earned == children.reduce(0) { $0 + $1.earned }, "seed \(seed) \(node.path)")
                    #expect(node.points == children.reduce(0) { $0 + $1.points }, "seed \(seed) \(node.path)")
                }
                let categories = outcome.nodes.filter { $0.level == .category }
                #expect(outcome.earned == categories.reduce(0) { $0 + $1.earned }, "seed \(seed)")
                #expect(outcome.maxPoints == categories.reduce(0) { $0 + $1.points }, "seed \(seed)")
                #expect(outcome.earned <= outcome.maxPoints, "seed \(seed)")
            }
        }
    }

    @Test("shuffling the input rows changes neither the canonical bytes nor the digest")
    func shuffled() {
        for seed in Self.seeds {
            let scenario = RandomScenario(seed: seed)
            var random = SplitMix64(seed: seed ^ 0xF00D)
            let inOrder = scenario.records.data(minimumDurations: Self.minimumDurations)
            let shuffled = scenario.records.data(minimumDurations: Self.minimumDurations, order: scenario.records.rows.shuffled(using: &random))
            #expect(inOrder.inputDigest == shuffled.inputDigest, "seed \(seed)")
            #expect(outcomes(scenario, inOrder).map { $0.canonicalJSON() } == outcomes(scenario, shuffled).map { $0.canonicalJSON() }, "seed \(seed)")
        }
    }

    @Test("folding in two parts (advance in between) equals folding at once, unless a rebuild is asked for")
    func twoParts() {
        var incremental = 0
        for seed in Self.seeds {
            let scenario = RandomScenario(seed: seed)
            var random = SplitMix64(seed: seed ^ 0xBEEF)
            let last = scenario.records.nextSequence - 1
            let split = Int64.random(in: 0...last, using: &random)
            var data = EvaluationData(
                period: EvaluationFixture.period, timeZone: EvaluationFixture.zone, surveyMinimumDurations: Self.minimumDurations)
            EvaluationRecords.fold(scenario.records.rows.filter { $0.sequence <= split }.shuffled(using: &random), into: &data)
            data.advance(to: split)
            // The second part, plus a re-sent row of the first (ignored: at or below the cut-off).
            var late = scenario.records.rows.filter { $0.sequence > split }
            late += scenario.records.rows.filter { $0.sequence <= split }.prefix(1)
            EvaluationRecords.fold(late.shuffled(using: &random), into: &data)
            data.advance(to: last)
            // Exactly when a late survey response precedes its respondent's valid counted one.
            #expect(data.needsRebuild == Self.lateResponseDisplacesCounted(scenario.records.rows, split: split), "seed \(seed)")
            if data.needsRebuild { continue }
            incremental += 1
            let atOnce = scenario.records.data(minimumDurations: Self.minimumDurations)
            #expect(data.inputDigest == atOnce.inputDigest, "seed \(seed)")
            #expect(outcomes(scenario, data).map { $0.canonicalJSON() } == outcomes(scenario, atOnce).map { $0.canonicalJSON() }, "seed \(seed)")
        }
        #expect(incremental > Self.seeds.count / 5)
    }

    /// Whether some respondent's first response among rows ≤ `split` is valid and a row
    /// above `split` precedes it (earlier submitted time, then lower sequence).
    static func lateResponseDisplacesCounted(_ rows: [EvaluationRecords.Row], split: Int64) -> Bool {
        var firstEarly: [String: EvaluationRow.Survey] = [:]
        var firstLate: [String: EvaluationRow.Survey] = [:]
        func precedes(_ a: EvaluationRow.Survey, _ b: EvaluationRow.Survey) -> Bool {
            (a.submittedAtMilliseconds, a.sequence) < (b.submittedAtMilliseconds, b.sequence)
        }
        for case .survey(let row) in rows where EvaluationFixture.period.contains(Date(unixMilliseconds: row.submittedAtMilliseconds)) {
            let key = row.survey + "/" + row.respondent
            if row.sequence <= split {
                if firstEarly[key].map({ precedes(row, $0) }) ?? true { firstEarly[key] = row }
            } else if firstLate[key].map({ precedes(row, $0) }) ?? true {
                firstLate[key] = row
            }
        }
        return firstEarly.contains { key, early in
            let valid =
                !SurveyIntegrity.isStraightLined(early.answers.map(\.answer))
                && !SurveyIntegrity.isTooFast(durationSeconds: early.durationSeconds, minimumSeconds: minimumDurations[early.survey] ?? 0)
            return valid && firstLate[key].map { precedes($0, early) } == true
        }
    }

    @Test("canonical JSON round-trips every outcome exactly")
    func roundTrip() throws {
        for seed in Self.seeds {
            let scenario = RandomScenario(seed: seed)
            for outcome in outcomes(scenario, scenario.records.data(minimumDurations: Self.minimumDurations)) {
                let bytes = outcome.canonicalJSON()
                let decoded = try EvaluationOutcome(canonicalJSON: bytes)
                #expect(decoded == outcome, "seed \(seed)")
                #expect(decoded.canonicalJSON() == bytes, "seed \(seed)")
            }
        }
    }

    @Test("improving one leaf's value in its good direction never lowers the total")
    func monotone() {
        for seed in Self.seeds {
            var random = SplitMix64(seed: seed)
            // Every leaf reads the last point of its own metric, so its v is set directly.
            let count = Int.random(in: 1...8, using: &random)
            let leaves = (0..<count).map { index in
                EvaluationFixture.leaf(
                    "L\(index)", points: Double(Int.random(in: 1...40, using: &random)) / 4, .feed(metric: "m\(index)", aggregate: .last),
                    scoring: RandomScenario.rule(&random))
            }
            let framework = EvaluationFixture.framework(leaves: leaves)
            var values = (0..<count).map { _ in Double.random(in: -0.2...1.2, using: &random) }
            let before = total(framework, values)
            let chosen = Int.random(in: 0..<count, using: &random)
            let step = Double.random(in: 0...0.5, using: &random)
            switch leaves[chosen].scoring {
            case .boolean: values[chosen] = 1
            case .threshold(_, let direction), .linear(_, _, let direction), .bands(_, let direction):
                values[chosen] += direction == .higherIsBetter ? step : -step
            }
            #expect(total(framework, values) >= before, "seed \(seed)")
        }
    }

    private func total(_ framework: PublishedFramework, _ values: [Double]) -> Double {
        var records = EvaluationRecords()
        for (index, value) in values.enumerated() { records.feed("m\(index)", at: EvaluationFixture.at(day: 9), value) }
        return EvaluationFixture.evaluate(framework, records).earned
    }
}
