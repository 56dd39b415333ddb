import CivitasClient
import Foundation
import SwiftProtobuf

/// Reads the times spreadsheets hold: ISO 8601 with an offset (`2026-10-05T09:30:00+08:00`,
/// `…Z`, optional fractional seconds) or a local time `YYYY-MM-DD HH:MM[:SS]` (also with `T`
/// or `/` separators) in the given time zone.
///
/// It reads the UTF-8 bytes of a cell directly (one runs per row of a million-row upload):
/// dates become days by arithmetic, and only a local time asks the time zone for offsets.
public struct SubmissionTime: Sendable {
    public var timeZone: TimeZone

    public init(timeZone: TimeZone) {
        self.timeZone = timeZone
    }

    public init(identifier: String) throws(ClientError) {
        guard let zone = TimeZone(identifier: identifier) else {
            throw ClientError("Unknown time zone \"\(identifier)\" (use an IANA name such as Asia/Shanghai).")
        }
        timeZone = zone
    }

    /// Seconds since 1970, or nil when the text is not a time this reader understands.
    public func parse(_ text: String) -> Google_Protobuf_Timestamp? {
        text.withUTF8Bytes { parse($0) }
    }

    /// The same over UTF-8 bytes (surrounding white space is ignored).
    func parse(_ bytes: UnsafeRawBufferPointer) -> Google_Protobuf_Timestamp? {
        guard let fields = TimeFields(UTF8Cell.trimmed(bytes)) else { return nil }
        guard fields.day <= Self.daysIn(year: fields.year, month: fields.month) else { return nil }
        let days = Self.days(year: fields.year, month: fields.month, day: fields.day)
        let wall = Int64(days) * 86400 + Int64(fields.hour * 3600 + fields.minute * 60 + fields.second)
        let seconds = fields.offset.map { wall - Int64($0) } ?? utc(wall: wall)
        return Google_Protobuf_Timestamp(seconds: seconds, nanos: Int32(fields.nanos))
    }

    /// The instant a local wall time (as seconds since 1970 read as if UTC) names in
    /// `timeZone`, as Foundation's Calendar resolves it: a time that occurs twice (clocks
    /// go back) is the first one, and a time that never occurs (clocks go forward) is read
    /// with the offset from before the change, i.e. it lands after the gap.
    func utc(wall: Int64) -> Int64 {
        // Offsets a day either side of the wall time (no zone changes twice within two days).
        let before = offset(at: wall - 86400)
        let after = offset(at: wall + 86400)
        if before == after { return wall - Int64(before) }
        if offset(at: wall - Int64(before)) == before { return wall - Int64(before) }
        if offset(at: wall - Int64(after)) == after { return wall - Int64(after) }
        return wall - Int64(before)
    }

    private func offset(at seconds: Int64) -> Int {
        timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(seconds)))
    }

    /// Days from 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's algorithm).
    static func days(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146097 + dayOfEra - 719468
    }

    static func daysIn(year: Int, month: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}
