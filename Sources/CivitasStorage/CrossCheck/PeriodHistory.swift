import CivitasCore
import Foundation

/// The periods before a period, of the same kind: the months before a month, the
/// quarters before a quarter, the years before a year, and for an explicit range the
/// ranges of the same number of days that end where the next begins. What the history
/// outlier rule compares a unit's value against (DOMAIN §6).
enum PeriodHistory {
    /// Up to `count` earlier periods, the most recent first (fewer near the year 1900,
    /// where periods end).
    static func previous(_ period: Period, count: Int, timeZone: TimeZone) -> [Period] {
        let names = previousNames(period, count: count, timeZone: timeZone)
        return names.compactMap { try? Period(parsing: $0, timeZone: timeZone) }
    }

    private static func previousNames(_ period: Period, count: Int, timeZone: TimeZone) -> [String] {
        let name = period.name
        if name.contains("..") { return previousRanges(period, count: count, timeZone: timeZone) }
        let parts = name.split(separator: "-")
        guard let year = Int(parts[0]) else { return [] }
        if parts.count == 1 {
            return (1...max(count, 1)).map { String(format: "%04d", year - $0) }
        }
        if parts[1].hasPrefix("Q"), let quarter = Int(parts[1].dropFirst()) {
            return (1...max(count, 1)).map { back in
                let index = year * 4 + (quarter - 1) - back
                return String(format: "%04d-Q%d", index / 4, index % 4 + 1)
            }
        }
        guard let month = Int(parts[1]) else { return [] }
        return (1...max(count, 1)).map { back in
            let index = year * 12 + (month - 1) - back
            return String(format: "%04d-%02d", index / 12, index % 12 + 1)
        }
    }

    /// Ranges of the same number of local days, back to back before `period`.
    private static func previousRanges(_ period: Period, count: Int, timeZone: TimeZone) -> [String] {
        let calendar = Calendar.gregorian(in: timeZone)
        guard let days = calendar.dateComponents([.day], from: period.start, to: period.end).day, days > 0 else { return [] }
        return (1...max(count, 1)).compactMap { back in
            guard let first = calendar.date(byAdding: .day, value: -days * back, to: period.start),
                let last = calendar.date(byAdding: .day, value: -days * (back - 1) - 1, to: period.start)
            else { return nil }
            return "\(calendar.localDay(first))..\(calendar.localDay(last))"
        }
    }
}
