import Foundation

/// The text of upload progress, as pure functions of counts and time (tested directly).
public enum ProgressLine {
    /// `[##########··········]  52%  52,000/100,000 rows  12,400 rows/s  ETA 4s`
    public static func bar(done: Int, total: Int, elapsed: Double, width: Int = 24) -> String {
        let fraction = total > 0 ? min(1, Double(done) / Double(total)) : 1
        let filled = Int((fraction * Double(width)).rounded(.down))
        let bar = String(repeating: "#", count: filled) + String(repeating: "·", count: width - filled)
        var text = "[\(bar)] \(percent(fraction))  \(grouped(done))/\(grouped(total)) rows"
        if let rate = rate(done: done, elapsed: elapsed) {
            text += "  \(grouped(Int(rate.rounded()))) rows/s"
            if done < total, rate > 0 { text += "  ETA \(duration(Double(total - done) / rate))" }
        }
        return text
    }

    /// `survey.csv: 52,000 of 100,000 rows (52%), 12,400 rows/s`
    public static func plain(source: String, done: Int, total: Int, elapsed: Double) -> String {
        let fraction = total > 0 ? min(1, Double(done) / Double(total)) : 1
        var text = "\(source): \(grouped(done)) of \(grouped(total)) rows (\(percent(fraction).trimmingCharacters(in: .whitespaces)))"
        if let rate = rate(done: done, elapsed: elapsed) { text += ", \(grouped(Int(rate.rounded()))) rows/s" }
        return text
    }

    /// Rows per second, once there is enough time to say.
    static func rate(done: Int, elapsed: Double) -> Double? {
        elapsed >= 0.05 && done > 0 ? Double(done) / elapsed : nil
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

    /// When the plain reporter prints: every 10% of the rows or every 5 seconds.
    public static func plainIsDue(done: Int, total: Int, lastDone: Int, sinceLast: Double) -> Bool {
        guard done > lastDone else { return false }
        if sinceLast >= 5 { return true }
        guard total > 0 else { return false }
        return done * 10 / total > lastDone * 10 / total
    }
}
