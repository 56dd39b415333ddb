import CivitasCore
import CivitasStorage
import Foundation
import Testing

/// A run reads the period's records from the file (C API streams) and every rule finds
/// what was planted in them — with the right records and the right numbers, computed by
/// hand below — and nothing else.
@Suite("Cross-check inputs from storage")
struct CrossCheckInputTests {
    typealias F = CrossCheckStorageFixture

    /// The planted records, by what they are for.
    struct Planted {
        var volume: [String: Int64] = [:]
        var u3Superseded: Int64 = 0
        var u1Claim: Int64 = 0
        var cleanRate: Int64 = 0
        var hotline: Int64 = 0
        var straightLined: Int64 = 0
        var tooFast: Int64 = 0
        var repeatedLater: Int64 = 0
        var repeatedEarlier: Int64 = 0
        var late: Int64 = 0
    }

    static func plant(_ database: TenantDatabase) async throws -> Planted {
        var planted = Planted()
        // m-volume for October: u-6 inflated; u-1 and u-4 attach the same document "a".
        for (unit, value) in [("u-1", 100.0), ("u-2", 102), ("u-4", 101), ("u-5", 99), ("u-6", 400)] {
            planted.volume[unit] = try await F.material(database, "v-\(unit)", unit: unit, value: value, evidence: unit == "u-1" || unit == "u-4" ? ["a"] : [])
        }
        // u-3 reports twice with its own document "c": the newer report (98) counts, and
        // re-using one's own document for the same indicator is no duplicate.
        planted.u3Superseded = try await F.material(database, "v-u-3-old", unit: "u-3", value: 90, evidence: ["c"])
        planted.volume["u-3"] = try await F.material(database, "v-u-3", unit: "u-3", value: 98, evidence: ["c"])
        // History: u-1 reported 50, 52, 48 in July to September; u-6 395, 405, 400.
        for (month, u1, u6) in [(7, 50.0, 395.0), (8, 52, 405), (9, 48, 400)] {
            _ = try await F.material(database, "h-u-1-\(month)", unit: "u-1", period: "2026-0\(month)", value: u1)
            _ = try await F.material(database, "h-u-6-\(month)", unit: "u-6", period: "2026-0\(month)", value: u6)
        }
        // Claims against inspections: u-1 (sc-1) 0.95 with document "a" again; u-4 (sc-2) 0.7.
        planted.u1Claim = try await F.material(database, "c-u-1", unit: "u-1", indicator: "m-clean-claim", value: 0.95, evidence: ["a"])
        _ = try await F.material(database, "c-u-4", unit: "u-4", indicator: "m-clean-claim", value: 0.7)
        planted.cleanRate = try await F.material(database, "r-u-3", unit: "u-3", indicator: "m-clean-rate", value: 0.9)
        planted.hotline = try await F.material(database, "hl-u-hq", unit: "u-hq", indicator: "m-hotline", value: 80)
        // c-clean: p-1 (sc-1) passed 3 of 5, p-2 (sc-2) 2 of 3.
        _ = try await F.inspection(database, "i-1", point: "p-1", passes: [true, true, false])
        _ = try await F.inspection(database, "i-2", point: "p-1", passes: [true, false])
        _ = try await F.inspection(database, "i-3", point: "p-2", passes: [true, true, false])
        // Survey s-1 (minimum 60 s).
        _ = try await F.survey(database, "s-ok", respondent: "r-1", answers: [4, 5, 3, 4, 2, 5])
        planted.straightLined = try await F.survey(database, "s-flat", respondent: "r-2", answers: [5, 5, 5, 5, 5, 5])
        planted.tooFast = try await F.survey(database, "s-fast", respondent: "r-3", answers: [4, 5, 3, 4, 2, 5], seconds: 30)
        planted.repeatedLater = try await F.survey(database, "s-again-1", respondent: "r-4", answers: [4, 4, 3, 4, 2, 5], at: F.october(12))
        planted.repeatedEarlier = try await F.survey(database, "s-again-2", respondent: "r-4", answers: [3, 4, 3, 4, 2, 5], at: F.october(5))
        _ = try await F.survey(database, "s-four", respondent: "r-5", answers: [5, 5, 5, 5])
        // Feeds: hotline 90 and 92 (mean 91); aqi on time, exactly at the deadline, and late.
        _ = try await F.feed(database, "hl-1", metric: "hotline", value: 90)
        _ = try await F.feed(database, "hl-2", metric: "hotline", value: 92)
        _ = try await F.feed(database, "aq-1", metric: "aqi", value: 50, receivedAt: F.at(month: 11, 3))
        _ = try await F.feed(database, "aq-2", metric: "aqi", value: 60, receivedAt: F.at(month: 11, 4, hour: 0))
        planted.late = try await F.feed(database, "aq-3", metric: "aqi", value: 70, receivedAt: F.at(month: 11, 5, hour: 0))
        // Observed in November: not October's, even though it arrives late.
        _ = try await F.feed(database, "aq-nov", metric: "aqi", value: 80, at: F.at(month: 11, 2), receivedAt: F.at(month: 11, 6))
        return planted
    }

    static func findings(_ rules: [CrossCheckRule]) async throws -> (findings: [Finding], planted: Planted, outcome: CrossCheckOutcome) {
        try await withTenantDatabase("cc-city") { database in
            let framework = try await F.prepare(database)
            let planted = try await plant(database)
            let outcome = try await database.crossCheck(framework: framework, period: F.october, rules: rules)
            return (outcome.findings, planted, outcome)
        }
    }

    @Test("peer outlier: u-6's 400 among six units, with median, MAD and z")
    func peerOutlier() async throws {
        let (findings, planted, _) = try await Self.findings([.peerOutlier])
        let finding = try #require(findings.only)
        // Values 98, 99, 100, 101, 102, 400: median (100 + 101) / 2 = 100.5; deviations 2.5,
        // 1.5, 0.5, 0.5, 1.5, 299.5 → MAD = (1.5 + 1.5) / 2 = 1.5; z = 0.6745 × 299.5 / 1.5.
        #expect(finding.unit == "u-6" && finding.subcommand == "sc-2" && finding.sequences == [planted.volume["u-6"]!])
        #expect(finding.figures["median"] == 100.5 && finding.figures["mad"] == 1.5 && finding.figures["units"] == 6)
        expectClose(finding.figures["z"], 0.6745 * 299.5 / 1.5)
        #expect(finding.severity == .high)
    }

    @Test("history outlier: u-1's 100 against 50, 52, 48 in the three months before")
    func historyOutlier() async throws {
        let (findings, planted, _) = try await Self.findings([.historyOutlier])
        let finding = try #require(findings.only)
        // Mean 50, sample s = √((0 + 4 + 4) / 2) = 2; |100 − 50| = 50 = 25 s > 3 s. u-6's
        // 400 equals its own mean of 400 (395, 405, 400) and is no finding.
        #expect(finding.unit == "u-1" && finding.sequences == [planted.volume["u-1"]!])
        #expect(finding.figures["mean"] == 50 && finding.figures["stdev"] == 2 && finding.figures["sigmas"] == 25 && finding.figures["periods"] == 3)
    }

    @Test("duplicate evidence: document a from u-4 after u-1, and from u-1 again for another indicator; u-3's own resend is none")
    func duplicateEvidence() async throws {
        let (findings, planted, _) = try await Self.findings([.duplicateEvidence])
        #expect(findings.count == 2)
        let acrossUnits = try #require(findings.first { $0.unit == "u-4" })
        #expect(acrossUnits.sequences == [planted.volume["u-1"]!, planted.volume["u-4"]!] && acrossUnits.severity == .high)
        let sameUnit = try #require(findings.first { $0.unit == "u-1" })
        #expect(sameUnit.sequences == [planted.volume["u-1"]!, planted.u1Claim] && sameUnit.severity == .medium)
        #expect(!findings.contains { $0.sequences.contains(planted.u3Superseded) })
    }

    @Test("survey integrity: the straight-liner, the too fast, and the later-submitted response of a repeated respondent")
    func surveyIntegrity() async throws {
        let (findings, planted, _) = try await Self.findings(CrossCheckRule.surveyIntegrity)
        #expect(findings.count == 3)
        let flat = try #require(findings.first { $0.rule == .straightLining })
        #expect(flat.sequences == [planted.straightLined] && flat.figures == ["answers": 6, "answer": 5])
        let fast = try #require(findings.first { $0.rule == .tooFast })
        #expect(fast.sequences == [planted.tooFast] && fast.figures == ["duration": 30, "minimum": 60])
        // r-4 answered on the 12th (stored first) and on the 5th: the 5th counts, the 12th is the duplicate.
        let repeated = try #require(findings.first { $0.rule == .duplicateRespondent })
        #expect(repeated.sequences == [planted.repeatedLater])
        #expect(repeated.figures == ["keptSequence": Double(planted.repeatedEarlier), "responses": 2])
        #expect(repeated.subcommand == "sc-2")
    }

    @Test("inspection contradiction: u-1 claims 0.95 where sc-1's points passed 3 of 5; u-4's 0.7 against 2 of 3 is within 0.1")
    func contradiction() async throws {
        let (findings, planted, _) = try await Self.findings([.inspectionContradiction])
        let finding = try #require(findings.only)
        // 0.95 − 0.6 = 0.35 > 2 × 0.1 → high.
        #expect(finding.unit == "u-1" && finding.sequences == [planted.u1Claim] && finding.severity == .high)
        #expect(finding.figures["passRate"] == 0.6 && finding.figures["passed"] == 3 && finding.figures["checks"] == 5)
        expectClose(finding.figures["excess"], 0.35)
    }

    @Test("source consistency: u-3's rate against i-clean in the city and in sc-1; u-hq's hotline claim against the feed's mean")
    func sourceConsistency() async throws {
        let (findings, planted, _) = try await Self.findings([.sourceConsistency])
        #expect(findings.count == 3)
        // City: i-clean = 5 of 8 checks = 0.625; |0.9 − 0.625| = 0.275 > 0.1 × 0.625.
        let city = try #require(findings.first { $0.subject.contains("indicator=m-clean-rate") && $0.subject.contains("scope=city") })
        #expect(city.sequences == [planted.cleanRate] && city.figures["a"] == 0.9 && city.figures["b"] == 0.625 && city.unit == "u-3")
        // sc-1: i-clean = 3 of 5 = 0.6; |0.9 − 0.6| = 0.3 > 0.06. m-clean-rate does not apply in sc-2.
        let block = try #require(findings.first { $0.subject.contains("indicator=m-clean-rate") && $0.subject.contains("scope=sc-1") })
        #expect(block.figures["b"] == 0.6 && block.subcommand == "sc-1")
        // No leaf measures hotline: its mean, (90 + 92) / 2 = 91; |80 − 91| = 11 > 2 × 0.05 × 91 → high.
        let hotline = try #require(findings.first { $0.subject.contains("indicator=m-hotline") })
        #expect(hotline.sequences == [planted.hotline] && hotline.figures["b"] == 91 && hotline.figures["deviation"] == 11)
        #expect(hotline.severity == .high && hotline.unit == "u-hq" && hotline.subcommand == nil)
    }

    @Test("lateness: only the October record received after Nov 4 00:00 (the end plus 3 grace days)")
    func lateness() async throws {
        let (findings, planted, _) = try await Self.findings([.lateness])
        let finding = try #require(findings.only)
        #expect(finding.sequences == [planted.late] && finding.figures["daysLate"] == 1 && finding.figures["graceDays"] == 3)
        // A city-wide feed point: no unit and no block in the subject; a group of one.
        #expect(finding.subject == "channel=feed;period=2026-10" && finding.figures["lateRecords"] == 1)
    }

    @Test("every rule at once finds the union; the run reads every record of the period up to the cut-off")
    func everything() async throws {
        let (findings, _, outcome) = try await Self.findings(CrossCheckRule.allCases.filter { $0 != .manual })
        // 1 peer + 1 history + 2 evidence + 3 survey + 1 contradiction + 3 consistency + 1 late.
        #expect(findings.count == 12)
        #expect(Set(findings.map(\.id)).count == 12)
        // October: 11 material reports, 3 inspections, 6 survey responses, 5 feed points.
        #expect(outcome.recordsRead == 25)
        // 17 material reports (6 of them of earlier months), 3 inspections, 6 responses, 6 feed points.
        #expect(outcome.cutoff == 32)
    }
}

extension Array {
    /// The single element, or nil when there are none or several.
    var only: Element? { count == 1 ? first : nil }
}

func expectClose(_ actual: Double?, _ expected: Double, sourceLocation: SourceLocation = #_sourceLocation) {
    guard let actual else {
        Issue.record("no value, expected \(expected)", sourceLocation: sourceLocation)
        return
    }
    #expect(abs(actual - expected) < 1e-12, "\(actual) ≠ \(expected)", sourceLocation: sourceLocation)
}
