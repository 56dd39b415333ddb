import CivitasCore
import Foundation
import Testing

/// A unit reporting far from its peers is what inflated paperwork looks like; the test
/// values are chosen so that median and MAD can be checked by hand.
@Suite("Cross-check: peer outlier")
struct PeerOutlierRuleTests {
    typealias F = CrossCheckFixtures
    let framework = F.framework([F.materialLeaf("waste")])

    func run(_ values: [Double]) -> [Finding] {
        PeerOutlierRule.findings(reports: F.reports(values), framework: framework, period: F.october, organization: F.organization)
    }

    @Test("a planted outlier is found with its median, MAD and z")
    func plantedOutlier() throws {
        // sorted 9 10 10 11 12 13 50 → median 11; |x − 11| = 1 1 0 2 2 1 39 → sorted
        // 0 1 1 1 2 2 39 → MAD 1; z(50) = 0.6745 × 39 / 1 = 26.3055 > 7 → high.
        let findings = run([10, 12, 11, 13, 9, 10, 50])
        let finding = try #require(findings.only)
        #expect(finding.rule == .peerOutlier)
        #expect(finding.sequences == [7])
        #expect(finding.unit == "u-07")
        #expect(finding.subcommand == "sc-02")
        #expect(finding.figures["x"] == 50)
        #expect(finding.figures["median"] == 11)
        #expect(finding.figures["mad"] == 1)
        #expect(abs(finding.figures["z"]! - 26.3055) < 1e-12)
        #expect(finding.figures["units"] == 7)
        #expect(finding.severity == .high)
        #expect(finding.period == "2026-10")
        #expect(finding.message.contains("u-07") && finding.message.contains("waste"))
    }

    @Test("between 3.5 and 7 the finding is medium")
    func mediumSeverity() throws {
        // median 11, MAD 1 as above; z(19) = 0.6745 × 8 = 5.396.
        let finding = try #require(run([10, 12, 11, 13, 9, 10, 19]).only)
        #expect(abs(finding.figures["z"]! - 5.396) < 1e-12)
        #expect(finding.severity == .medium)
    }

    @Test("clean data finds nothing")
    func clean() {
        // median 11, MAD 1; the farthest, 14, has z = 0.6745 × 3 = 2.02.
        #expect(run([10, 12, 11, 13, 9, 10, 14]).isEmpty)
    }

    @Test("|z| exactly 3.5 is no finding; just beyond it is")
    func edge() throws {
        // sorted −1 −0.6745 0 0 0 0.6745 3.5 → median 0; deviations sorted
        // 0 0 0 0.6745 0.6745 1 3.5 → MAD 0.6745; z(3.5) = 0.6745 × 3.5 / 0.6745 = 3.5.
        #expect(run([-1, -0.6745, 0, 0, 0, 0.6745, 3.5]).isEmpty)
        // Same median and MAD; z(3.51) = 3.51.
        let finding = try #require(run([-1, -0.6745, 0, 0, 0, 0.6745, 3.51]).only)
        #expect(finding.figures["x"] == 3.51)
    }

    @Test("MAD = 0 skips the indicator")
    func zeroMAD() {
        // median 10; deviations 0 0 0 0 1 40 → MAD (0 + 0) / 2 = 0.
        #expect(run([10, 10, 10, 10, 11, 50]).isEmpty)
    }

    @Test("fewer than five reporting units are not judged")
    func tooFewUnits() {
        #expect(run([10, 11, 12, 1000]).isEmpty)
    }

    @Test("only the report that counts is judged; other indicators' kinds are respected")
    func countingReportsOnly() {
        var rows = F.reports([10, 12, 11, 13, 9, 10, 14])
        // u-07 first reported 5000 (sequence 100), then corrected to 14 (sequence 101).
        rows.append(F.report(100, unit: "u-07", indicator: "waste", value: 5000))
        rows[6] = F.report(101, unit: "u-07", indicator: "waste", value: 14)
        // A "provided" indicator never takes part, whatever its rows hold.
        let framework = F.framework([F.materialLeaf("waste"), F.materialLeaf("plan", kind: .provided)])
        rows += F.reports([1, 1, 1, 1, 1, 1, 900], indicator: "plan")
        #expect(PeerOutlierRule.findings(reports: rows, framework: framework, period: F.october, organization: F.organization).isEmpty)
    }

    @Test("re-running yields the same ids, and a late peer report keeps the outlier's id")
    func stableIdentity() throws {
        let first = run([10, 12, 11, 13, 9, 10, 50])
        #expect(first.map(\.id) == run([10, 12, 11, 13, 9, 10, 50]).map(\.id))
        // An eighth unit reporting 11: median (11 + 11) / 2 = 11, MAD (1 + 1) / 2 = 1 — same figures.
        let later = run([10, 12, 11, 13, 9, 10, 50, 11])
        #expect(later.map(\.id) == first.map(\.id))
        #expect(Finding.unique(first + later).count == 1)
    }
}

extension Collection {
    /// The single element, or nil when there are none or several.
    var only: Element? { count == 1 ? first : nil }
}
