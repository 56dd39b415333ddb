/// One problem with one record of a batch: where it is, which field, and why.
///
/// Batches are all-or-nothing, so a non-empty list of problems means nothing of the
/// batch was stored; the list names every problem found, not just the first.
public struct RecordProblem: Hashable, Sendable, CustomStringConvertible {
    /// Zero-based position of the record in its batch.
    public var index: Int
    /// The record's own identifier, when it has one.
    public var record: String
    public var field: String
    public var reason: String

    public init(index: Int, record: String, field: String, reason: String) {
        self.index = index
        self.record = record
        self.field = field
        self.reason = reason
    }

    public var description: String {
        let name = record.isEmpty ? "" : " (\(record))"
        return "record \(index)\(name), field \(field): \(reason)"
    }
}
