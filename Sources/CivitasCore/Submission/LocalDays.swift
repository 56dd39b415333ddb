import Foundation
import Synchronization

/// Local dates (`YYYY-MM-DD`) of many instants, fast. Asking the calendar for each of a
/// million records costs more than storing them; but every zone's offset is a multiple
/// of 15 minutes and so are its transitions, so a local midnight always falls on a
/// 15-minute boundary in UTC, and every instant of one UTC quarter hour has the same
/// local date. One calendar call per quarter hour seen, then a dictionary lookup. One
/// instance serves a whole upload (its batches are checked on whichever task is free).
public final class LocalDays: Sendable {
    private let calendar: Calendar
    private let cache = Mutex<[Int64: String]>([:])

    public init(calendar: Calendar) {
        self.calendar = calendar
    }

    public func day(of date: Date) -> String {
        let milliseconds = date.unixMilliseconds
        let quarter = milliseconds >= 0 ? milliseconds / 900_000 : (milliseconds - 899_999) / 900_000
        if let known = cache.withLock({ $0[quarter] }) { return known }
        let day = calendar.localDay(Date(unixMilliseconds: quarter * 900_000))
        cache.withLock { $0[quarter] = day }
        return day
    }
}
