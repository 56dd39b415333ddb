import Foundation

/// A half-open period `[start, end)` with boundaries at local midnight in the tenant's
/// time zone (DOMAIN §3.1): a month `2026-10`, a quarter `2026-Q4`, a year `2026`, or an
/// explicit range of local dates `2026-10-01..2026-10-15` (both dates included).
public struct Period: Hashable, Sendable, CustomStringConvertible {
    public let name: String
    public let start: Date
    public let end: Date

    public var description: String { name }

    public init(parsing text: String, timeZone: TimeZone) throws(CivitasError) {
        let calendar = Calendar.gregorian(in: timeZone)
        guard let (first, last) = Self.localDates(text), let start = calendar.startOfDay(first),
            let endDay = calendar.startOfDay(last), let end = calendar.date(byAdding: .day, value: 1, to: endDay), start < end
        else {
            throw .invalidArgument(
                "Period \"\(text.prefix(40))\" is not a month (2026-10), quarter (2026-Q4), year (2026) or range (2026-10-01..2026-10-15)."
            )
        }
        name = text
        self.start = start
        self.end = end
    }

    /// Whether `date` lies in `[start, end)`.
    public func contains(_ date: Date) -> Bool { start <= date && date < end }

    /// Whether `other` lies wholly inside this period (how material reports count).
    public func contains(_ other: Period) -> Bool { start <= other.start && other.end <= end }

    /// The first and last local date the text names, as (year, month, day) triples.
    private static func localDates(_ text: String) -> (DateComponents, DateComponents)? {
        if let range = text.range(of: "..") {
            guard let first = date(text[..<range.lowerBound]), let last = date(text[range.upperBound...]) else { return nil }
            return (first, last)
        }
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        switch parts.count {
        case 1:
            guard let year = year(parts[0]) else { return nil }
            return (ymd(year, 1, 1), ymd(year, 12, 31))
        case 2:
            guard let year = year(parts[0]) else { return nil }
            if parts[1].hasPrefix("Q"), let quarter = Int(parts[1].dropFirst()), (1...4).contains(quarter), parts[1].count == 2 {
                let firstMonth = (quarter - 1) * 3 + 1
                return (ymd(year, firstMonth, 1), ymd(year, firstMonth + 2, daysIn(year, firstMonth + 2)))
            }
            guard parts[1].count == 2, let month = Int(parts[1]), (1...12).contains(month) else { return nil }
            return (ymd(year, month, 1), ymd(year, month, daysIn(year, month)))
        default:
            return nil
        }
    }

    private static func date(_ text: Substring) -> DateComponents? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, let year = year(parts[0]), parts[1].count == 2, parts[2].count == 2,
            let month = Int(parts[1]), let day = Int(parts[2]), (1...12).contains(month), (1...daysIn(year, month)).contains(day)
        else { return nil }
        return ymd(year, month, day)
    }

    private static func year(_ text: Substring) -> Int? {
        guard text.count == 4, text.allSatisfy(\.isASCII), let year = Int(text), (1900...2999).contains(year) else { return nil }
        return year
    }

    private static func ymd(_ year: Int, _ month: Int, _ day: Int) -> DateComponents {
        DateComponents(year: year, month: month, day: day)
    }

    static func daysIn(_ year: Int, _ month: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}

extension Calendar {
    /// A Gregorian calendar in `timeZone`: every local day and period boundary is
    /// computed with one of these, never with the machine's own zone.
    public static func gregorian(in timeZone: TimeZone) -> Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar
    }

    func startOfDay(_ components: DateComponents) -> Date? {
        var components = components
        (components.hour, components.minute, components.second) = (0, 0, 0)
        return date(from: components)
    }

    /// The local date of `date` as `YYYY-MM-DD`.
    public func localDay(_ date: Date) -> String {
        let parts = dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
    }
}
