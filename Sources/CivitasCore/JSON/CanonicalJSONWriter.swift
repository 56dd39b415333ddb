/// Writes a ``JSONValue`` as canonical bytes: object keys sorted by their UTF-8 bytes, no
/// whitespace, numbers exactly as their literal text (see ``CanonicalNumberStyle``),
/// strings as UTF-8 with only the escapes JSON requires. Framework documents and
/// evaluation outcomes are both written here; the stored bytes of each are pinned by
/// golden tests, so the two places their layouts differ are options, never defaults.
enum CanonicalJSONWriter {
    /// How the control characters U+0008 and U+000C are escaped. Framework documents
    /// have always written `\u0008` and `\u000c`, evaluation outcomes `\b` and `\f`;
    /// every other control character is `\n`, `\r`, `\t` or `\u00xx` in both.
    enum ControlEscapes: Sendable {
        /// `\u0008`, `\u000c` (framework documents).
        case unicode
        /// `\b`, `\f` (evaluation outcomes).
        case short
    }

    static func write(_ value: JSONValue, escapes: ControlEscapes) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(64 * 1024)
        write(value, escapes: escapes, into: &out)
        return out
    }

    private static func write(_ value: JSONValue, escapes: ControlEscapes, into out: inout [UInt8]) {
        switch value {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let flag): out.append(contentsOf: (flag ? "true" : "false").utf8)
        case .number(let literal): out.append(contentsOf: literal.utf8)
        case .string(let text): writeString(text, escapes: escapes, into: &out)
        case .array(let elements):
            out.append(UInt8(ascii: "["))
            for (index, element) in elements.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                write(element, escapes: escapes, into: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            out.append(UInt8(ascii: "{"))
            let sorted = members.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
            for (index, member) in sorted.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                writeString(member.key, escapes: escapes, into: &out)
                out.append(UInt8(ascii: ":"))
                write(member.value, escapes: escapes, into: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    private static func writeString(_ text: String, escapes: ControlEscapes, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out.append(contentsOf: #"\""#.utf8)
            case UInt8(ascii: "\\"): out.append(contentsOf: #"\\"#.utf8)
            case 0x0A: out.append(contentsOf: #"\n"#.utf8)
            case 0x0D: out.append(contentsOf: #"\r"#.utf8)
            case 0x09: out.append(contentsOf: #"\t"#.utf8)
            case 0x08 where escapes == .short: out.append(contentsOf: #"\b"#.utf8)
            case 0x0C where escapes == .short: out.append(contentsOf: #"\f"#.utf8)
            case 0..<0x20:
                let hex = String(byte, radix: 16)
                out.append(contentsOf: (#"\u"# + String(repeating: "0", count: 4 - hex.count) + hex).utf8)
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
