/// Calendar arithmetic on the proleptic Gregorian calendar, without Foundation, so that
/// cron evaluation stays pure: a wall-clock minute is turned into instants only through
/// an ``UTCOffsetRule`` the caller supplies (Workers wraps Foundation's `TimeZone`).
public struct CivilDate: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int

    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// Days since 1970-01-01 (Howard Hinnant's `days_from_civil`).
    public var daysSinceEpoch: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    public init(daysSinceEpoch: Int) {
        let z = daysSinceEpoch + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        day = dayOfYear - (153 * mp + 2) / 5 + 1
        month = mp < 10 ? mp + 3 : mp - 9
        year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
    }

    /// 0 = Sunday … 6 = Saturday, as cron counts.
    public var weekday: Int {
        let days = daysSinceEpoch
        return days >= -4 ? (days + 4) % 7 : (days + 5) % 7 + 6
    }

    public func adding(days: Int) -> CivilDate { CivilDate(daysSinceEpoch: daysSinceEpoch + days) }

    public static func < (lhs: CivilDate, rhs: CivilDate) -> Bool { lhs.daysSinceEpoch < rhs.daysSinceEpoch }

    public var description: String {
        func pad(_ value: Int, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }
}

/// How far a time zone's wall clock is ahead of UTC at a given instant (seconds since
/// 1970-01-01T00:00:00Z). Asia/Shanghai answers 28 800 at every instant since 1991.
public protocol UTCOffsetRule: Sendable {
    func secondsAheadOfUTC(atEpochSecond instant: Int64) -> Int
}

/// A fixed offset: UTC, or a zone without daylight saving time in tests.
public struct FixedUTCOffset: UTCOffsetRule {
    public let seconds: Int
    public init(seconds: Int) { self.seconds = seconds }
    public func secondsAheadOfUTC(atEpochSecond instant: Int64) -> Int { seconds }
}

extension UTCOffsetRule {
    /// The instants at which the wall clock of this zone shows `date` at `minuteOfDay`:
    /// none when the time is skipped (spring forward), two when it is repeated (fall
    /// back), one otherwise; ascending.
    public func instants(of date: CivilDate, minuteOfDay: Int) -> [Int64] {
        let wall = Int64(date.daysSinceEpoch) * 86_400 + Int64(minuteOfDay) * 60
        // Every offset in force within a day of this wall time is a candidate; an offset
        // is right when the zone really has it at the instant it implies.
        let candidates = Set([-86_400, 0, 86_400].map { secondsAheadOfUTC(atEpochSecond: wall + Int64($0)) })
        return candidates
            .map { wall - Int64($0) }
            .filter { Int64(secondsAheadOfUTC(atEpochSecond: $0)) == wall - $0 }
            .sorted()
    }

    /// The local date and minute of the day at `instant`.
    public func wallClock(atEpochSecond instant: Int64) -> (date: CivilDate, minuteOfDay: Int) {
        let wall = instant + Int64(secondsAheadOfUTC(atEpochSecond: instant))
        let days = wall >= 0 ? wall / 86_400 : (wall - 86_399) / 86_400
        return (CivilDate(daysSinceEpoch: Int(days)), Int((wall - days * 86_400) / 60))
    }
}
