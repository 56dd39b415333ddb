/// What the scheduler does with one schedule at one tick, decided without I/O.
///
/// A schedule stores the instant of its next run. When that instant has passed, it fires
/// once — however many occurrences a downtime skipped — for the first missed occurrence,
/// and its next run moves to the first occurrence after *now*. A campaign office wants
/// "the monthly dispatch ran", not one run per missed minute; so a server down for a day
/// with a minutely schedule produces exactly one catch-up run.
public enum ScheduleFiring: Equatable, Sendable {
    /// Not due yet (or paused): nothing to do.
    case wait
    /// Enqueue one job for `occurrence` (its unique key names that occurrence) and store
    /// `nextRunAt` (nil: the expression never runs again).
    case fire(occurrence: Int64, nextRunAt: Int64?)

    public static func decide(
        cron: CronExpression, paused: Bool, nextRunAt: Int64?, now: Int64, zone: some UTCOffsetRule
    ) -> ScheduleFiring {
        guard !paused, let due = nextRunAt, due <= now else { return .wait }
        return .fire(occurrence: due, nextRunAt: cron.nextOccurrence(after: now, in: zone))
    }

    /// The unique key of the job for one occurrence: the same on every server and after
    /// every restart, so that an occurrence never runs twice.
    public static func uniqueKey(schedule: String, occurrence: Int64) -> String {
        "schedule:\(schedule)@\(occurrence)"
    }
}
