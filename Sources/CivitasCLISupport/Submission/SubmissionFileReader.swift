import Foundation
import SwiftProtobuf

/// Reads a submission file of either format for one channel.
public enum SubmissionFileReader {
    public static func read<Record: SubmissionRecord>(
        _ type: Record.Type, path: String, format: SubmissionFormat? = nil, context: SubmissionReadContext
    ) throws -> ParsedSubmission<Record> {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CSVError(source: path, line: 0, message: "cannot be read")
        }
        return try read(type, data: data, format: format ?? .guess(path: path), context: context)
    }

    public static func read<Record: SubmissionRecord>(
        _ type: Record.Type, data: Data, format: SubmissionFormat, context: SubmissionReadContext
    ) throws -> ParsedSubmission<Record> {
        let (text, _) = try TextDecoding.decode(data, source: context.source)
        switch format {
        case .csv:
            return try Record.read(csv: try CSVTable(text: text, source: context.source), context: context)
        case .jsonl:
            return jsonLines(type, text: text, source: context.source)
        }
    }

    /// JSON Lines: one object per line in the proto's JSON mapping (field names as in the
    /// .proto, snake_case, or their lowerCamelCase JSON names; times RFC 3339 with an
    /// offset). Blank lines are skipped; an "error" member (from a refused-rows file) is
    /// ignored.
    public static func jsonLines<Record: SubmissionRecord>(
        _ type: Record.Type, text: String, source: String
    ) -> ParsedSubmission<Record> {
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
        var parsed = ParsedSubmission<Record>(source: source, rows: .jsonLines(lines))
        for (offset, raw) in lines.enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty { continue }
            do throws(CellProblem) {
                parsed.add(try decode(type, line), lines: [offset + 1])
            } catch {
                parsed.refuse(lines: [offset + 1], error)
            }
        }
        return parsed
    }

    static func decode<Record: SubmissionRecord>(_ type: Record.Type, _ line: String) throws(CellProblem) -> Record {
        var json = line
        if line.contains("\"error\"") {
            guard let object = (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any] else {
                throw CellProblem("json", "is not one JSON object")
            }
            var stripped = object
            stripped["error"] = nil
            guard let data = try? JSONSerialization.data(withJSONObject: stripped) else {
                throw CellProblem("json", "is not one JSON object")
            }
            json = String(decoding: data, as: UTF8.self)
        }
        do {
            return try Record(jsonString: json)
        } catch {
            throw CellProblem("json", "cannot be read as a \(Record.channel.rawValue) record: \(explain(error))")
        }
    }

    static func explain(_ error: any Error) -> String {
        switch error as? JSONDecodingError {
        case .unrecognizedEnumValue?: "unknown enum value"
        case .malformedNumber?: "a number is malformed"
        case .malformedString?: "a string is malformed"
        case .malformedBool?: "a boolean is malformed"
        case .malformedMap?: "a map (answers) is malformed"
        case .unknownField(let name)?: "unknown field \"\(name)\""
        case .failure?: "malformed JSON"
        case .truncated?: "the JSON ends too early"
        case .trailingGarbage?: "text follows the JSON object"
        case .schemaMismatch?: "a value has the wrong type"
        case nil: "\(error)"
        default: "\(error)"
        }
    }
}
