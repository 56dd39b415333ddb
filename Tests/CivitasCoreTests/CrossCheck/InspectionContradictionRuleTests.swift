import CivitasCore
import Testing

/// A unit's claimed rate against the pass rate the inspectors saw in its block.
@Suite("Cross-check: inspection contradiction")
struct InspectionContradictionRuleTests {
    typealias F = CrossCheckFixtures

    static func framework(tolerance: Double) -> Framework {
        F.framework([F.materialLeaf("clean-rate", contradiction: ContradictionCheck(check: "c-clean", tolerance: tolerance))])
    }

    /// One inspection of `point` with `passed` passes out of `checks` checks of c-clean.
    static func inspection(_ sequence: Int64, point: String, passed: Int, checks: Int) -> EvaluationRow.Inspection {
        EvaluationRow.Inspection(
            sequence: sequence, contentHash: F.hash(sequence), point: point, observedAtMilliseconds: F.midOctober(),
            checks: (0..<checks).map { (code: "c-clean", passed: $0 < passed) } + [(code: "c-other", passed: false)])
    }

    /// sc-01 (p-1): 4 of 8 pass → 0.5. sc-02 (p-2): 0 of 4. City: 4 of 12.
    static let inspections = [inspection(100, point: "p-1", passed: 4, checks: 8), inspection(101, point: "p-2", passed: 0, checks: 4)]

    func run(claim: Double, unit: String = "u-01", tolerance: Double = 0.125, inspections: [EvaluationRow.Inspection] = inspections) -> [Finding] {
        InspectionContradictionRule.findings(
            materials: [F.report(7, unit: unit, indicator: "clean-rate", value: claim)], inspections: inspections,
            framework: Self.framework(tolerance: tolerance), period: F.october, organization: F.organization)
    }

    @Test("a claim above the block's pass rate by more than the tolerance is found")
    func planted() throws {
        // 0.7 − 4/8 = 0.2 > 0.125, ≤ 2 × 0.125 → medium.
        let finding = try #require(run(claim: 0.7).only)
        #expect(finding.rule == .inspectionContradiction)
        #expect(finding.sequences == [7])
        #expect(finding.unit == "u-01" && finding.subcommand == "sc-01")
        #expect(finding.figures["claimed"] == 0.7 && finding.figures["passRate"] == 0.5)
        #expect(finding.figures["passed"] == 4 && finding.figures["checks"] == 8)
        #expect(abs(finding.figures["excess"]! - 0.2) < 1e-15)
        #expect(finding.severity == .medium)
        // 0.9 − 0.5 = 0.4 > 0.25 → high.
        #expect(try #require(run(claim: 0.9).only).severity == .high)
    }

    @Test("tolerance exactly met is no finding, also with the sample's decimal 0.10")
    func edge() {
        // 0.625 − 0.5 = 0.125 exactly.
        #expect(run(claim: 0.625).isEmpty)
        // 7 of 10 pass → 0.7; 0.8 − 0.7 is 0.10000000000000009 in binary, read as 0.1.
        let sevenOfTen = [Self.inspection(102, point: "p-1", passed: 7, checks: 10)]
        #expect(run(claim: 0.8, tolerance: 0.10, inspections: sevenOfTen).isEmpty)
        #expect(run(claim: 0.81, tolerance: 0.10, inspections: sevenOfTen).count == 1)
    }

    @Test("clean data finds nothing: a claim at or below the pass rate")
    func clean() {
        #expect(run(claim: 0.5).isEmpty)
        #expect(run(claim: 0.3).isEmpty)
    }

    @Test("the pass rate is the claimant's block; HQ line units use the city")
    func scopes() throws {
        // u-06 is in sc-02, where 0 of 4 pass: 0.2 − 0 > 0.125.
        #expect(try #require(run(claim: 0.2, unit: "u-06").only).figures["passRate"] == 0)
        // u-hq: city-wide 4 of 12 = 1/3; 0.45 − 0.3333 = 0.1167 ≤ 0.125 → nothing; 0.5 → finding.
        #expect(run(claim: 0.45, unit: "u-hq").isEmpty)
        let city = try #require(run(claim: 0.5, unit: "u-hq").only)
        #expect(city.figures["checks"] == 12 && city.subcommand == nil)
    }

    @Test("without checks of the item in the block nothing contradicts the claim")
    func noChecks() {
        #expect(run(claim: 1, inspections: [Self.inspection(103, point: "p-2", passed: 0, checks: 4)]).isEmpty)
    }

    @Test("re-running yields identical ids")
    func stableIdentity() {
        #expect(run(claim: 0.9).map(\.id) == run(claim: 0.9).map(\.id))
    }
}
