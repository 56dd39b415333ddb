extension CronExpression {
    /// How far ahead ``nextOccurrence(after:in:)`` looks before concluding that an
    /// expression never runs again (29 February on a given weekday recurs within 28 years).
    static let searchHorizonInYears = 30

    /// The first instant (seconds since the epoch) strictly after `instant` at which the
    /// wall clock of `zone` shows a minute this expression names, or nil if there is none
    /// within ``searchHorizonInYears``.
    ///
    /// Daylight saving time, decided here once for every schedule:
    /// - a wall-clock time that does not exist (skipped when clocks spring forward, e.g.
    ///   02:30 on the night Europe/Berlin moves from 02:00 to 03:00) does **not** run that
    ///   day — no run is moved to another time;
    /// - a wall-clock time that happens twice (clocks fall back) runs **once**, at its
    ///   first instant.
    /// So every wall-clock minute runs at most once, and nothing runs at a time the
    /// expression does not name.
    public func nextOccurrence(after instant: Int64, in zone: some UTCOffsetRule) -> Int64? {
        // Start a day early: the zone's offset may put `instant` on another local date.
        var date = zone.wallClock(atEpochSecond: instant).date.adding(days: -1)
        let horizon = CivilDate(year: date.year + Self.searchHorizonInYears, month: date.month, day: 1)
        while date < horizon {
            guard months.contains(date.month) else {
                date = date.month == 12 ? CivilDate(year: date.year + 1, month: 1, day: 1) : CivilDate(year: date.year, month: date.month + 1, day: 1)
                continue
            }
            if matches(date), let found = firstRun(on: date, after: instant, in: zone) { return found }
            date = date.adding(days: 1)
        }
        return nil
    }

    /// The occurrences in `(after, through]`, at most `limit` of them (for listings).
    public func occurrences(after instant: Int64, through end: Int64, limit: Int, in zone: some UTCOffsetRule) -> [Int64] {
        var found: [Int64] = []
        var cursor = instant
        while found.count < limit, let next = nextOccurrence(after: cursor, in: zone), next <= end {
            found.append(next)
            cursor = next
        }
        return found
    }

    private func firstRun(on date: CivilDate, after instant: Int64, in zone: some UTCOffsetRule) -> Int64? {
        for hour in hours {
            for minute in minutes {
                // Only the first instant of a repeated wall time counts; a skipped one has none.
                guard let first = zone.instants(of: date, minuteOfDay: hour * 60 + minute).first else { continue }
                if first > instant { return first }
            }
        }
        return nil
    }
}
