/// A parsed JSON value that keeps what Foundation's `JSONSerialization` loses and the
/// framework rules need: the members of an object in document order *with duplicates*
/// (a repeated key is a problem, not a silent overwrite), and booleans distinct from
/// numbers (Foundation bridges both to NSNumber).
indirect enum JSONValue: Sendable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([(key: String, value: JSONValue)])

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

/// A syntax error with the 1-based line and column where reading stopped.
struct JSONSyntaxError: Error, Sendable {
    var line: Int
    var column: Int
    var message: String
}
