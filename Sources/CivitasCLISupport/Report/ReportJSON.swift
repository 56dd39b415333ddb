import CivitasProtos
import Foundation
import SwiftProtobuf

/// `--json`: machine output with stable snake_case keys and unrounded numbers. Absent
/// values (a missing `v`, no previous result, eligibility in a sub-command scope) are
/// `null`, never left out, so a script can rely on every key being there.
public enum ReportJSON {
    public static func score(_ result: Civitas_V1_EvaluationResult, passScore: Double?, names: ReportNames) -> [String: Any] {
        var object = header(result)
        object["report"] = "score"
        object["pass_score"] = passScore ?? NSNull()
        object["eligible"] = result.hasEligibility_p ? result.eligible : NSNull()
        object["gates"] = result.gates.map { gate($0, names: names) }
        object["nodes"] = result.nodes.map { node in
            named(node.code, names) + [
                "path": node.path, "level": ReportPath.isItem(node.path) ? "item" : "category",
                "points": node.points, "earned": node.earned,
            ]
        }
        object["leaves"] = result.leaves.map { leaf in
            named(leaf.code, names) + [
                "path": leaf.path, "points": leaf.points, "value": leaf.hasValue_p ? leaf.value : NSNull(),
                "fraction": leaf.fraction, "earned": leaf.earned, "flags": leaf.flags, "samples": Int(leaf.samples),
            ]
        }
        return object
    }

    public static func ranking(_ ranking: Civitas_V1_Ranking, staleResults: Set<String>, names: ReportNames) -> [String: Any] {
        [
            "report": "ranking", "framework": ranking.framework, "framework_version": Int(ranking.frameworkVersion),
            "period": ranking.period.name,
            "entries": ranking.entries.map { entry in
                [
                    "rank": Int(entry.rank), "subcommand": entry.subcommand,
                    "subcommand_name": names.subcommands[entry.subcommand] ?? NSNull(), "earned": entry.earned,
                    "max_points": entry.maxPoints, "ratio": entry.ratio, "result_id": entry.resultID,
                    "stale": staleResults.contains(entry.resultID),
                ] as [String: Any]
            },
        ]
    }

    public static func gap(_ analysis: Civitas_V1_GapAnalysis, result: Civitas_V1_EvaluationResult, names: ReportNames) -> [String: Any] {
        var object = header(result)
        object["report"] = "gap"
        object["previous_result_id"] = analysis.previousResultID.isEmpty ? NSNull() : analysis.previousResultID
        object["total_change"] = analysis.previousResultID.isEmpty ? NSNull() : analysis.totalChange
        object["gaps"] = GapOrder.byPointsLost(analysis.gaps).map { gap($0, names: names) }
        object["failed_gates"] = analysis.failedGates.map { gate($0, names: names) }
        object["weakest_by_subcommand"] = analysis.weakestBySubcommand.map { block in
            [
                "subcommand": block.subcommand, "subcommand_name": names.subcommands[block.subcommand] ?? NSNull(),
                "result_id": block.resultID, "gaps": GapOrder.byPointsLost(block.gaps).map { gap($0, names: names) },
            ] as [String: Any]
        }
        return object
    }

    /// Pretty-printed with sorted keys: the same bytes for the same report.
    public static func text(_ object: [String: Any]) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }

    /// What identifies the result: enough to reproduce it (DOMAIN §5).
    static func header(_ result: Civitas_V1_EvaluationResult) -> [String: Any] {
        [
            "result_id": result.id, "framework": result.framework, "framework_version": Int(result.frameworkVersion),
            "framework_sha256": result.frameworkSha256, "period": result.period.name, "scope": result.scope.name,
            "cutoff_sequence": Int(clamping: result.cutoffSequence), "input_digest": result.inputDigest,
            "computed_at": result.hasComputedAt ? result.computedAt.date.formatted(.iso8601) : NSNull(),
            "stale": result.stale, "total": result.total, "max_points": result.maxPoints,
        ]
    }

    static func gate(_ gate: Civitas_V1_GateResult, names: ReportNames) -> [String: Any] {
        named(gate.node, names) + [
            "condition": gate.condition, "passed": gate.passed, "value": gate.hasValue_p ? gate.value : NSNull(),
        ]
    }

    static func gap(_ gap: Civitas_V1_Gap, names: ReportNames) -> [String: Any] {
        named(gap.code, names) + [
            "path": gap.path, "points_lost": gap.pointsLost,
            "distance_to_target": gap.hasDistance_p ? gap.distanceToTarget : NSNull(), "gate_failed": gap.gateFailed,
            "change_since_previous": gap.hasChange_p ? gap.changeSincePrevious : NSNull(),
        ]
    }

    /// `code`, `name` (as the framework prints it) and `description` (English; may be empty).
    static func named(_ code: String, _ names: ReportNames) -> [String: Any] {
        ["code": code, "name": names.node(code), "description": names.description(of: code)]
    }
}

private func + (lhs: [String: Any], rhs: [String: Any]) -> [String: Any] {
    lhs.merging(rhs) { _, new in new }
}
