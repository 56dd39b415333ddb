/// A row that was refused — by the client, because it could not even be encoded, or by the
/// server — with the lines it came from, the field and a reason a person can act on.
public struct SubmissionProblem: Sendable, Hashable, CustomStringConvertible {
    public var source: String
    /// The lines of the file the record came from (several for an inspection record).
    public var lines: [Int]
    public var field: String
    public var reason: String

    public init(source: String, lines: [Int], field: String, reason: String) {
        self.source = source
        self.lines = lines
        self.field = field
        self.reason = reason
    }

    /// The `error` cell of the refused-rows file: "field: reason".
    public var cell: String { field.isEmpty ? reason : "\(field): \(reason)" }

    public var description: String {
        let where_ = lines.isEmpty ? "" : lines.count == 1 ? ", line \(lines[0])" : ", lines \(lines.first!)–\(lines.last!)"
        return "\(source)\(where_): \(cell)"
    }
}

/// One cell that cannot be encoded: which column, and why.
struct CellProblem: Error {
    var field: String
    var reason: String

    init(_ field: String, _ reason: String) {
        self.field = field
        self.reason = reason
    }
}
