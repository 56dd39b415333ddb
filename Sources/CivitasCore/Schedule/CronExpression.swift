/// A five-field cron expression — minute, hour, day of month, month, day of week — as
/// Vixie cron reads it:
///
/// - each field takes `*`, a value, a range `a-b`, a step `*/n`, `a-b/n` or `a/n` (from
///   `a` to the field's end), and comma-separated lists of these;
/// - months take `jan`…`dec` and days of the week `sun`…`sat` (any case); `0` and `7`
///   both mean Sunday;
/// - when both the day of month and the day of week are restricted (neither starts with
///   `*`), a day matches if *either* does (`0 0 1 * mon`: the 1st and every Monday);
///   otherwise both must match.
///
/// Occurrences are wall-clock minutes in a time zone; see ``nextOccurrence(after:in:)``
/// for what happens when daylight saving time skips or repeats them.
public struct CronExpression: Hashable, Sendable, CustomStringConvertible {
    /// The expression as written (trimmed), for display.
    public let source: String
    let minutes: [Int]
    let hours: [Int]
    let daysOfMonth: Set<Int>
    let months: Set<Int>
    let daysOfWeek: Set<Int>
    let dayOfMonthRestricted: Bool
    let dayOfWeekRestricted: Bool

    public var description: String { source }

    /// Whether the calendar day `date` is one the expression runs on.
    public func matches(_ date: CivilDate) -> Bool {
        guard months.contains(date.month) else { return false }
        let byMonthDay = daysOfMonth.contains(date.day)
        let byWeekday = daysOfWeek.contains(date.weekday)
        if dayOfMonthRestricted && dayOfWeekRestricted { return byMonthDay || byWeekday }
        return byMonthDay && byWeekday
    }

    init(
        source: String, minutes: Set<Int>, hours: Set<Int>, daysOfMonth: Set<Int>, months: Set<Int>,
        daysOfWeek: Set<Int>, dayOfMonthRestricted: Bool, dayOfWeekRestricted: Bool
    ) {
        self.source = source
        self.minutes = minutes.sorted()
        self.hours = hours.sorted()
        self.daysOfMonth = daysOfMonth
        self.months = months
        self.daysOfWeek = daysOfWeek
        self.dayOfMonthRestricted = dayOfMonthRestricted
        self.dayOfWeekRestricted = dayOfWeekRestricted
    }
}
