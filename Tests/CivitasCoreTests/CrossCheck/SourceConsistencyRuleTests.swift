import CivitasCore
import Foundation
import Testing

/// A leaf's value against its declared peer: |a − b| > tolerance × max(|b|, 1e-9).
@Suite("Cross-check: source consistency")
struct SourceConsistencyRuleTests {
    typealias F = CrossCheckFixtures
    typealias Measured = SourceConsistencyRule.Measured

    /// "recycling" (reported by u-01 alone) is checked against feed metric "recycle-feed".
    static func framework(tolerance: Double) -> Framework {
        F.framework([
            F.materialLeaf("recycling", units: ["u-01"], peer: PeerCheck(target: .feedMetric("recycle-feed"), tolerance: tolerance)),
            F.materialLeaf("visits", peer: PeerCheck(target: .indicator("bookings"), tolerance: tolerance)),
            F.materialLeaf("bookings"),
        ])
    }

    func run(a: Double, b: Double, tolerance: Double = 0.05, scope: String? = nil) -> [Finding] {
        SourceConsistencyRule.findings(
            framework: Self.framework(tolerance: tolerance), period: F.october, scope: scope,
            leafValues: ["recycling": Measured(value: a, sequences: [7, 3])],
            feedValues: ["recycle-feed": Measured(value: b, sequences: [100, 101])], organization: F.organization)
    }

    @Test("a planted disagreement with a feed metric is found with a, b and the allowance")
    func plantedFeedDisagreement() throws {
        // allowed = 0.05 × max(|100|, 1e-9) = 5; |107 − 100| = 7 > 5 and ≤ 10 → medium.
        let finding = try #require(run(a: 107, b: 100).only)
        #expect(finding.rule == .sourceConsistency)
        #expect(finding.sequences == [3, 7])
        #expect(finding.figures["a"] == 107 && finding.figures["b"] == 100)
        #expect(finding.figures["allowed"] == 5 && finding.figures["deviation"] == 7 && finding.figures["tolerance"] == 0.05)
        #expect(finding.severity == .medium)
        // One assigned unit answers for the leaf.
        #expect(finding.unit == "u-01" && finding.subcommand == "sc-01")
        #expect(finding.subject.contains("peer=feed:recycle-feed"))
    }

    @Test("beyond twice the allowance the finding is high")
    func high() throws {
        // |120 − 100| = 20 > 2 × 5.
        #expect(try #require(run(a: 120, b: 100).only).severity == .high)
    }

    @Test("tolerance exactly met is no finding, also for decimal figures")
    func edge() {
        // |105 − 100| = 5 = 0.05 × 100.
        #expect(run(a: 105, b: 100).isEmpty)
        #expect(run(a: 95, b: 100).isEmpty)
        // 1.1 − 1.0 is 0.10000000000000009 in binary; a person reads 0.1 = 0.1 × 1.0.
        #expect(run(a: 1.1, b: 1.0, tolerance: 0.1).isEmpty)
        #expect(run(a: 1.1000001, b: 1.0, tolerance: 0.1).count == 1)
    }

    @Test("a peer of 0 allows tolerance × 1e-9, not exactly nothing")
    func tinyFloor() throws {
        // allowed = 0.5 × max(0, 1e-9) = 5e-10: rounding noise passes, a real value does not.
        #expect(run(a: 1e-12, b: 0, tolerance: 0.5).isEmpty)
        let finding = try #require(run(a: 0.001, b: 0, tolerance: 0.5).only)
        #expect(finding.figures["allowed"] == 0.5 * 1e-9)
    }

    @Test("clean data finds nothing")
    func clean() {
        #expect(run(a: 101, b: 100).isEmpty)
    }

    @Test("a peer leaf is compared like a feed; a missing value is skipped")
    func peerLeaf() throws {
        let framework = Self.framework(tolerance: 0.1)
        func run(_ values: [String: Measured]) -> [Finding] {
            SourceConsistencyRule.findings(
                framework: framework, period: F.october, scope: "sc-02", leafValues: values, feedValues: [:], organization: F.organization)
        }
        // allowed 0.1 × 200 = 20; |260 − 200| = 60 > 2 × 20 → high; nine units report it → no single unit.
        let finding = try #require(run(["visits": Measured(value: 260, sequences: [5]), "bookings": Measured(value: 200, sequences: [6])]).only)
        #expect(finding.severity == .high && finding.unit == nil && finding.subcommand == "sc-02")
        #expect(finding.subject.contains("scope=sc-02"))
        #expect(run(["visits": Measured(value: 260, sequences: [5])]).isEmpty)
    }

    @Test("re-running yields identical ids")
    func stableIdentity() {
        #expect(run(a: 120, b: 100).map(\.id) == run(a: 120, b: 100).map(\.id))
    }
}
