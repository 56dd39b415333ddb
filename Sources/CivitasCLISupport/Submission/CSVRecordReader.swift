/// Turns a channel's CSV rows into records as they are read, so that a file is never held
/// whole: most channels make one record per row; inspections gather consecutive rows.
public protocol CSVRecordReader<Record>: Sendable {
    associatedtype Record: SubmissionRecord

    /// Reads one row (not a blank one); a row that cannot be read becomes a refusal.
    mutating func read(_ row: CSVCells, into batches: inout BatchBuilder<Record>)

    /// The file ended: passes on a record still being gathered.
    mutating func finish(into batches: inout BatchBuilder<Record>)
}

extension CSVRecordReader {
    public mutating func finish(into batches: inout BatchBuilder<Record>) {}
}
