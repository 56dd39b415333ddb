import Foundation

/// The refused-rows file: the original rows of every refused record, in file order, plus an
/// `error` column ("field: reason"), so that a person can fix them and send that file again
/// (the readers ignore the `error` column). CSV is written as UTF-8 with a BOM, which Excel
/// opens correctly; JSON Lines get an "error" member.
public enum RefusedRows {
    /// `survey.csv` → `survey.refused.csv`; `feed.jsonl` → `feed.refused.jsonl`.
    public static func path(for source: String, format: SubmissionFormat) -> String {
        let url = URL(fileURLWithPath: source)
        let base = url.deletingPathExtension().lastPathComponent
        let name = "\(base).refused.\(format == .csv ? "csv" : "jsonl")"
        let folder = (source as NSString).deletingLastPathComponent
        return folder.isEmpty ? name : (folder as NSString).appendingPathComponent(name)
    }

    /// A refused record: where its rows are, and its `error` cell ("field: reason").
    struct Row: Sendable {
        var origin: RowOrigin
        var cell: String
    }

    /// The file's content for these refused records, in file order: their rows read again
    /// from `text`, the cells of a record refused for several reasons joined with "; ".
    /// `header` is the CSV header (nil for JSON Lines).
    static func render(_ refused: [Row], text: SubmissionText, header: [String]?) -> Data {
        let ordered = refused.enumerated().sorted { ($0.element.origin.line, $0.offset) < ($1.element.origin.line, $1.offset) }
        var groups: [(origin: RowOrigin, cells: [String])] = []
        for (_, row) in ordered {
            if groups.last?.origin == row.origin { groups[groups.count - 1].cells.append(row.cell) } else { groups.append((row.origin, [row.cell])) }
        }
        var out = ""
        if let header {
            out = "\u{FEFF}" + csvLine(header.filter { $0.lowercased() != ColumnMap.errorColumn } + ["error"])
            let errorColumn = header.firstIndex { $0.lowercased() == ColumnMap.errorColumn }
            let width = header.count - (errorColumn == nil ? 0 : 1)
            for (origin, cells) in groups {
                for record in text.csvRows(of: origin) {
                    var fields = record.fields
                    if let errorColumn, errorColumn < fields.count { fields.remove(at: errorColumn) }
                    if fields.count < width { fields += Array(repeating: "", count: width - fields.count) }
                    out += csvLine(fields + [cells.joined(separator: "; ")])
                }
            }
        } else {
            for (origin, cells) in groups {
                out += jsonLine(text.string(origin.bytes).trimmingCharacters(in: .whitespaces), error: cells.joined(separator: "; "))
            }
        }
        return Data(out.utf8)
    }

    static func write(_ refused: [Row], text: SubmissionText, header: [String]?, to path: String) throws {
        try render(refused, text: text, header: header).write(to: URL(fileURLWithPath: path), options: .atomic)
    }

    /// The line's object with an "error" member, or — not even JSON — the text as a string
    /// so that nothing is lost.
    static func jsonLine(_ text: String, error message: String) -> String {
        if var object = (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] {
            object["error"] = message
            if let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]) {
                return String(decoding: data, as: UTF8.self) + "\n"
            }
        }
        let wrapped: [String: Any] = ["line": text, "error": message]
        guard let data = try? JSONSerialization.data(withJSONObject: wrapped, options: [.sortedKeys]) else { return "" }
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    static func csvLine(_ fields: [String]) -> String {
        fields.map { field in
            field.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline })
                ? "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : field
        }.joined(separator: ",") + "\n"
    }
}
