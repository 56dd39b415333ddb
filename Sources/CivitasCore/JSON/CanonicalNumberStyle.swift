/// How a double becomes the literal text of a canonical JSON number. Both styles give
/// the shortest text that reads back as the same double; they differ only in which
/// whole numbers are written as plain digits, and each is pinned by stored bytes
/// (framework document hashes, stored evaluation results), so neither may change.
enum CanonicalNumberStyle: Sendable {
    /// Framework documents: a whole number below 2^53 in magnitude as integer digits
    /// (`100`; `-0` as `0`); any other value as Swift's shortest round-trip text
    /// (`0.9`, `1e-05`, `1e+16`, and 2^53 itself as `9007199254740992.0`).
    case wholeNumbersAsIntegers
    /// Evaluation outcomes: Swift's shortest round-trip text with a trailing `.0`
    /// dropped (`1`, `0.1`, `1e-05`, `1.5e+20`, `9007199254740992`, and `-0` kept).
    case shortestRoundTrip

    func text(_ value: Double) -> String {
        switch self {
        case .wholeNumbersAsIntegers:
            if value.rounded() == value, abs(value) < 9_007_199_254_740_992 { return String(Int64(value)) }
            return value.description
        case .shortestRoundTrip:
            let text = value.description
            return text.hasSuffix(".0") ? String(text.dropLast(2)) : text
        }
    }
}
