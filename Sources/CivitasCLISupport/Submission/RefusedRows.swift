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

    /// The file's content for these problems (several problems of one line are joined).
    public static func render(_ rows: SourceRows, problems: [SubmissionProblem]) -> Data {
        var errors: [Int: [String]] = [:]
        for problem in problems {
            for line in problem.lines { errors[line, default: []].append(problem.cell) }
        }
        let lines = errors.keys.sorted()
        var out = ""
        switch rows {
        case .csv(let header, let records):
            out = "\u{FEFF}" + csvLine(header.filter { $0.lowercased() != ColumnMap.errorColumn } + ["error"])
            let errorColumn = header.firstIndex { $0.lowercased() == ColumnMap.errorColumn }
            let byLine = Dictionary(records.map { ($0.line, $0) }, uniquingKeysWith: { first, _ in first })
            for line in lines {
                guard let record = byLine[line] else { continue }
                var fields = record.fields
                if let errorColumn, errorColumn < fields.count { fields.remove(at: errorColumn) }
                let width = header.count - (errorColumn == nil ? 0 : 1)
                if fields.count < width { fields += Array(repeating: "", count: width - fields.count) }
                out += csvLine(fields + [errors[line]!.joined(separator: "; ")])
            }
        case .jsonLines(let texts):
            for line in lines where line >= 1 && line <= texts.count {
                let message = errors[line]!.joined(separator: "; ")
                let text = String(texts[line - 1]).trimmingCharacters(in: .whitespaces)
                if var object = (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] {
                    object["error"] = message
                    if let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]) {
                        out += String(decoding: data, as: UTF8.self) + "\n"
                        continue
                    }
                }
                // Not even JSON: keep the text as a string so nothing is lost.
                let wrapped: [String: Any] = ["line": text, "error": message]
                if let data = try? JSONSerialization.data(withJSONObject: wrapped, options: [.sortedKeys]) {
                    out += String(decoding: data, as: UTF8.self) + "\n"
                }
            }
        }
        return Data(out.utf8)
    }

    public static func write(_ rows: SourceRows, problems: [SubmissionProblem], to path: String) throws {
        try render(rows, problems: problems).write(to: URL(fileURLWithPath: path), options: .atomic)
    }

    static func csvLine(_ fields: [String]) -> String {
        fields.map { field in
            field.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline })
                ? "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : field
        }.joined(separator: ",") + "\n"
    }
}
