import CivitasCore
import Testing

/// Each scoring rule in both directions, and linear's clamp edges (DOMAIN §3.2).
@Suite("Evaluation scoring rules")
struct ScoringRuleTests {
    @Test(
        "threshold: 1 when v meets the target, else 0",
        arguments: [
            // Higher is better, target 0.9: 0.9 meets (≥), 0.89 does not.
            (ScoringRule.threshold(target: 0.9, direction: .higherIsBetter), 0.9, 1.0) as (ScoringRule, Double, Double),
            (.threshold(target: 0.9, direction: .higherIsBetter), 0.95, 1),
            (.threshold(target: 0.9, direction: .higherIsBetter), 0.89, 0),
            // Lower is better, target 100: 100 meets (≤), 100.5 does not.
            (.threshold(target: 100, direction: .lowerIsBetter), 100, 1),
            (.threshold(target: 100, direction: .lowerIsBetter), 20, 1),
            (.threshold(target: 100, direction: .lowerIsBetter), 100.5, 0),
        ])
    func threshold(rule: ScoringRule, value: Double, expected: Double) {
        #expect(rule.fraction(for: value) == expected)
    }

    @Test(
        "linear, higher is better: (v − floor) ÷ (target − floor), clamped",
        arguments: [
            // floor 60, target 90: v 75 → 15/30 = 0.5; v 66 → 6/30 = 0.2.
            (75.0, 0.5), (66, 6.0 / 30),
            // Edges: v = floor → 0, v = target → 1; below the floor clamps to 0, above the target to 1.
            (60, 0), (90, 1), (59.9, 0), (0, 0), (90.1, 1), (1000, 1),
        ] as [(Double, Double)])
    func linearHigher(value: Double, expected: Double) {
        #expect(ScoringRule.linear(floor: 60, target: 90, direction: .higherIsBetter).fraction(for: value) == expected)
    }

    @Test(
        "linear, lower is better: (floor − v) ÷ (floor − target), clamped",
        arguments: [
            // floor 200 (worst), target 50 (best): v 125 → 75/150 = 0.5; v 170 → 30/150 = 0.2.
            (125.0, 0.5), (170, 30.0 / 150),
            // Edges: v = floor → 0, v = target → 1; worse than the floor → 0, better than the target → 1.
            (200, 0), (50, 1), (200.1, 0), (1e9, 0), (49.9, 1), (0, 1),
        ] as [(Double, Double)])
    func linearLower(value: Double, expected: Double) {
        #expect(ScoringRule.linear(floor: 200, target: 50, direction: .lowerIsBetter).fraction(for: value) == expected)
    }

    @Test(
        "bands, higher is better: the largest fraction whose bound v meets (≥)",
        arguments: [
            // Bands (0.6 → 0.5), (0.8 → 0.8), (0.95 → 1), listed out of order.
            (0.97, 1.0), (0.95, 1), (0.9, 0.8), (0.8, 0.8), (0.7, 0.5), (0.6, 0.5), (0.59, 0),
        ] as [(Double, Double)])
    func bandsHigher(value: Double, expected: Double) {
        let rule = ScoringRule.bands(
            [Band(bound: 0.8, fraction: 0.8), Band(bound: 0.95, fraction: 1), Band(bound: 0.6, fraction: 0.5)], direction: .higherIsBetter)
        #expect(rule.fraction(for: value) == expected)
    }

    @Test(
        "bands, lower is better: the largest fraction whose bound v meets (≤)",
        arguments: [
            // Bands (≤ 50 → 1), (≤ 100 → 0.6), (≤ 150 → 0.2).
            (10.0, 1.0), (50, 1), (51, 0.6), (100, 0.6), (150, 0.2), (150.5, 0),
        ] as [(Double, Double)])
    func bandsLower(value: Double, expected: Double) {
        let rule = ScoringRule.bands(
            [Band(bound: 50, fraction: 1), Band(bound: 100, fraction: 0.6), Band(bound: 150, fraction: 0.2)], direction: .lowerIsBetter)
        #expect(rule.fraction(for: value) == expected)
    }

    @Test("boolean: 1 only when v is 1", arguments: [(1.0, 1.0), (0, 0), (0.99, 0), (2, 0)] as [(Double, Double)])
    func boolean(value: Double, expected: Double) {
        #expect(ScoringRule.boolean.fraction(for: value) == expected)
    }

    @Test("earned = points × f through the evaluator")
    func earnedThroughEvaluator() throws {
        // One unit reports 75; linear 60 → 90 gives f = 0.5; 8 points × 0.5 = 4.
        var records = EvaluationRecords()
        records.material("u1", "m", value: 75)
        let leaf = EvaluationFixture.leaf(
            "m", points: 8, .material(.max), scoring: .linear(floor: 60, target: 90, direction: .higherIsBetter), units: ["u1"])
        let outcome = try #require(EvaluationFixture.evaluateLeaf(leaf, records))
        #expect(outcome.fraction == 0.5)
        #expect(outcome.earned == 4)
    }

    @Test(
        "distance to target: in the bad direction, 0 when met, nil for boolean",
        arguments: [
            (ScoringRule.threshold(target: 0.9, direction: .higherIsBetter), 0.85, 0.9 - 0.85) as (ScoringRule, Double, Double?),
            (.threshold(target: 0.9, direction: .higherIsBetter), 0.95, 0),
            (.linear(floor: 200, target: 50, direction: .lowerIsBetter), 80, 30),
            (.linear(floor: 200, target: 50, direction: .lowerIsBetter), 40, 0),
            // Highest band (fraction 1) has bound 0.95: 0.95 − 0.9 = 0.05 (as doubles).
            (.bands([Band(bound: 0.8, fraction: 0.8), Band(bound: 0.95, fraction: 1)], direction: .higherIsBetter), 0.9, 0.95 - 0.9),
            (.bands([Band(bound: 50, fraction: 1), Band(bound: 100, fraction: 0.5)], direction: .lowerIsBetter), 70, 20),
            (.boolean, 0, nil),
        ])
    func distance(rule: ScoringRule, value: Double, expected: Double?) {
        #expect(rule.distanceToTarget(from: value) == expected)
    }
}
