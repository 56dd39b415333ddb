@testable import CivitasCLISupport
import CivitasCore
import Foundation
import SwiftProtobuf
import Testing

/// The byte-level time reader against Foundation: Calendar resolves the same wall time in
/// the zone (or at the written offset), over many random times and around every daylight-
/// saving change of several zones.
@Suite("Times against Foundation's reading")
struct SubmissionTimeReferenceTests {
    static let zones = ["America/New_York", "Europe/Berlin", "Australia/Lord_Howe", "Asia/Shanghai", "America/Sao_Paulo", "Pacific/Apia"]

    struct Wall {
        var year, month, day, hour, minute, second: Int
    }

    /// Foundation's instant for a wall time in `zone`.
    static func reference(_ wall: Wall, in zone: TimeZone) -> Int64 {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let components = DateComponents(
            year: wall.year, month: wall.month, day: wall.day, hour: wall.hour, minute: wall.minute, second: wall.second
        )
        return Int64(calendar.date(from: components)!.timeIntervalSince1970)
    }

    static func text(_ wall: Wall, separator: String = "-", t: String = " ", seconds: Bool = true, offset: String = "") -> String {
        let date = String(format: "%04d%@%02d%@%02d", wall.year, separator, wall.month, separator, wall.day)
        let time = String(format: "%02d:%02d", wall.hour, wall.minute) + (seconds ? String(format: ":%02d", wall.second) : "")
        return date + t + time + offset
    }

    static func randomWall(_ random: inout SplitMix64) -> Wall {
        let year = Int.random(in: 1971...2037, using: &random)
        let month = Int.random(in: 1...12, using: &random)
        let day = Int.random(in: 1...SubmissionTime.daysIn(year: year, month: month), using: &random)
        return Wall(
            year: year, month: month, day: day, hour: Int.random(in: 0...23, using: &random),
            minute: Int.random(in: 0...59, using: &random), second: Int.random(in: 0...59, using: &random)
        )
    }

    @Test("Random local times, in every notation, in zones with and without daylight saving", arguments: zones)
    func randomLocal(zoneName: String) throws {
        let zone = try #require(TimeZone(identifier: zoneName))
        let reader = SubmissionTime(timeZone: zone)
        var random = SplitMix64(seed: UInt64(zoneName.utf8.count) * 7919)
        for _ in 0..<2000 {
            let wall = Self.randomWall(&random)
            let expected = Self.reference(wall, in: zone)
            #expect(reader.parse(Self.text(wall))?.seconds == expected, "\(Self.text(wall)) in \(zoneName)")
            #expect(reader.parse(Self.text(wall, separator: "/", t: "T"))?.seconds == expected)
            var whole = wall
            whole.second = 0
            #expect(reader.parse(Self.text(whole, seconds: false))?.seconds == Self.reference(whole, in: zone))
        }
    }

    @Test("Every quarter hour from three hours before to three after each daylight-saving change, 1980–2035", arguments: zones)
    func transitions(zoneName: String) throws {
        let zone = try #require(TimeZone(identifier: zoneName))
        let reader = SubmissionTime(timeZone: zone)
        var utc = Calendar(identifier: .gregorian)
        utc.timeZone = TimeZone(identifier: "UTC")!
        var date = Date(timeIntervalSince1970: 315_532_800)  // 1980-01-01
        let end = Date(timeIntervalSince1970: 2_082_758_400)  // 2036-01-01
        var checked = 0
        while let change = zone.nextDaylightSavingTimeTransition(after: date), change < end {
            // Wall times as the clock read just before the change.
            let wallBefore = change.timeIntervalSince1970 + Double(zone.secondsFromGMT(for: change.addingTimeInterval(-1)))
            for step in -12...12 {
                let moment = Date(timeIntervalSince1970: wallBefore + Double(step * 900))
                let c = utc.dateComponents([.year, .month, .day, .hour, .minute, .second], from: moment)
                let wall = Wall(year: c.year!, month: c.month!, day: c.day!, hour: c.hour!, minute: c.minute!, second: c.second!)
                #expect(reader.parse(Self.text(wall))?.seconds == Self.reference(wall, in: zone), "\(Self.text(wall)) in \(zoneName)")
                checked += 1
            }
            date = change
        }
        #expect(zoneName == "Asia/Shanghai" ? checked > 0 : checked > 100)
    }

    @Test("Random times with an offset (or Z), with fractions of a second")
    func randomOffsets() {
        let reader = SubmissionTime(timeZone: TimeZone(identifier: "America/New_York")!)
        var random = SplitMix64(seed: 31337)
        for _ in 0..<3000 {
            let wall = Self.randomWall(&random)
            let offset = Int.random(in: -56...56, using: &random) * 15 * 60
            let sign = offset < 0 ? "-" : "+"
            let written = offset == 0 && Bool.random(using: &random)
                ? "Z" : String(format: "%@%02d:%02d", sign, abs(offset) / 3600, abs(offset) % 3600 / 60)
            let nanos = Int.random(in: 0..<1000, using: &random) * 1_000_000
            let text = Self.text(wall, t: "T") + String(format: ".%03d", nanos / 1_000_000) + written
            let expected = Self.reference(wall, in: TimeZone(secondsFromGMT: offset)!)
            let stamp = reader.parse(text)
            #expect(stamp?.seconds == expected && stamp?.nanos == Int32(nanos), "\(text)")
        }
    }

    @Test("White space around a time is ignored, inside it is not")
    func whiteSpace() {
        let reader = SubmissionTime(timeZone: TimeZone(identifier: "Asia/Shanghai")!)
        #expect(reader.parse(" \t2026-10-05 09:30\u{3000}")?.seconds == 1_791_163_800)
        #expect(reader.parse("2026-10-05  09:30") == nil)
    }
}
