import CivitasCore
import Foundation
import Testing
import Workers

/// Cron evaluated in a tenant's zone: Asia/Shanghai (no DST) and zones with DST.
struct CronTimeZoneTests {
    private func instant(_ utc: String) throws -> Int64 {
        Int64(try Date(utc, strategy: .iso8601).timeIntervalSince1970)
    }

    private func runs(_ cron: String, zone: String, after utc: String, count: Int) throws -> [String] {
        let expression = try CronExpression(parsing: cron)
        let offsets = try TimeZoneOffsets(identifier: zone)
        return expression.occurrences(after: try instant(utc), through: .max, limit: count, in: offsets).map {
            Date(timeIntervalSince1970: Double($0)).formatted(.iso8601)
        }
    }

    @Test func monthlyDispatchInShanghaiRunsAtTwoLocalWhichIsSixPreviousDayUTC() throws {
        // 02:00 on the 1st in Shanghai (UTC+8, no DST) is 18:00 UTC on the last day before.
        #expect(try runs("0 2 1 * *", zone: "Asia/Shanghai", after: "2026-01-15T00:00:00Z", count: 3) == [
            "2026-01-31T18:00:00Z", "2026-02-28T18:00:00Z", "2026-03-31T18:00:00Z",
        ])
    }

    @Test func theDefaultZoneIsShanghai() throws {
        #expect(try TimeZoneOffsets(identifier: "").zone.identifier == "Asia/Shanghai")
        #expect(throws: CivitasError.self) { try TimeZoneOffsets(identifier: "Mars/Olympus") }
    }

    @Test func aSkippedLocalTimeDoesNotRunThatDay() throws {
        // Europe/Berlin springs forward on 2026-03-29 from 02:00 to 03:00: 02:30 does not exist.
        #expect(try runs("30 2 * * *", zone: "Europe/Berlin", after: "2026-03-27T12:00:00Z", count: 3) == [
            "2026-03-28T01:30:00Z",  // 02:30 CET
            "2026-03-30T00:30:00Z",  // 02:30 CEST; 29 March has none
            "2026-03-31T00:30:00Z",
        ])
    }

    @Test func aRepeatedLocalTimeRunsOnceAtItsFirstInstant() throws {
        // America/New_York falls back on 2026-11-01 from 02:00 EDT to 01:00 EST: 01:30 happens twice.
        #expect(try runs("30 1 * * *", zone: "America/New_York", after: "2026-10-31T12:00:00Z", count: 3) == [
            "2026-11-01T05:30:00Z",  // 01:30 EDT, the first one; 06:30Z (01:30 EST) is not run
            "2026-11-02T06:30:00Z",
            "2026-11-03T06:30:00Z",
        ])
        // Every quarter hour across the repeated hour: each wall-clock minute once.
        let quarterHours = try runs("*/15 1-2 * * *", zone: "America/New_York", after: "2026-11-01T04:50:00Z", count: 8)
        #expect(quarterHours == [
            "2026-11-01T05:00:00Z", "2026-11-01T05:15:00Z", "2026-11-01T05:30:00Z", "2026-11-01T05:45:00Z",  // 01:xx EDT
            "2026-11-01T07:00:00Z", "2026-11-01T07:15:00Z", "2026-11-01T07:30:00Z", "2026-11-01T07:45:00Z",  // 02:xx EST
        ])
    }

    @Test func hourlyRunsAcrossSpringForwardInNewYork() throws {
        // 2026-03-08: 02:00 EST jumps to 03:00 EDT; the 02:00 run is skipped, no hour runs twice.
        #expect(try runs("0 * * * *", zone: "America/New_York", after: "2026-03-08T05:30:00Z", count: 3) == [
            "2026-03-08T06:00:00Z",  // 01:00 EST
            "2026-03-08T07:00:00Z",  // 03:00 EDT
            "2026-03-08T08:00:00Z",  // 04:00 EDT
        ])
    }
}
