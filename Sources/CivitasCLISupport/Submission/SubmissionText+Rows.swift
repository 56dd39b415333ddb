extension SubmissionText {
    /// A record's CSV rows read again from the text (blank lines skipped), for the few
    /// records that are refused: readers keep only where rows are, not the rows.
    func csvRows(of origin: RowOrigin) -> [CSVTable.Record] {
        var reader = CSVReader(source: source, start: origin.bytes.lowerBound, end: origin.bytes.upperBound, line: origin.line)
        var row = CSVRow()
        var rows: [CSVTable.Record] = []
        withBytes { bytes in
            // The bytes were read once already, so this cannot fail.
            while (try? reader.next(bytes, into: &row)) == true {
                row.withCells(bytes) { cells in
                    if !cells.isBlank {
                        rows.append(CSVTable.Record(line: cells.line, fields: (0..<cells.count).map { UTF8Cell.string(cells.raw($0)) }))
                    }
                }
            }
        }
        return rows
    }

    /// The lines a record's rows start on.
    func lines(of origin: RowOrigin, format: SubmissionFormat) -> [Int] {
        format == .csv ? csvRows(of: origin).map(\.line) : [origin.line]
    }
}
