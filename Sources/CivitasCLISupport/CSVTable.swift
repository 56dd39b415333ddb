import Foundation

/// A CSV file as a header and records (RFC 4180: quoted fields may hold commas, quotes
/// and line breaks). Each record remembers the line it starts on, so that every error
/// can name the line a person sees in their editor.
public struct CSVTable: Sendable {
    public struct Record: Sendable {
        public var line: Int
        public var fields: [String]
    }

    public var header: [String]
    public var records: [Record]

    /// How the file was encoded (see ``TextDecoding``).
    public var encoding: TextEncoding = .utf8

    /// Parses UTF-8 text, with or without the byte-order mark Excel writes, or GB18030
    /// (what Excel in China writes when told "CSV").
    public init(data: Data, source: String) throws {
        try self.init(text: try SubmissionText(data: data, source: source))
    }

    /// Parses a file's text (see ``CSVReader``); blank lines after the header are skipped.
    public init(text: SubmissionText) throws {
        var reader = CSVReader(source: text.source, start: text.start, end: text.count)
        var row = CSVRow()
        var header: [String]?
        var records: [Record] = []
        try text.withBytes { bytes in
            while try reader.next(bytes, into: &row) {
                row.withCells(bytes) { cells in
                    if header == nil {
                        header = (0..<cells.count).map { cells.string($0) }
                    } else if !cells.isBlank {
                        records.append(Record(line: cells.line, fields: (0..<cells.count).map { UTF8Cell.string(cells.raw($0)) }))
                    }
                }
            }
        }
        guard let header else { throw CSVError(source: text.source, line: 1, message: "has no header line") }
        self.header = header
        self.records = records
        encoding = text.encoding
    }

    public init(contentsOf path: String) throws {
        try self.init(text: try SubmissionText(contentsOf: path))
    }
}

public struct CSVError: Error, CustomStringConvertible {
    public var source: String
    public var line: Int
    public var message: String

    public var description: String {
        line > 0 ? "\(source), line \(line): \(message)" : "\(source) \(message)"
    }
}
