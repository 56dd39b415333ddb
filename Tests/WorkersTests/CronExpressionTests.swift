import CivitasCore
import Foundation
import Testing
import Workers

/// Parsing every field form, and day matching (Vixie cron semantics).
struct CronExpressionTests {
    /// The days of `year`-`month` on which the expression runs.
    private func days(_ cron: String, _ year: Int, _ month: Int) throws -> [Int] {
        let expression = try CronExpression(parsing: cron)
        return (1...31).filter { day in
            let date = CivilDate(year: year, month: month, day: day)
            return date.month == month && CivilDate(daysSinceEpoch: date.daysSinceEpoch) == date && expression.matches(date)
        }
    }

    /// Occurrences in UTC (a zone without DST) as "yyyy-MM-dd HH:mm".
    private func next(_ cron: String, after start: String, count: Int = 1, zone: String = "UTC") throws -> [String] {
        let expression = try CronExpression(parsing: cron)
        let offsets = try TimeZoneOffsets(identifier: zone)
        var cursor = Int64(try Date(start + ":00Z", strategy: .iso8601).timeIntervalSince1970)
        var found: [String] = []
        for _ in 0..<count {
            guard let next = expression.nextOccurrence(after: cursor, in: offsets) else { break }
            found.append(format(next, zone: offsets))
            cursor = next
        }
        return found
    }

    @Test(arguments: [
        ("*/15 * * * *", "2026-01-01T00:07", ["2026-01-01 00:15", "2026-01-01 00:30", "2026-01-01 00:45", "2026-01-01 01:00"]),
        ("5,10-12 3 * * *", "2026-01-01T00:00", ["2026-01-01 03:05", "2026-01-01 03:10", "2026-01-01 03:11", "2026-01-01 03:12"]),
        ("0-30/10 9-17/4 * * *", "2026-01-01T00:00", ["2026-01-01 09:00", "2026-01-01 09:10", "2026-01-01 09:20", "2026-01-01 09:30"]),
        ("50/5 8 * * *", "2026-01-01T00:00", ["2026-01-01 08:50", "2026-01-01 08:55", "2026-01-02 08:50", "2026-01-02 08:55"]),
        ("0 2 1 * *", "2026-10-15T00:00", ["2026-11-01 02:00", "2026-12-01 02:00", "2027-01-01 02:00", "2027-02-01 02:00"]),
        ("0 0 * JAN,jul Mon", "2026-06-30T00:00", ["2026-07-06 00:00", "2026-07-13 00:00", "2026-07-20 00:00", "2026-07-27 00:00"]),
    ])
    func everyFieldForm(cron: String, after: String, expected: [String]) throws {
        #expect(try next(cron, after: after, count: expected.count) == expected)
    }

    @Test func sevenAndZeroAreBothSunday() throws {
        // October 2026: Sundays are the 4th, 11th, 18th and 25th.
        #expect(try days("0 0 * * 7", 2026, 10) == [4, 11, 18, 25])
        #expect(try days("0 0 * * 0", 2026, 10) == [4, 11, 18, 25])
        #expect(try days("0 0 * * fri-sun", 2026, 10) == [2, 3, 4, 9, 10, 11, 16, 17, 18, 23, 24, 25, 30, 31])
        #expect(try days("0 0 * * 5-7", 2026, 10) == [2, 3, 4, 9, 10, 11, 16, 17, 18, 23, 24, 25, 30, 31])
    }

    @Test func dayOfMonthOrDayOfWeekWhenBothAreRestricted() throws {
        // Vixie cron: the 1st and the 15th, *and* every Monday (5, 12, 19, 26 October 2026).
        #expect(try days("0 0 1,15 * mon", 2026, 10) == [1, 5, 12, 15, 19, 26])
        // A `*`-led field is unrestricted, so the other one alone decides (AND).
        #expect(try days("0 0 */5 * mon", 2026, 10) == [26])
        #expect(try days("0 0 1-7 * *", 2026, 10) == Array(1...7))
    }

    @Test func monthEnds() throws {
        // The 31st runs only in months that have one.
        #expect(try next("0 0 31 * *", after: "2026-01-31T12:00", count: 4) == ["2026-03-31 00:00", "2026-05-31 00:00", "2026-07-31 00:00", "2026-08-31 00:00"])
        // The 30th skips February.
        #expect(try next("0 12 30 * *", after: "2026-01-30T13:00", count: 2) == ["2026-03-30 12:00", "2026-04-30 12:00"])
        // Just before midnight on the last day of a year rolls into the next.
        #expect(try next("59 23 * * *", after: "2026-12-31T23:59", count: 1) == ["2027-01-01 23:59"])
    }

    @Test func leapDays() throws {
        #expect(try next("0 0 29 2 *", after: "2026-03-01T00:00", count: 3) == ["2028-02-29 00:00", "2032-02-29 00:00", "2036-02-29 00:00"])
        // 2100 is not a leap year (divisible by 100, not by 400).
        #expect(try next("0 0 29 2 *", after: "2096-03-01T00:00", count: 1) == ["2104-02-29 00:00"])
        // February's last day in a leap year and in a common year.
        #expect(try days("0 0 28-31 2 *", 2028, 2) == [28, 29])
        #expect(try days("0 0 28-31 2 *", 2027, 2) == [28])
    }

    @Test(arguments: [
        ("0 2 1 *", "has 4 field(s); it needs five"),
        ("60 * * * *", "The minute field \"60\" is out of range: minutes go from 0 to 59."),
        ("0 24 * * *", "The hour field \"24\" is out of range"),
        ("0 0 0 * *", "The day-of-month field \"0\" is out of range"),
        ("0 0 * 13 *", "The month field \"13\" is out of range"),
        ("0 0 * * 8", "The day-of-week field \"8\" is out of range"),
        ("*/0 * * * *", "the step \"0\" is not a positive number"),
        ("10-5 * * * *", "the range 10-5 runs backwards"),
        ("0 0 * foo *", "\"foo\" is not a number or a name (jan, feb"),
        ("1,,2 * * * *", "\"\" is not a value, range or step"),
        ("0 0 30 2 *", "never runs"),
    ])
    func refusesWhatIsNotCron(text: String, message: String) {
        #expect {
            try CronExpression(parsing: text)
        } throws: { error in
            guard let error = error as? CivitasError else { return false }
            return error.code == .invalidArgument && error.message.contains(message)
        }
    }

    @Test func civilDateArithmeticAgreesWithFoundation() {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        // 1600…2400: Foundation switches to the Julian calendar before 1582, cron never needs to.
        for days in stride(from: -135_000, through: 157_000, by: 97) {
            let date = CivilDate(daysSinceEpoch: days)
            let components = calendar.dateComponents([.year, .month, .day, .weekday], from: Date(timeIntervalSince1970: Double(days) * 86_400))
            #expect([date.year, date.month, date.day, date.weekday + 1] == [components.year, components.month, components.day, components.weekday])
            #expect(date.daysSinceEpoch == days)
        }
    }
}

func format(_ instant: Int64, zone: TimeZoneOffsets) -> String {
    let (date, minute) = zone.wallClock(atEpochSecond: instant)
    let hh = minute / 60 < 10 ? "0\(minute / 60)" : "\(minute / 60)"
    let mm = minute % 60 < 10 ? "0\(minute % 60)" : "\(minute % 60)"
    return "\(date) \(hh):\(mm)"
}
