@testable import CivitasCLISupport
import CivitasProtos
import Foundation
import SwiftProtobuf

/// Seven findings of period 2026-10, built by hand, shown in Asia/Shanghai (UTC+8):
///
/// | id    | rule                | severity | state      | level | unit | block | due (UTC)            | overdue |
/// |-------|---------------------|----------|------------|-------|------|-------|----------------------|---------|
/// | f1…   | peer_outlier        | high     | assigned   | 1     | u-07 | east  | 2026-11-10T15:59:59Z | yes     |
/// | f2…   | lateness            | low      | open       | 0     | u-03 | west  | —                    | no      |
/// | f3…   | duplicate_evidence  | high     | reopened   | 0     | u-05 | east  | 2026-11-20T15:59:59Z | yes     |
/// | f4…   | too_fast            | low      | dismissed  | 0     | —    | —     | —                    | no      |
/// | f5…   | peer_outlier        | medium   | verified   | 0     | u-09 | west  | —                    | no      |
/// | f6…   | source_consistency  | medium   | assigned   | 2     | u-11 | (HQ)  | 2026-11-05T15:59:59Z | yes     |
/// | f7…   | peer_outlier        | high     | rectified  | 0     | u-01 | east  | 2026-11-25T15:59:59Z | no      |
///
/// Counts by rule: peer_outlier 2 high + 1 medium = 3; duplicate_evidence, lateness,
/// source_consistency, too_fast 1 each. Severities: high 3 (f1 f3 f7), medium 2 (f5 f6),
/// low 2 (f2 f4). Outstanding (not rectified, verified or dismissed): f1 f2 f3 f6 = 4.
/// Overdue: f1 f3 f6 = 3.
enum FindingFixtures {
    /// `f1000…0`: 32 characters like a real id.
    static func id(_ number: Int) -> String {
        let prefix = "f\(number)"
        return prefix + String(repeating: "0", count: 32 - prefix.count)
    }

    static let shanghai = FindingTime(timeZone: TimeZone(identifier: "Asia/Shanghai")!)

    static func stamp(_ iso: String) -> Google_Protobuf_Timestamp {
        Google_Protobuf_Timestamp(date: try! Date(iso, strategy: .iso8601))
    }

    static func finding(
        _ number: Int, _ rule: String, _ severity: String, _ state: String, level: UInt32, unit: String, subcommand: String,
        due: String? = nil, overdue: Bool = false
    ) -> Civitas_V1_Finding {
        .with {
            $0.id = id(number)
            $0.rule = rule
            $0.severity = severity
            $0.state = state
            $0.level = level
            $0.unit = unit
            $0.subcommand = subcommand
            $0.period = .with { $0.name = "2026-10" }
            if let due { $0.dueAt = stamp(due) }
            $0.overdue = overdue
            $0.message = "Finding \(number) of rule \(rule)."
        }
    }

    /// f1 in full: figures, sequences out of order, and a history of three moves.
    static func first() -> Civitas_V1_Finding {
        var finding = finding(1, "peer_outlier", "high", "assigned", level: 1, unit: "u-07", subcommand: "east", due: "2026-11-10T15:59:59Z", overdue: true)
        finding.subject = "indicator=B2.2;unit=u-07;period=2026-10"
        finding.runID = "job-42"
        finding.foundAt = stamp("2026-11-01T02:00:00Z")
        // z = 0.6745 × (95 − 80) / 2 = 0.6745 × 7.5 = 5.05875
        finding.figures = ["x": 95, "median": 80, "mad": 2, "z": 5.05875, "share": 0.123456, "tiny": 0.00001234]
        finding.sequences = [45, 12]
        finding.message = "u-07 reported 95, far from the median 80\nof the other units."
        // Opened by run job-42; assigned to u-07 on Nov 2, due the end of Nov 5 (a window
        // of 3 d 14:59:59 from 2026-11-02T01:00Z); overdue, escalated by job-77 on Nov 7 at
        // 01:00Z to sub-command east with a fresh window of the same length: 2026-11-07T01:00Z
        // + 3 d 14:59:59 = 2026-11-10T15:59:59Z, the finding's due date.
        finding.history = [
            .with {
                $0.action = "open"; $0.toState = "open"; $0.by = "system:job-42"; $0.role = "system"
                $0.at = stamp("2026-11-01T02:00:00Z"); $0.note = "found"; $0.level = 0; $0.unit = "u-07"
            },
            .with {
                $0.action = "assign"; $0.fromState = "open"; $0.toState = "assigned"; $0.by = "hq-1"; $0.role = "hq"
                $0.at = stamp("2026-11-02T01:00:00Z"); $0.note = "请核实上报数据"; $0.level = 0; $0.unit = "u-07"
                $0.dueAt = stamp("2026-11-05T15:59:59Z")
            },
            .with {
                $0.action = "escalate"; $0.fromState = "assigned"; $0.toState = "assigned"; $0.by = "system:job-77"; $0.role = "system"
                $0.at = stamp("2026-11-07T01:00:00Z"); $0.note = "escalated from unit to sub-command east"; $0.level = 1; $0.unit = "u-07"
                $0.dueAt = stamp("2026-11-10T15:59:59Z")
            },
        ]
        return finding
    }

    static func all() -> [Civitas_V1_Finding] {
        [
            first(),
            finding(2, "lateness", "low", "open", level: 0, unit: "u-03", subcommand: "west"),
            finding(3, "duplicate_evidence", "high", "reopened", level: 0, unit: "u-05", subcommand: "east", due: "2026-11-20T15:59:59Z", overdue: true),
            finding(4, "too_fast", "low", "dismissed", level: 0, unit: "", subcommand: ""),
            finding(5, "peer_outlier", "medium", "verified", level: 0, unit: "u-09", subcommand: "west"),
            finding(6, "source_consistency", "medium", "assigned", level: 2, unit: "u-11", subcommand: "", due: "2026-11-05T15:59:59Z", overdue: true),
            finding(7, "peer_outlier", "high", "rectified", level: 0, unit: "u-01", subcommand: "east", due: "2026-11-25T15:59:59Z"),
        ]
    }

    static func names() -> ReportNames {
        ReportNames(subcommands: ["east": "东城分指挥部", "west": "西城分指挥部"])
    }

    static func overview() -> FindingsOverview {
        FindingsOverview(period: "2026-10", findings: all(), names: names(), time: shanghai)
    }
}
