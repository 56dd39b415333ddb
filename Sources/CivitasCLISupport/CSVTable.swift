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
        let (text, encoding) = try TextDecoding.decode(data, source: source)
        try self.init(text: text, source: source)
        self.encoding = encoding
    }

    /// Parses text already decoded.
    public init(text: String, source: String) throws {
        var rows = try Self.parse(text, source: source)
        guard !rows.isEmpty else { throw CSVError(source: source, line: 1, message: "has no header line") }
        let first = rows.removeFirst()
        header = first.fields.map { $0.trimmingCharacters(in: .whitespaces) }
        records = rows.filter { !($0.fields.count == 1 && $0.fields[0].trimmingCharacters(in: .whitespaces).isEmpty) }
    }

    public init(contentsOf path: String) throws {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CSVError(source: path, line: 0, message: "cannot be read")
        }
        try self.init(data: data, source: path)
    }

    private static func parse(_ text: String, source: String) throws -> [Record] {
        var records: [Record] = []
        var fields: [String] = []
        var field = ""
        var quoted = false
        var line = 1
        var recordLine = 1
        var scalars = text.unicodeScalars.makeIterator()
        var pending = scalars.next()
        while let scalar = pending {
            pending = scalars.next()
            if quoted {
                if scalar == "\"" {
                    if pending == "\"" { field.unicodeScalars.append("\""); pending = scalars.next() } else { quoted = false }
                } else {
                    if scalar == "\n" { line += 1 }
                    field.unicodeScalars.append(scalar)
                }
                continue
            }
            switch scalar {
            case "\"" where field.isEmpty:
                quoted = true
            case ",":
                fields.append(field)
                field = ""
            case "\r" where pending == "\n":
                continue
            case "\n", "\r":
                fields.append(field)
                records.append(Record(line: recordLine, fields: fields))
                (fields, field) = ([], "")
                line += 1
                recordLine = line
            default:
                field.unicodeScalars.append(scalar)
            }
        }
        if quoted { throw CSVError(source: source, line: recordLine, message: "has a quoted field that never closes") }
        if !field.isEmpty || !fields.isEmpty {
            fields.append(field)
            records.append(Record(line: recordLine, fields: fields))
        }
        return records
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
