import CivitasCore
import CivitasProtos
import Foundation

/// `civitas crosscheck assign`: the server's cross-inspection assignment (DOMAIN §6) as
/// inspectors use it — a CSV to hand out and the load of every sub-command.
public struct CrossInspectionSheet: Sendable {
    /// One sub-command's share: points its inspectors visit, and its own points that
    /// others visit.
    public struct Load: Sendable, Equatable {
        public var subcommand: String
        public var load: Int
        public var ownPoints: Int
    }

    public var plan: CrossInspectionPlan

    /// - Parameter pointNames: names by point id from the organization; a point missing
    ///   from it gets an empty name (the listing may fail, or hide other blocks' points).
    public init(period: String, seed: UInt64, response: Civitas_V1_AssignCrossInspectionResponse, pointNames: [String: String]) {
        let assignments = response.assignments.map { wire in
            CrossInspectionAssignment(point: wire.point, pointName: pointNames[wire.point] ?? "", owner: wire.owner, inspector: wire.inspectorSubcommand)
        }
        plan = CrossInspectionPlan(period: period, seed: seed, assignments: assignments.sorted { $0.point < $1.point })
    }

    /// The CSV (columns point, point_name, owner, assigned_subcommand; CRLF; fields with
    /// commas, quotes or line breaks quoted) behind a UTF-8 byte-order mark: without it,
    /// Excel in China reads the file as GB18030 and garbles every Chinese point name.
    public var csvData: Data {
        Data([0xEF, 0xBB, 0xBF]) + Data(plan.csvText.utf8)
    }

    /// Every sub-command that inspects or owns a point, by id.
    public var loads: [Load] {
        let inspected = plan.loads
        let owned = plan.assignments.reduce(into: [String: Int]()) { $0[$1.owner, default: 0] += 1 }
        return Set(inspected.keys).union(owned.keys).sorted().map { id in
            Load(subcommand: id, load: inspected[id] ?? 0, ownPoints: owned[id] ?? 0)
        }
    }

    /// The loads table and a line with the number of points and the spread of the loads.
    public func renderLoads(names: ReportNames, language: ReportLanguage) -> String {
        let label = { (label: FindingLabel) in label.text(language) }
        var lines = ["\(label(.loadsTitle)) — \(plan.period) · seed \(plan.seed)"]
        let loads = loads
        var table = Table([label(.subcommand), label(.load), label(.ownPoints)])
        for load in loads { table.rows.append([names.subcommand(load.subcommand), "\(load.load)", "\(load.ownPoints)"]) }
        lines.append(table.reportText)
        let given = loads.map(\.load).filter { $0 > 0 }
        guard let fewest = given.min(), let most = given.max() else {
            return (lines + [language.pick("没有需要检查的点位", "No points to inspect")]).joined(separator: "\n")
        }
        let spread = fewest == most ? "\(most)" : "\(fewest)–\(most)"
        lines.append(language.pick(
            "共 \(plan.assignments.count) 个点位，每个分指挥部检查 \(spread) 个",
            "\(plan.assignments.count) point(s); each inspecting sub-command visits \(spread)"))
        return lines.joined(separator: "\n")
    }

    /// One row per point, grouped by the inspecting sub-command as in the CSV.
    public func renderAssignments(names: ReportNames, language: ReportLanguage) -> String {
        var table = Table([FindingLabel.assigned, .point, .pointName, .owner].map { $0.text(language) })
        for row in plan.csvRows.dropFirst() {
            table.rows.append([names.subcommand(row[3]), row[0], row[1].isEmpty ? "-" : row[1], names.subcommand(row[2])])
        }
        return table.reportText
    }
}
