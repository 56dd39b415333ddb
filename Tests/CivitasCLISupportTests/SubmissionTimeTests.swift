@testable import CivitasCLISupport
import Foundation
import SwiftProtobuf
import Testing

@Suite("Times in submission files")
struct SubmissionTimeTests {
    @Test(
        "ISO 8601 with offsets and local times in the given zone",
        arguments: [
            ("2026-10-05T09:30:00+08:00", 1_791_163_800),
            ("2026-10-05T01:30:00Z", 1_791_163_800),
            ("2026-10-05T01:30:00.5Z", 1_791_163_800),
            ("2026-10-05 09:30", 1_791_163_800),
            ("2026-10-05 09:30:00", 1_791_163_800),
            ("2026/10/05 09:30", 1_791_163_800),
            ("2026-10-05T09:30:00+0800", 1_791_163_800),
        ]
    )
    func parses(text: String, seconds: Int64) throws {
        let stamp = try #require(shanghai().parse(text))
        #expect(stamp.seconds == seconds)
    }

    @Test("Fractions become nanoseconds")
    func nanos() throws {
        #expect(try #require(shanghai().parse("2026-10-05T01:30:00.25Z")).nanos == 250_000_000)
    }

    @Test("Not times", arguments: ["", "2026-10-05", "05/10/2026 09:30", "2026-13-01 00:00", "2026-02-30 10:00", "2026-10-05 9:3", "yesterday", "2026-10-05 09:30 +08"])
    func refuses(text: String) {
        #expect(shanghai().parse(text) == nil)
    }

    @Test("Local times follow the zone's daylight saving")
    func daylightSaving() throws {
        let newYork = SubmissionTime(timeZone: TimeZone(identifier: "America/New_York")!)
        // 2026-07-01 12:00 EDT = 16:00Z; 2026-01-15 12:00 EST = 17:00Z.
        #expect(try #require(newYork.parse("2026-07-01 12:00")).seconds == 1_782_921_600)
        #expect(try #require(newYork.parse("2026-01-15 12:00")).seconds == 1_768_496_400)
    }
}
