import CivitasCore
import Testing

/// The gap analysis (差距, DOMAIN §5).
@Suite("Evaluation gap analysis")
struct GapAnalysisTests {
    typealias F = EvaluationFixture

    /// a: threshold ≥ 0.9 with gate ≥ 0.9 (10 points); b: linear lower 200 → 50 (10);
    /// c: bands higher (0.8 → 0.5, 0.95 → 1) (20); d: boolean (5); e: linear, full marks (5).
    let framework = F.framework(leaves: [
        F.leaf("a", .inspection(check: "ca"), scoring: .threshold(target: 0.9, direction: .higherIsBetter), gate: LeafGate(Condition(.atLeast, 0.9))),
        F.leaf("b", .feed(metric: "aqi", aggregate: .mean), scoring: .linear(floor: 200, target: 50, direction: .lowerIsBetter)),
        F.leaf(
            "c", points: 20, .inspection(check: "cc"),
            scoring: .bands([Band(bound: 0.8, fraction: 0.5), Band(bound: 0.95, fraction: 1)], direction: .higherIsBetter)),
        F.leaf("d", points: 5, .material(.all), scoring: .boolean, units: ["u1"]),
        F.leaf("e", points: 5, .inspection(check: "ce")),
    ])

    func records(aqi: Double) -> EvaluationRecords {
        var records = EvaluationRecords()
        // a: 4 of 5 pass = 0.8 → 0 points, gate fails. c: 17 of 20 = 0.85 → band 0.5 → 10 of 20.
        records.inspection("p1", [("ca", true), ("ca", true), ("ca", true), ("ca", true), ("ca", false)])
        records.inspection("p1", Array(repeating: ("cc", true), count: 17) + Array(repeating: ("cc", false), count: 3))
        records.inspection("p3", [("ce", true)])
        records.feed("aqi", at: F.at(day: 2), aqi)
        // d: u1 never reports → missing.
        return records
    }

    @Test("gaps by points lost, with distance to target and failed gates")
    func gaps() throws {
        // b: aqi 110 → f = (200 − 110)/150 = 0.6 → 6 earned, 4 lost, distance 110 − 50 = 60.
        let current = F.evaluate(framework, records(aqi: 110))
        let report = GapAnalysis.analyze(current, framework: framework.framework, previous: nil, subcommands: [])
        // Lost: a 10, c 10, d 5, b 4; e lost nothing and is not a gap. a and c tie at 10 → path order.
        #expect(report.gaps.map(\.code) == ["a", "c", "d", "b"])
        let lostB: Double = 10 - 10 * (90.0 / 150)  // 10 − 6 = 4
        #expect(report.gaps.map(\.pointsLost) == [10, 10, 5, lostB])
        let a = report.gaps[0]
        #expect(a.gateFailed)
        #expect(a.distanceToTarget == 0.9 - 0.8)  // threshold 0.9, v 0.8
        #expect(report.gaps[1].distanceToTarget == 0.95 - 0.85)  // the top band's bound
        #expect(report.gaps[2].distanceToTarget == nil)  // missing (and boolean)
        #expect(report.gaps[3].distanceToTarget == 60)
        #expect(report.gaps.allSatisfy { $0.changeSincePrevious == nil })
        #expect(report.totalChange == nil)
        #expect(report.failedGates.map(\.node) == ["a"])
    }

    @Test("change since the previous result, per leaf and in total")
    func change() throws {
        let previous = F.evaluate(framework, records(aqi: 170))  // b: (200 − 170)/150 = 0.2 → 2
        let current = F.evaluate(framework, records(aqi: 110))  // b: 6
        let report = GapAnalysis.analyze(current, framework: framework.framework, previous: previous, subcommands: [])
        let b = try #require(report.gaps.first { $0.code == "b" })
        #expect(b.changeSincePrevious == current.leaves[1].earned - previous.leaves[1].earned)
        #expect(report.gaps.first { $0.code == "a" }?.changeSincePrevious == 0)
        #expect(report.totalChange == current.earned - previous.earned)
    }

    @Test("the weakest leaves of each sub-command, sub-commands by id")
    func weakest() {
        let s1 = F.evaluate(framework, records(aqi: 110), scope: .subcommand("s1"))
        let s2 = F.evaluate(framework, records(aqi: 110), scope: .subcommand("s2"))
        let city = F.evaluate(framework, records(aqi: 110))
        let report = GapAnalysis.analyze(city, framework: framework.framework, previous: nil, subcommands: [s2, city, s1], weakestCount: 2)
        #expect(report.weakestBySubcommand.map(\.subcommand) == ["s1", "s2"])
        // s1 (p1): a lost 10, c lost 10, e missing (p3 is s2's) lost 5, d (u1 in s1) lost 5 → top 2: a, c.
        #expect(report.weakestBySubcommand[0].gaps.map(\.code) == ["a", "c"])
        // s2 (p3): c missing loses all 20, a missing 10 (and its gate fails); e full marks;
        // d does not apply (u1 is s1's) → c, a.
        #expect(report.weakestBySubcommand[1].gaps.map(\.code) == ["c", "a"])
        #expect(report.weakestBySubcommand[1].gaps[0].distanceToTarget == nil)
    }
}
