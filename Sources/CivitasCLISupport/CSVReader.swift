/// Reads RFC 4180 records from UTF-8 bytes, one at a time: quoted fields may hold commas,
/// doubled quotes and line breaks; a record ends at LF, CRLF or a lone CR. A field is kept
/// as a byte range, so a caller makes a String only of the cells it needs (and parses
/// numbers and times straight from the bytes). Each record remembers the line it starts
/// on, so that every error can name the line a person sees in their editor.
///
/// The rules are those of the String parser this replaced, quirks included: a quote opens
/// a quoted section only while the field is still empty (elsewhere it is an ordinary
/// character), and text after a closing quote belongs to the same field.
struct CSVReader {
    let source: String
    /// Offset of the next record.
    private(set) var position: Int
    /// Line number at `position`.
    private(set) var line: Int
    let end: Int

    init(source: String, start: Int, end: Int, line: Int = 1) {
        self.source = source
        position = start
        self.end = end
        self.line = line
    }

    /// Reads the next record into `row`, reusing its storage; false at the end of the text.
    mutating func next(_ text: UnsafeRawBufferPointer, into row: inout CSVRow) throws(CSVError) -> Bool {
        row.fields.removeAll(keepingCapacity: true)
        row.unquoted.removeAll(keepingCapacity: true)
        row.line = line
        let recordStart = position
        var index = position
        var fieldStart = index
        guard index < end else { return false }
        scan: while true {
            guard index < end else {
                // The last record has no line break.
                row.fields.append(CSVRow.Field(start: fieldStart, end: index, quoted: false))
                break scan
            }
            switch text[index] {
            case 0x2C:
                row.fields.append(CSVRow.Field(start: fieldStart, end: index, quoted: false))
                index += 1
                fieldStart = index
            case 0x0A, 0x0D:
                row.fields.append(CSVRow.Field(start: fieldStart, end: index, quoted: false))
                index += text[index] == 0x0D && index + 1 < end && text[index + 1] == 0x0A ? 2 : 1
                line += 1
                break scan
            case 0x22 where index == fieldStart:
                switch try readQuoted(text, &index, into: &row) {
                case .comma: fieldStart = index
                case .lineEnd: break scan
                case .textEnd:
                    // A lone empty quoted field at the very end is no record (as before).
                    if row.fields.count == 1, row.unquoted.isEmpty {
                        position = index
                        return false
                    }
                    break scan
                }
            default:
                index += 1
            }
        }
        position = index
        row.bytes = recordStart..<index
        return true
    }

    private enum Terminator { case comma, lineEnd, textEnd }

    /// Reads a field that starts with a quote into `row.unquoted` (quotes dropped, doubled
    /// quotes halved), up to and including its terminator.
    private mutating func readQuoted(
        _ text: UnsafeRawBufferPointer, _ index: inout Int, into row: inout CSVRow
    ) throws(CSVError) -> Terminator {
        let start = row.unquoted.count
        var quoted = true
        index += 1
        func finish() { row.fields.append(CSVRow.Field(start: start, end: row.unquoted.count, quoted: true)) }
        while index < end {
            let byte = text[index]
            if quoted {
                if byte == 0x22 {
                    if index + 1 < end, text[index + 1] == 0x22 {
                        row.unquoted.append(0x22)
                        index += 2
                    } else {
                        quoted = false
                        index += 1
                    }
                    continue
                }
                if byte == 0x0A { line += 1 }
                row.unquoted.append(byte)
                index += 1
                continue
            }
            switch byte {
            case 0x22 where row.unquoted.count == start:
                quoted = true
                index += 1
            case 0x2C:
                finish()
                index += 1
                return .comma
            case 0x0A, 0x0D:
                finish()
                index += byte == 0x0D && index + 1 < end && text[index + 1] == 0x0A ? 2 : 1
                line += 1
                return .lineEnd
            default:
                row.unquoted.append(byte)
                index += 1
            }
        }
        if quoted { throw CSVError(source: source, line: row.line, message: "has a quoted field that never closes") }
        finish()
        return .textEnd
    }
}

/// One record read by ``CSVReader``: its fields as byte ranges into the text, or into
/// `unquoted` for quoted fields.
struct CSVRow {
    struct Field {
        var start: Int
        var end: Int
        /// The range is into `unquoted`, not the text.
        var quoted: Bool
    }

    var line = 0
    /// The record's bytes in the text, line break included.
    var bytes: Range<Int> = 0..<0
    var fields: [Field] = []
    var unquoted: [UInt8] = []

    /// Runs `body` with the row's cells over `text`, the bytes the row was read from.
    func withCells<Result>(_ text: UnsafeRawBufferPointer, _ body: (CSVCells) throws -> Result) rethrows -> Result {
        try unquoted.withUnsafeBytes { unquoted in
            try body(CSVCells(text: text, unquoted: unquoted, fields: fields, line: line, bytes: bytes))
        }
    }
}

/// The cells of one CSV row, valid only inside ``CSVRow/withCells(_:_:)`` (public only as
/// a type: the channels' readers take it).
public struct CSVCells {
    let text: UnsafeRawBufferPointer
    let unquoted: UnsafeRawBufferPointer
    let fields: [CSVRow.Field]
    let line: Int
    let bytes: Range<Int>

    var count: Int { fields.count }

    /// The field's bytes as written (quotes of a quoted field removed).
    func raw(_ index: Int) -> UnsafeRawBufferPointer {
        let field = fields[index]
        return UnsafeRawBufferPointer(rebasing: (field.quoted ? unquoted : text)[field.start..<field.end])
    }

    /// The field's bytes without surrounding white space; empty for a column the row lacks
    /// (or no column at all).
    func trimmed(_ index: Int?) -> UnsafeRawBufferPointer {
        guard let index, index < fields.count else { return UnsafeRawBufferPointer(start: nil, count: 0) }
        return UTF8Cell.trimmed(raw(index))
    }

    /// The trimmed field as a String ("" for a column the row lacks).
    func string(_ index: Int?) -> String { UTF8Cell.string(trimmed(index)) }

    /// A line holding nothing but white space (skipped by every reader).
    var isBlank: Bool { fields.count == 1 && trimmed(0).isEmpty }
}
