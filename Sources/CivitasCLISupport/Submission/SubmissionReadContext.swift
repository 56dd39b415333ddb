import Foundation
import SwiftProtobuf

/// What reading a file needs besides its rows: where it is (evidence paths are relative to
/// its folder), how to read local times, and how large an evidence file may be to travel
/// with its bytes.
public final class SubmissionReadContext {
    public let source: String
    public let directory: String
    public let time: SubmissionTime
    public let evidenceMaxBytes: Int
    var evidenceCache: [String: Result<EvidenceFile, CellProblem>] = [:]

    public init(source: String, time: SubmissionTime, evidenceMaxBytes: Int = 8 << 20) {
        self.source = source
        let folder = (source as NSString).deletingLastPathComponent
        directory = folder.isEmpty ? "." : folder
        self.time = time
        self.evidenceMaxBytes = evidenceMaxBytes
    }

    func timestamp(_ text: String, field: String) throws(CellProblem) -> Google_Protobuf_Timestamp {
        guard !text.isEmpty else { throw CellProblem(field, "is empty; a time is required") }
        guard let value = time.parse(text) else {
            throw CellProblem(
                field,
                "\"\(text)\" is not a time (use 2026-10-05T09:30:00+08:00, or 2026-10-05 09:30 in \(time.timeZone.identifier))"
            )
        }
        return value
    }
}

/// Which column is where, with the Chinese headings spreadsheets carry, and the cells of
/// a row by column name.
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

    func cell(_ record: CSVTable.Record, _ column: String) -> String {
        guard let position = index[column], position < record.fields.count else { return "" }
        return Cells.trimmed(record.fields[position])
    }

    func required(_ record: CSVTable.Record, _ column: String) throws(CellProblem) -> String {
        let value = cell(record, column)
        guard !value.isEmpty else { throw CellProblem(column, "is empty") }
        return value
    }
}

/// Cell readers shared by the channels.
enum Cells {
    /// The text without leading and trailing spaces and tabs (fast path: nothing to trim).
    static func trimmed(_ text: String) -> String {
        guard let first = text.utf8.first, let last = text.utf8.last else { return text }
        if first != 0x20, first != 0x09, last != 0x20, last != 0x09, first < 0x80, last < 0x80 { return text }
        return text.trimmingCharacters(in: .whitespaces)
    }

    static func number(_ text: String, field: String) throws(CellProblem) -> Double {
        let cleaned = text.replacingOccurrences(of: "_", with: "")
        guard let value = Double(cleaned) else { throw CellProblem(field, "\"\(text)\" is not a number") }
        return value
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
