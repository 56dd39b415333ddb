import Foundation
import SwiftProtobuf
import Synchronization

/// What reading a file needs besides its rows: where it is (evidence paths are relative to
/// its folder), how to read local times, and how large an evidence file may be to travel
/// with its bytes. Sendable, so that the reader can run on its own task.
public final class SubmissionReadContext: Sendable {
    public let source: String
    public let directory: String
    public let time: SubmissionTime
    public let evidenceMaxBytes: Int
    let evidenceCache = Mutex<[String: Result<EvidenceFile, CellProblem>]>([:])

    public init(source: String, time: SubmissionTime, evidenceMaxBytes: Int = 8 << 20) {
        self.source = source
        let folder = (source as NSString).deletingLastPathComponent
        directory = folder.isEmpty ? "." : folder
        self.time = time
        self.evidenceMaxBytes = evidenceMaxBytes
    }

    /// The time in a cell (already trimmed), read from its bytes.
    func timestamp(_ cell: UnsafeRawBufferPointer, field: String) throws(CellProblem) -> Google_Protobuf_Timestamp {
        guard !cell.isEmpty else { throw CellProblem(field, "is empty; a time is required") }
        guard let value = time.parse(cell) else {
            throw CellProblem(
                field,
                "\"\(UTF8Cell.string(cell))\" is not a time (use 2026-10-05T09:30:00+08:00, or 2026-10-05 09:30 in \(time.timeZone.identifier))"
            )
        }
        return value
    }

    func timestamp(_ text: String, field: String) throws(CellProblem) -> Google_Protobuf_Timestamp {
        let result = text.withUTF8Bytes { bytes in Result { () throws(CellProblem) in try timestamp(bytes, field: field) } }
        return try result.get()
    }
}

/// Which column is where, with the Chinese headings spreadsheets carry.
struct ColumnMap {
    var index: [String: Int] = [:]
    /// Columns that are none of the known ones (survey questions), in file order.
    var others: [(position: Int, heading: String)] = []

    /// The column the refused-rows file adds; ignored when a fixed file is sent again.
    static let errorColumn = "error"

    init(
        header: [String], aliases: [String: String], required: [String], source: String, allowOthers: Bool = false
    ) throws {
        for (position, raw) in header.enumerated() {
            let heading = raw.trimmingCharacters(in: .whitespaces)
            if heading.lowercased() == Self.errorColumn || heading == "错误" { continue }
            guard let column = aliases[heading.lowercased()] ?? aliases[heading] else {
                if allowOthers, !heading.isEmpty {
                    // A question twice would answer it twice in one response.
                    if others.contains(where: { $0.heading == heading }) {
                        throw CSVError(source: source, line: 1, message: "names the column \(heading) twice")
                    }
                    others.append((position, heading))
                    continue
                }
                throw CSVError(source: source, line: 1, message: "has an unknown column \"\(heading)\"")
            }
            guard index[column] == nil else {
                throw CSVError(source: source, line: 1, message: "names the column \(column) twice")
            }
            index[column] = position
        }
        if let missing = required.first(where: { index[$0] == nil }) {
            throw CSVError(source: source, line: 1, message: "lacks the required column \"\(missing)\"")
        }
    }

    func has(_ column: String) -> Bool { index[column] != nil }

    /// Where the column is, for readers that look cells up by position on every row.
    func position(_ column: String) -> Int? { index[column] }
}

extension CSVCells {
    /// The trimmed cell as a String; an empty one is a problem of `column`.
    func required(_ index: Int?, _ column: String) throws(CellProblem) -> String {
        let value = string(index)
        guard !value.isEmpty else { throw CellProblem(column, "is empty") }
        return value
    }

    /// Where the row came from, for refusals and the refused-rows file.
    var origin: RowOrigin { RowOrigin(line: line, bytes: bytes) }
}

/// Cell readers shared by the channels.
enum Cells {
    static func number(_ text: String, field: String) throws(CellProblem) -> Double {
        // Digit group separators ("1_000") are allowed; most cells have none.
        let cleaned = text.utf8.contains(0x5F) ? text.replacingOccurrences(of: "_", with: "") : text
        guard let value = Double(cleaned) else { throw CellProblem(field, "\"\(text)\" is not a number") }
        return value
    }

    /// A whole number ≥ 0 from a trimmed cell's bytes (plain digits without making a String).
    static func unsigned(_ cell: UnsafeRawBufferPointer, field: String) throws(CellProblem) -> UInt32 {
        if let value = UTF8Cell.unsigned(cell) { return value }
        return try unsigned(UTF8Cell.string(cell), field: field)
    }

    static func unsigned(_ text: String, field: String) throws(CellProblem) -> UInt32 {
        if let value = UInt32(text) { return value }
        if let value = Double(text), value >= 0, value <= Double(UInt32.max), value == value.rounded() { return UInt32(value) }
        throw CellProblem(field, "\"\(text)\" is not a whole number ≥ 0")
    }

    static func boolean(_ text: String, field: String) throws(CellProblem) -> Bool {
        switch text.lowercased() {
        case "true", "1", "yes", "y", "t", "是", "有", "合格", "通过", "已提供", "✓", "√": return true
        case "false", "0", "no", "n", "f", "否", "无", "不合格", "不通过", "未提供", "✗", "×": return false
        default: throw CellProblem(field, "\"\(text)\" is not true/false (1/0, 是/否)")
        }
    }

    static func list(_ text: String) -> [String] {
        text.split(whereSeparator: { $0 == ";" || $0 == "；" }).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}
