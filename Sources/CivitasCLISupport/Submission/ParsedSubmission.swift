import SwiftProtobuf

/// One record read from a file, ready to send, with the lines it came from.
public struct SubmissionItem<Record: SubmissionRecord>: Sendable {
    public var record: Record
    public var lines: [Int]

    public init(record: Record, lines: [Int]) {
        self.record = record
        self.lines = lines
    }
}

/// The original rows of a file, kept to write the refused ones back out.
public enum SourceRows: Sendable {
    case csv(header: [String], records: [CSVTable.Record])
    /// Line texts; line N is element N-1.
    case jsonLines([Substring])
}

/// A whole file read for one channel: the records to send, the rows the client itself
/// refused (with reasons), notes for stderr, and the original rows.
public struct ParsedSubmission<Record: SubmissionRecord>: Sendable {
    public var source: String
    public var items: [SubmissionItem<Record>] = []
    public var problems: [SubmissionProblem] = []
    public var notes: [String] = []
    public var rows: SourceRows

    public init(source: String, rows: SourceRows) {
        self.source = source
        self.rows = rows
    }

    /// Adds a record, deriving its key from its content when the file gave none.
    mutating func add(_ record: Record, lines: [Int]) {
        var record = record
        if record.key.isEmpty { record.key = DerivedKey.key(for: record) }
        items.append(SubmissionItem(record: record, lines: lines))
    }

    mutating func refuse(lines: [Int], _ problem: CellProblem) {
        problems.append(SubmissionProblem(source: source, lines: lines, field: problem.field, reason: problem.reason))
    }
}
