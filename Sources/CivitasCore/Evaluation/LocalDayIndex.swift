import Foundation

/// The local calendar days of a period (in the framework's zone) as their UTC boundaries,
/// so that finding the day of a feed point is an integer comparison, not a calendar call.
///
/// Computed once per ``EvaluationData``: one calendar call per day of the period (31 for
/// a month), instead of one per point. Boundaries come from the calendar, so days that
/// are 23 or 25 hours long (daylight saving) and zones whose midnight is skipped are
/// handled as the calendar handles them.
struct LocalDayIndex: Sendable {
    /// Local midnights from the period's start to its end, inclusive, in milliseconds.
    let boundaries: [Int64]

    init(period: Period, timeZone: TimeZone) {
        let calendar = Calendar.gregorian(in: timeZone)
        let end = period.end
        var boundaries = [period.start.unixMilliseconds]
        var day = period.start
        while day < end {
            guard let later = calendar.date(byAdding: .day, value: 1, to: day) else { break }
            let next = calendar.startOfDay(for: later)
            // A calendar that cannot move forward would loop; end the period there.
            guard next > day, next < end else { break }
            boundaries.append(next.unixMilliseconds)
            day = next
        }
        boundaries.append(end.unixMilliseconds)
        self.boundaries = boundaries
    }

    var dayCount: Int { boundaries.count - 1 }

    /// The index of the day holding `milliseconds`, or nil outside the period. `hint` is
    /// the last answer: points of one day usually come together, so it is checked first.
    func day(of milliseconds: Int64, hint: inout Int) -> Int? {
        if hint >= 0, hint < dayCount, boundaries[hint] <= milliseconds, milliseconds < boundaries[hint + 1] {
            return hint
        }
        guard let first = boundaries.first, let last = boundaries.last, first <= milliseconds, milliseconds < last else {
            return nil
        }
        // The last boundary ≤ milliseconds.
        var low = 0
        var high = dayCount
        while high - low > 1 {
            let middle = (low + high) / 2
            if boundaries[middle] <= milliseconds { low = middle } else { high = middle }
        }
        hint = low
        return low
    }
}
