import CivitasClient
import Foundation
import SwiftProtobuf

/// Reads the times spreadsheets hold: ISO 8601 with an offset (`2026-10-05T09:30:00+08:00`,
/// `…Z`, optional fractional seconds) or a local time `YYYY-MM-DD HH:MM[:SS]` (also with `T`
/// or `/` separators) in the given time zone.
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
        var scanner = Digits(Array(text.trimmingCharacters(in: .whitespaces).utf8))
        guard let year = scanner.number(4), scanner.skip(["-", "/"]), let month = scanner.number(1...2),
            scanner.skip(["-", "/"]), let day = scanner.number(1...2), scanner.skip(["T", " "]),
            let hour = scanner.number(1...2), scanner.skip([":"]), let minute = scanner.number(2)
        else { return nil }
        var second = 0
        var nanos = 0
        if scanner.skip([":"]) {
            guard let value = scanner.number(2) else { return nil }
            second = value
            if scanner.skip([".", ","]) {
                let start = scanner.position
                guard let fraction = scanner.number(1...9) else { return nil }
                let digits = scanner.position - start
                nanos = fraction * Int(pow(10.0, Double(9 - digits)))
            }
        }
        guard (1...12).contains(month), (1...31).contains(day), (0...23).contains(hour), (0...59).contains(minute),
            (0...60).contains(second)
        else { return nil }
        var offset: Int?
        if scanner.atEnd {
            offset = nil
        } else if scanner.skip(["Z", "z"]) {
            offset = 0
        } else if let sign = scanner.sign() {
            guard let hours = scanner.number(2) else { return nil }
            _ = scanner.skip([":"])
            let minutes = scanner.number(2) ?? 0
            offset = sign * (hours * 3600 + minutes * 60)
        } else {
            return nil
        }
        guard scanner.atEnd else { return nil }
        let daysFromEpoch = Self.days(year: year, month: month, day: day)
        guard day <= Self.daysIn(year: year, month: month) else { return nil }
        let wall = Int64(daysFromEpoch) * 86400 + Int64(hour * 3600 + minute * 60 + second)
        let seconds: Int64
        if let offset {
            seconds = wall - Int64(offset)
        } else {
            // The zone's offset at that wall time: try the offset at the wall time read as UTC,
            // then correct once (enough for daylight-saving transitions).
            let guess = Date(timeIntervalSince1970: TimeInterval(wall))
            var utc = wall - Int64(timeZone.secondsFromGMT(for: guess))
            let corrected = timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(utc)))
            utc = wall - Int64(corrected)
            seconds = utc
        }
        return Google_Protobuf_Timestamp(seconds: seconds, nanos: Int32(nanos))
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

/// A tiny ASCII scanner for the time reader.
private struct Digits {
    let bytes: [UInt8]
    var position = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var atEnd: Bool { position == bytes.count }

    mutating func number(_ count: Int) -> Int? { number(count...count) }

    mutating func number(_ counts: ClosedRange<Int>) -> Int? {
        var value = 0
        var taken = 0
        while position < bytes.count, taken < counts.upperBound, (48...57).contains(bytes[position]) {
            value = value * 10 + Int(bytes[position] - 48)
            position += 1
            taken += 1
        }
        return taken >= counts.lowerBound ? value : nil
    }

    mutating func skip(_ characters: [Character]) -> Bool {
        guard position < bytes.count else { return false }
        let here = Character(Unicode.Scalar(bytes[position]))
        guard characters.contains(here) else { return false }
        position += 1
        return true
    }

    mutating func sign() -> Int? {
        if skip(["+"]) { return 1 }
        if skip(["-"]) { return -1 }
        return nil
    }
}
