import CivitasCore
import Testing

/// Leaf gates, node gates (city and sub-command scope) and eligibility (DOMAIN §3.3).
@Suite("Evaluation gates and eligibility")
struct GateTests {
    typealias F = EvaluationFixture

    /// Category "c0" (gate 0.85) holds item "i0": air (feed ratio_days, 10 points, gate
    /// v ≥ 0.9) and clean (inspection c1, 10 points). Category "c1" holds "i1": docs
    /// (material share over u1, u2, u4, 20 points).
    func framework(passScore: Double) -> PublishedFramework {
        let air = F.leaf(
            "air", .feed(metric: "aqi", aggregate: .ratioDays(Condition(.atMost, 100))), scoring: .threshold(target: 0.9, direction: .higherIsBetter),
            gate: LeafGate(Condition(.atLeast, 0.9)))
        let clean = F.leaf("clean", .inspection(check: "c1"))
        let docs = F.leaf("docs", points: 20, .material(.share), units: ["u1", "u2", "u4"])
        return F.framework(
            [
                F.category("c0", gate: NodeGate(minimumFraction: 0.85), items: [("i0", nil, [air, clean])]),
                F.category("c1", items: [("i1", NodeGate(minimumFraction: 0.5), [docs])]),
            ], passScore: passScore)
    }

    /// Air good on 9 of 10 days (ratio 0.9); clean: p1 (s1) passes 3 of 4, p3 (s2) passes 1
    /// of 1; docs provided by u1 and u4, u2 silent.
    func records(goodAirDays: Int = 9) -> EvaluationRecords {
        var records = EvaluationRecords()
        for day in 1...10 { records.feed("aqi", at: F.at(day: day), day <= goodAirDays ? 50 : 150) }
        records.inspection("p1", [("c1", true), ("c1", true), ("c1", true), ("c1", false)])
        records.inspection("p3", [("c1", true)])
        records.material("u1", "docs", provided: true)
        records.material("u4", "docs", provided: true)
        return records
    }

    @Test("a leaf gate holds when v meets its condition")
    func leafGate() throws {
        // ratio 9/10 = 0.9 ≥ 0.9 → passes; 8/10 = 0.8 fails.
        let passing = F.evaluate(framework(passScore: 0), records())
        let gate = try #require(passing.gates.first { $0.node == "air" })
        #expect(gate.passed)
        #expect(gate.value == 0.9)
        #expect(gate.condition == "value >= 0.9")
        #expect(gate.path == "categories[0].items[0].indicators[0]")
        let failing = F.evaluate(framework(passScore: 0), records(goodAirDays: 8))
        #expect(failing.gates.first { $0.node == "air" }?.passed == false)
    }

    @Test("a missing gated value fails its gate")
    func missingFailsGate() throws {
        var records = records()
        records.rows.removeAll { if case .feed = $0 { true } else { false } }
        let outcome = F.evaluate(framework(passScore: 0), records)
        let gate = try #require(outcome.gates.first { $0.node == "air" })
        #expect(!gate.passed)
        #expect(gate.value == nil)
        #expect(outcome.eligible == false)
    }

    @Test("a node gate: earned ≥ min_fraction × the node's points")
    func nodeGate() throws {
        let outcome = F.evaluate(framework(passScore: 0), records())
        // c0: air earns 10 (0.9 ≥ 0.9), clean 4 of 5 checks = 0.8 → 8; 18 of 20 = 0.9 ≥ 0.85 → passes.
        let c0 = try #require(outcome.gates.first { $0.node == "c0" })
        #expect(c0.passed)
        #expect(c0.value == 18.0 / 20)
        #expect(c0.condition == "earned >= 0.85 of points")
        // i1: docs share 2/3 → 20 × 2/3 = 13.33 of 20 = 0.667 ≥ 0.5 → passes.
        let i1 = try #require(outcome.gates.first { $0.node == "i1" })
        #expect(i1.passed)
        // With 8 good days: air 0 → c0 earns 8 of 20 = 0.4 < 0.85 → fails.
        let failing = F.evaluate(framework(passScore: 0), records(goodAirDays: 8))
        #expect(failing.gates.first { $0.node == "c0" }?.passed == false)
        #expect(failing.gates.first { $0.node == "c0" }?.value == 8.0 / 20)
    }

    @Test("a node gate in a sub-command scope counts only the points that apply there")
    func nodeGateInSubcommand() throws {
        // s1: air does not apply (feed, not per_block); clean over p1: 3/4 = 0.75 → 7.5 of 10.
        // c0 gate: 7.5 ≥ 0.85 × 10 = 8.5? no → fails, value 0.75. In the city it passes (above).
        let s1 = F.evaluate(framework(passScore: 0), records(), scope: .subcommand("s1"))
        let c0 = try #require(s1.gates.first { $0.node == "c0" })
        #expect(!c0.passed)
        #expect(c0.value == 0.75)
        #expect(s1.nodes.first { $0.code == "c0" }?.points == 10)
        // s2: clean over p3: 1/1 → 10 of 10 ≥ 8.5 → passes. docs over u4: 1/1 → 20 of 20.
        let s2 = F.evaluate(framework(passScore: 0), records(), scope: .subcommand("s2"))
        #expect(s2.gates.first { $0.node == "c0" }?.passed == true)
        #expect(s2.gates.first { $0.node == "i1" }?.value == 1)
        // Gates are listed in framework order: category, its item gates, then leaf gates.
        #expect(F.evaluate(framework(passScore: 0), records()).gates.map(\.node) == ["c0", "air", "i1"])
        // Eligibility is a city verdict only.
        #expect(s1.eligible == nil)
    }

    @Test("eligible when the total reaches pass_score and every gate passes")
    func eligibility() {
        // Total: air 10 + clean 8 + docs 20 × 2/3 = 18 + 13.333… = 31.333…
        let outcome = F.evaluate(framework(passScore: 31), records())
        let expected: Double = 18 + 20 * (2.0 / 3)
        #expect(outcome.earned == expected)
        #expect(outcome.maxPoints == 40)
        #expect(outcome.eligible == true)
        // pass_score 32 > 31.33 → not eligible although every gate passes.
        #expect(F.evaluate(framework(passScore: 32), records()).eligible == false)
        // A failed gate vetoes: 8 good days → air 0, total 21.33 ≥ 21 but the gates fail.
        #expect(F.evaluate(framework(passScore: 21), records(goodAirDays: 8)).eligible == false)
    }
}
