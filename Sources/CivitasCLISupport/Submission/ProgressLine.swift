import Foundation

/// The text of upload progress, as pure functions of counts and time (tested directly).
/// The file is read as it is sent, so the number of rows is unknown until the end: how far
/// the upload is comes from the bytes of the file read through the last batch sent.
public enum ProgressLine {
    /// `[##########··········]  52%  52,000 rows  12,400 rows/s  ETA 4s`
    public static func bar(rows: Int, fraction: Double, elapsed: Double, width: Int = 24) -> String {
        let fraction = min(1, max(0, fraction))
        let filled = Int((fraction * Double(width)).rounded(.down))
        let bar = String(repeating: "#", count: filled) + String(repeating: "·", count: width - filled)
        var text = "[\(bar)] \(percent(fraction))  \(grouped(rows)) rows"
        if let rate = rate(rows: rows, elapsed: elapsed) {
            text += "  \(grouped(Int(rate.rounded()))) rows/s"
            if fraction > 0, fraction < 1 { text += "  ETA \(duration(elapsed * (1 - fraction) / fraction))" }
        }
        return text
    }

    /// `survey.csv: 52,000 rows (52%), 12,400 rows/s`
    public static func plain(source: String, rows: Int, fraction: Double, elapsed: Double) -> String {
        var text = "\(source): \(grouped(rows)) rows (\(percent(min(1, max(0, fraction))).trimmingCharacters(in: .whitespaces)))"
        if let rate = rate(rows: rows, elapsed: elapsed) { text += ", \(grouped(Int(rate.rounded()))) rows/s" }
        return text
    }

    /// Rows per second, once there is enough time to say.
    static func rate(rows: Int, elapsed: Double) -> Double? {
        elapsed >= 0.05 && rows > 0 ? Double(rows) / elapsed : nil
    }

    static func percent(_ fraction: Double) -> String {
        let value = Int((fraction * 100).rounded(.down))
        return String(repeating: " ", count: max(0, 3 - String(value).count)) + "\(value)%"
    }

    /// 1234567 → "1,234,567".
    public static func grouped(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var out = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(digit)
        }
        return value < 0 ? "-" + out : out
    }

    /// 75 → "1m15s", 4.2 → "4s".
    public static func duration(_ seconds: Double) -> String {
        let total = Int(seconds.rounded(.up))
        if total < 60 { return "\(total)s" }
        if total < 3600 { return "\(total / 60)m\(String(format: "%02d", total % 60))s" }
        return "\(total / 3600)h\(String(format: "%02d", (total % 3600) / 60))m"
    }

    /// When the plain reporter prints: once rows moved on, every 10% of the file or every
    /// 5 seconds.
    public static func plainIsDue(rows: Int, lastRows: Int, fraction: Double, lastFraction: Double, sinceLast: Double) -> Bool {
        guard rows > lastRows else { return false }
        if sinceLast >= 5 { return true }
        return Int((fraction * 10).rounded(.down)) > Int((lastFraction * 10).rounded(.down))
    }
}
