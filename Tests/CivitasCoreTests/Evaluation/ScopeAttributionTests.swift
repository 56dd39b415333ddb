import CivitasCore
import Testing

/// Which data and leaves count in a sub-command's block (DOMAIN §5), and max_points.
@Suite("Evaluation scope attribution")
struct ScopeAttributionTests {
    typealias F = EvaluationFixture

    /// 10 points each: m (material sum over u0 (HQ line), u1 (s1), u4 (s2)), m2 (material
    /// over u0 only), i (inspection c1), sv (survey), f (feed mean, city-wide), fb (feed
    /// mean, per block).
    let framework = F.framework([
        F.category(
            "c0",
            items: [
                (
                    "i0", nil,
                    [
                        F.leaf("m", .material(.sum), scoring: .linear(floor: 0, target: 100, direction: .higherIsBetter), units: ["u0", "u1", "u4"]),
                        F.leaf("m2", .material(.sum), units: ["u0"]),
                    ]
                ),
                (
                    "i1", nil,
                    [
                        F.leaf("i", .inspection(check: "c1")),
                        F.leaf("sv", .survey(survey: "sv", question: "q1", statistic: .satisfiedRate(satisfiedAt: 4))),
                    ]
                ),
            ]),
        F.category(
            "c1",
            items: [
                (
                    "i2", nil,
                    [
                        F.leaf("f", .feed(metric: "pm", aggregate: .mean), scoring: .linear(floor: 0, target: 100, direction: .higherIsBetter)),
                        F.leaf(
                            "fb", .feed(metric: "pm", aggregate: .mean), scoring: .linear(floor: 0, target: 100, direction: .higherIsBetter),
                            perBlock: true),
                    ]
                )
            ]),
    ])

    func records() -> EvaluationRecords {
        var records = EvaluationRecords()
        records.material("u0", "m", value: 5)
        records.material("u1", "m", value: 20)
        records.material("u4", "m", value: 40)
        records.material("u0", "m2", value: 1)
        records.inspection("p1", [("c1", true), ("c1", false)])
        records.inspection("p3", [("c1", true)])
        records.inspection("p9", [("c1", false)])  // a point the organization does not know
        records.survey(respondent: "a", subcommand: "s1", [("q1", 5), ("q2", 1)])
        records.survey(respondent: "b", subcommand: "s2", [("q1", 1), ("q2", 1)])
        records.survey(respondent: "c", [("q1", 4), ("q2", 1)])
        records.feed("pm", subcommand: "s1", at: F.at(day: 3), 30)
        records.feed("pm", subcommand: "s2", at: F.at(day: 3), 50)
        records.feed("pm", at: F.at(day: 4), 70)
        return records
    }

    func leaf(_ outcome: EvaluationOutcome, _ code: String) -> LeafOutcome? { outcome.leaves.first { $0.code == code } }

    @Test("the city takes everything; max_points is the framework total")
    func city() {
        let outcome = F.evaluate(framework, records())
        #expect(outcome.leaves.map(\.code) == ["m", "m2", "i", "sv", "f", "fb"])
        #expect(outcome.maxPoints == 60)
        #expect(leaf(outcome, "m")?.value == 65)  // 5 + 20 + 40
        #expect(leaf(outcome, "i")?.value == 0.5)  // p1 1/2, p3 1/1, p9 0/1 → 2/4
        #expect(leaf(outcome, "sv")?.value == 2.0 / 3)  // {5, 1, 4}: 2 of 3 ≥ 4
        #expect(leaf(outcome, "f")?.value == 50)  // (30 + 50 + 70) / 3
        #expect(
            outcome.nodes.map(\.path) == [
                "categories[0]", "categories[0].items[0]", "categories[0].items[1]", "categories[1]", "categories[1].items[0]",
            ])
    }

    @Test("a sub-command takes its units, points, responses and (per_block) feed points")
    func subcommand() {
        let s1 = F.evaluate(framework, records(), scope: .subcommand("s1"))
        // m applies (u1 is in s1), m2 does not (only u0, an HQ line); i and sv always; f
        // not (feed without per_block); fb does.
        #expect(s1.leaves.map(\.code) == ["m", "i", "sv", "fb"])
        #expect(s1.maxPoints == 40)
        #expect(leaf(s1, "m")?.value == 20)  // u1 only: u0 counts only for the city
        #expect(leaf(s1, "m")?.samples == 1)
        #expect(leaf(s1, "i")?.value == 0.5)  // p1: 1 of 2; p9 belongs to no block
        #expect(leaf(s1, "sv")?.value == 1)  // a: 5
        #expect(leaf(s1, "fb")?.value == 30)  // the point naming s1; the city-wide 70 is not s1's
        // Node points in scope are the applying leaves' points; nodes keep their paths.
        #expect(s1.nodes.map(\.code) == ["c0", "i0", "i1", "c1", "i2"])
        #expect(s1.nodes.map(\.points) == [30, 10, 20, 10, 10])
        // earned = m 10 × 0.2 + i 5 + sv 10 + fb 10 × 0.3 = 2 + 5 + 10 + 3 = 20.
        #expect(s1.earned == 20)
        #expect(s1.eligible == nil)
    }

    @Test("a node with no applying leaf is omitted")
    func omittedNodes() {
        let onlyFeed = F.framework([
            F.category("c0", items: [("i0", nil, [F.leaf("i", .inspection(check: "c1"))])]),
            F.category("c1", gate: NodeGate(minimumFraction: 0.5), items: [("i1", nil, [F.leaf("f", .feed(metric: "pm", aggregate: .mean))])]),
        ])
        let s2 = F.evaluate(onlyFeed, records(), scope: .subcommand("s2"))
        #expect(s2.nodes.map(\.code) == ["c0", "i0"])
        #expect(s2.gates.isEmpty)  // c1's gate applies to no leaf here
        #expect(s2.maxPoints == 10)
    }

    @Test("a sub-command unknown to the data evaluates its applying leaves as missing")
    func emptyBlock() {
        let s3 = F.evaluate(framework, records(), scope: .subcommand("s3"))
        #expect(s3.leaves.map(\.code) == ["i", "sv", "fb"])
        #expect(s3.leaves.allSatisfy { $0.flags == [.missing] })
        #expect(s3.earned == 0)
        #expect(s3.maxPoints == 30)
    }

    @Test("the outcome names the framework version, period, cut-off and digest")
    func identity() {
        let records = records()
        let data = records.data()
        let outcome = Evaluator(framework: framework, organization: F.organization, data: data).evaluate(.city)
        #expect(outcome.framework == "test-city")
        #expect(outcome.frameworkVersion == 1)
        #expect(outcome.period == "2026-10")
        #expect(outcome.cutoff == 13)
        #expect(outcome.inputDigest == data.inputDigest)
        #expect(outcome.inputDigest.count == 64)
        #expect(data.countedRecords == 13)
    }
}
