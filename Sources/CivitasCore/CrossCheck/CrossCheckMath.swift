import Foundation

/// The arithmetic the rules share: IEEE doubles throughout (DOMAIN §3.2), with comparisons
/// written so that a value exactly on a limit is decided the way a person reads it.
public enum CrossCheckMath {
    /// The floor of `|b|` in source consistency, `tolerance × max(|b|, tiny)`: when the
    /// peer is 0 the allowed deviation is `tolerance × 1e-9` rather than 0, so only a
    /// real difference trips it, and a difference of rounding noise (≈1e-16) never does.
    public static let tiny = 1e-9

    /// Relative slack when comparing against a limit: a value must exceed its limit by
    /// more than one part in 10⁹ to count. Figures are typed in decimal but computed in
    /// binary, so `1.1 − 1.0` is `0.10000000000000009`; without the slack that would
    /// "exceed" a tolerance of 0.1 that the user sees as exactly met. No real anomaly is
    /// a billionth past its limit.
    public static let relativeSlack = 1e-9

    /// Whether `value` is strictly past `limit` (limits are ≥ 0 here); on the limit is not past.
    public static func exceeds(_ value: Double, _ limit: Double) -> Bool {
        value > limit + abs(limit) * relativeSlack
    }

    /// The median of a non-empty collection (mean of the two middle values for an even count).
    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }

    static func mean(_ values: [Double]) -> Double {
        values.reduce(0, +) / Double(values.count)
    }

    /// The sample standard deviation (divides by n − 1); needs at least two values.
    static func sampleStandardDeviation(_ values: [Double], mean: Double) -> Double {
        let squares = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
        return (squares / Double(values.count - 1)).squareRoot()
    }

    /// A number for a message: integers without decimals, others to four decimals with
    /// trailing zeros removed. Presentation only; figures keep the unrounded values.
    static func text(_ value: Double) -> String {
        if value.rounded() == value, abs(value) < 1e15 { return String(Int64(value)) }
        var text = String(format: "%.4f", value)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }

    /// Whole milliseconds since 1970, as storage keeps times.
    static func milliseconds(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1000).rounded())
    }
}
