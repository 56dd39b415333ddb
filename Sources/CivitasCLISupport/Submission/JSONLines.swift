import Foundation
import SwiftProtobuf

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// JSON Lines: one object per line in the proto's JSON mapping (field names as in the
/// .proto, snake_case, or their lowerCamelCase JSON names; times RFC 3339 with an
/// offset). Lines end at LF or CRLF; blank lines are skipped; an "error" member (from a
/// refused-rows file) is ignored.
struct JSONLinesReader {
    let source: String
    private(set) var position: Int
    private(set) var line = 1
    let end: Int

    init(source: String, start: Int, end: Int) {
        self.source = source
        position = start
        self.end = end
    }

    /// Reads up to `rows` lines into `batches`, stopping early once a batch is sealed;
    /// true when the text is done.
    mutating func read<Record: SubmissionRecord>(
        _ text: UnsafeRawBufferPointer, rows: Int, into batches: inout BatchBuilder<Record>
    ) -> Bool {
        for _ in 0..<rows {
            guard position < end else { return true }
            let rest = UnsafeRawBufferPointer(rebasing: text[position..<end])
            let lineEnd = memchr(rest.baseAddress!, 0x0A, rest.count).map { position + (UnsafeRawPointer($0) - rest.baseAddress!) } ?? end
            var contentEnd = lineEnd
            if contentEnd > position, text[contentEnd - 1] == 0x0D { contentEnd -= 1 }
            let origin = RowOrigin(line: line, bytes: position..<contentEnd)
            let content = UTF8Cell.trimmed(UnsafeRawBufferPointer(rebasing: text[origin.bytes]))
            if !content.isEmpty {
                do throws(CellProblem) {
                    batches.add(try JSONLines.decode(Record.self, UTF8Cell.string(content)), origin: origin)
                } catch {
                    batches.refuse(error, lines: [line], origin: origin)
                }
            }
            line += 1
            position = lineEnd + 1
            if !batches.sealed.isEmpty { break }
        }
        return position >= end
    }
}

/// Decoding one JSON Lines object into a record.
enum JSONLines {
    static func decode<Record: SubmissionRecord>(_ type: Record.Type, _ line: String) throws(CellProblem) -> Record {
        var json = line
        let rewrite = Record.mayNeedJSONRewrite(line)
        if rewrite || line.contains("\"error\"") {
            guard var object = (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any] else {
                throw CellProblem("json", "is not one JSON object")
            }
            object["error"] = nil
            if rewrite { Record.rewriteJSON(&object) }
            guard let data = try? JSONSerialization.data(withJSONObject: object) else {
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
        case .malformedMap?: "a map is malformed"
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
