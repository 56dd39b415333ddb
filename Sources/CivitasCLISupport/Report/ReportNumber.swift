import Foundation

/// How report numbers are presented. Rounding happens only here, on the way to the
/// reader (DOMAIN §3.2): every sum, ratio and bar length is computed from the unrounded
/// values the server sent.
public enum ReportNumber {
    /// Two decimals: `87.5` → `87.50`. Never `-0.00`.
    public static func fixed(_ value: Double) -> String {
        guard value.isFinite else { return value.isNaN ? "NaN" : (value > 0 ? "∞" : "-∞") }
        let text = String(format: "%.2f", value)
        return text == "-0.00" ? "0.00" : text
    }

    /// Two decimals with an explicit sign, for changes: `+1.25`, `-0.50`, `0.00`.
    public static func signed(_ value: Double) -> String {
        let text = fixed(value)
        return text == "0.00" || text.hasPrefix("-") ? text : "+" + text
    }

    /// A fraction as a percentage with two decimals: `0.875` → `87.50%`.
    public static func percent(_ fraction: Double) -> String {
        fixed(fraction * 100) + "%"
    }

    /// `part ÷ whole` as a percentage, or `-` when the whole is zero (nothing applies).
    public static func ratio(_ part: Double, of whole: Double) -> String {
        whole > 0 ? percent(part / whole) : "-"
    }

    /// A number from a framework document exactly as written (`4`, `0.855`), not
    /// rounded: a diff must show that 0.855 became 0.86.
    public static func exact(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }
}
