import Foundation

/// One point given to a sub-command other than its owner for a period's cross-inspection.
public struct CrossInspectionAssignment: Hashable, Sendable {
    public var point: String
    public var pointName: String
    /// The sub-command that owns the point.
    public var owner: String
    /// The sub-command whose inspectors visit it.
    public var inspector: String

    public init(point: String, pointName: String, owner: String, inspector: String) {
        self.point = point
        self.pointName = pointName
        self.owner = owner
        self.inspector = inspector
    }
}

/// A period's cross-inspection assignment, ordered by point id.
public struct CrossInspectionPlan: Hashable, Sendable {
    public var period: String
    public var seed: UInt64
    public var assignments: [CrossInspectionAssignment]

    public init(period: String, seed: UInt64, assignments: [CrossInspectionAssignment]) {
        self.period = period
        self.seed = seed
        self.assignments = assignments
    }

    /// Points per inspecting sub-command (sub-commands given none are absent).
    public var loads: [String: Int] {
        assignments.reduce(into: [:]) { $0[$1.inspector, default: 0] += 1 }
    }

    /// The CSV columns handed to inspectors.
    public static let csvHeader = ["point", "point_name", "owner", "assigned_subcommand"]

    /// Header and one row per point, grouped by the assigned sub-command (each team reads
    /// its own rows together), then by point id.
    public var csvRows: [[String]] {
        [Self.csvHeader]
            + assignments.sorted { ($0.inspector, $0.point) < ($1.inspector, $1.point) }
            .map { [$0.point, $0.pointName, $0.owner, $0.inspector] }
    }

    /// ``csvRows`` as RFC 4180 text: fields holding a comma, quote or line break are
    /// quoted (point names are free text), lines end in CRLF.
    public var csvText: String {
        csvRows.map { row in row.map(Self.quoted).joined(separator: ",") + "\r\n" }.joined()
    }

    private static func quoted(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
