/// A parsed JSON value, shared by framework documents and stored evaluation outcomes. It
/// keeps what Foundation's `JSONSerialization` loses: the members of an object in
/// document order *with duplicates* (a repeated key is a problem to report with its path,
/// not a silent overwrite), booleans distinct from numbers (Foundation bridges both to
/// NSNumber), and each number's literal text.
///
/// Numbers stay text so that an integer wider than a double (a sequence number) reads
/// back exactly, and so that the canonical writer prints what the value was built with:
/// a writer builds numbers with ``CanonicalNumberStyle``.
indirect enum JSONValue: Sendable {
    case null
    case bool(Bool)
    /// The number's literal text: as read (RFC 8259 grammar) or as formatted for writing.
    case number(String)
    case string(String)
    case array([JSONValue])
    case object([(key: String, value: JSONValue)])

    /// A double written in `style`.
    static func number(_ value: Double, style: CanonicalNumberStyle) -> JSONValue { .number(style.text(value)) }

    /// An integer written as its decimal digits.
    static func integer(_ value: some BinaryInteger) -> JSONValue { .number(String(value)) }

    /// The correctly rounded double of a number (a literal too large for a double is
    /// ±infinity); nil when the value is not a number.
    var numberValue: Double? {
        guard case .number(let literal) = self else { return nil }
        return Double(literal)
    }

    /// "a string", "a number", … for "must be a number, not a string" sentences.
    var kindDescription: String {
        switch self {
        case .null: "null"
        case .bool: "a boolean"
        case .number: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }
}

/// A syntax error: where reading stopped, as a byte offset and as a 1-based line and
/// column (columns count characters), and why.
struct JSONSyntaxError: Error, Sendable {
    var offset: Int
    var line: Int
    var column: Int
    var message: String
}
