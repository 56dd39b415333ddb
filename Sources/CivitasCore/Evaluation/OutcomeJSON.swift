/// The JSON of a stored evaluation result: a small value tree with a canonical writer
/// (keys sorted by their UTF-8 bytes, no whitespace, shortest round-trip numbers).
///
/// Numbers keep their literal text, so a reader can tell integers from doubles and the
/// writer never reformats what it was given.
indirect enum OutcomeJSON: Equatable, Sendable {
    case null
    case bool(Bool)
    case number(String)
    case string(String)
    case array([OutcomeJSON])
    case object([String: OutcomeJSON])

    /// A double as its shortest round-trip literal; a non-finite double (never produced by
    /// the evaluator, kept for completeness) as the string `NaN`, `Infinity` or `-Infinity`.
    static func double(_ value: Double) -> OutcomeJSON {
        guard value.isFinite else { return .string(value.isNaN ? "NaN" : value < 0 ? "-Infinity" : "Infinity") }
        return .number(OutcomeJSONWriter.number(value))
    }

    static func optionalDouble(_ value: Double?) -> OutcomeJSON { value.map(double) ?? .null }

    static func integer(_ value: some BinaryInteger) -> OutcomeJSON { .number(String(value)) }
}

/// Writes ``OutcomeJSON`` canonically.
enum OutcomeJSONWriter {
    /// Shortest digits that read back to the same double (Swift's own algorithm), with
    /// an integral value written without `.0`: `1`, `0.1`, `1e-05`, `1.5e+20`, `-0`.
    static func number(_ value: Double) -> String {
        let text = value.description
        return text.hasSuffix(".0") ? String(text.dropLast(2)) : text
    }

    static func bytes(_ value: OutcomeJSON) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(4096)
        write(value, to: &output)
        return output
    }

    private static func write(_ value: OutcomeJSON, to output: inout [UInt8]) {
        switch value {
        case .null: output += "null".utf8
        case .bool(let flag): output += (flag ? "true" : "false").utf8
        case .number(let literal): output += literal.utf8
        case .string(let text): writeString(text, to: &output)
        case .array(let elements):
            output.append(UInt8(ascii: "["))
            for (index, element) in elements.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                write(element, to: &output)
            }
            output.append(UInt8(ascii: "]"))
        case .object(let members):
            output.append(UInt8(ascii: "{"))
            let keys = members.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            for (index, key) in keys.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                writeString(key, to: &output)
                output.append(UInt8(ascii: ":"))
                write(members[key] ?? .null, to: &output)
            }
            output.append(UInt8(ascii: "}"))
        }
    }

    /// `"` and `\` escaped, control characters as `\b \f \n \r \t` or `\u00XX`; all else
    /// as UTF-8.
    private static func writeString(_ text: String, to output: inout [UInt8]) {
        let hexDigits = Array("0123456789abcdef".utf8)
        output.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): output += #"\""#.utf8
            case UInt8(ascii: "\\"): output += #"\\"#.utf8
            case 0x08: output += #"\b"#.utf8
            case 0x0C: output += #"\f"#.utf8
            case 0x0A: output += #"\n"#.utf8
            case 0x0D: output += #"\r"#.utf8
            case 0x09: output += #"\t"#.utf8
            case ..<0x20: output += #"\u00"#.utf8 + [hexDigits[Int(byte >> 4)], hexDigits[Int(byte & 0x0F)]]
            default: output.append(byte)
            }
        }
        output.append(UInt8(ascii: "\""))
    }
}
