import CivitasProtos
import Foundation
import SwiftProtobuf

/// `--json` for findings: stable snake_case keys, exact numbers, times in ISO 8601 UTC.
/// Absent values (no unit, no due date, the opening move's `from_state`) are `null`,
/// never left out, so a script can rely on every key being there (as ``ReportJSON``).
/// Each move of `history` has `action`, `from_state`, `to_state`, `by`, `role` (`system`
/// for a job), `at`, `note`, and the `level`, `level_name`, `unit` and `due_at` after it.
public enum FindingJSON {
    public static func finding(_ finding: Civitas_V1_Finding, names: ReportNames = ReportNames()) -> [String: Any] {
        [
            "id": finding.id, "rule": finding.rule, "severity": finding.severity, "state": finding.state,
            "level": Int(finding.level), "level_name": FindingVocabulary.level(finding.level, .en),
            "unit": orNull(finding.unit), "subcommand": orNull(finding.subcommand),
            "subcommand_name": names.subcommands[finding.subcommand].map { $0 as Any } ?? NSNull(),
            "period": finding.period.name, "subject": finding.subject, "run_id": orNull(finding.runID),
            "sequences": finding.sequences.sorted().map { Int(clamping: $0) }, "figures": finding.figures,
            "message": finding.message, "overdue": finding.overdue,
            "due_at": time(finding.dueAt, isSet: finding.hasDueAt), "found_at": time(finding.foundAt, isSet: finding.hasFoundAt),
            "history": finding.history.map { move in
                [
                    "action": orNull(move.action), "from_state": orNull(move.fromState), "to_state": move.toState, "by": move.by,
                    "role": orNull(move.role), "at": time(move.at, isSet: move.hasAt), "note": move.note, "level": Int(move.level),
                    "level_name": FindingVocabulary.level(move.level, .en), "unit": orNull(move.unit),
                    "due_at": time(move.dueAt, isSet: move.hasDueAt),
                ] as [String: Any]
            },
        ]
    }

    /// `{"count": n, "findings": [...]}`; `truncated` says a `--limit` left some out.
    public static func list(_ findings: [Civitas_V1_Finding], truncated: Bool = false, names: ReportNames = ReportNames()) -> [String: Any] {
        ["count": findings.count, "truncated": truncated, "findings": findings.map { finding($0, names: names) }]
    }

    /// `civitas report findings --json`: the period, the counts by rule and severity, and
    /// every finding.
    public static func report(_ overview: FindingsOverview) -> [String: Any] {
        let counts = overview.counts
        return [
            "report": "findings", "period": overview.period, "subcommand": orNull(overview.subcommand),
            "total": counts.total, "outstanding": counts.outstanding, "overdue": counts.overdue,
            "by_rule": counts.rows.map { row in
                ["rule": row.rule, "high": row.high, "medium": row.medium, "low": row.low, "total": row.total] as [String: Any]
            },
            "findings": overview.findings.map { finding($0, names: overview.names) },
        ]
    }

    static func orNull(_ text: String) -> Any { text.isEmpty ? NSNull() : text }

    static func time(_ stamp: Google_Protobuf_Timestamp, isSet: Bool) -> Any {
        isSet ? stamp.date.formatted(.iso8601) : NSNull()
    }
}
