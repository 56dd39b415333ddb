import CivitasClient
import Foundation
import SwiftProtobuf

/// Due dates as people type and read them, in the campaign's time zone (Asia/Shanghai
/// unless `--time-zone` says otherwise, as for `civitas submit`).
public struct FindingTime: Sendable {
    public var timeZone: TimeZone

    public init(timeZone: TimeZone) {
        self.timeZone = timeZone
    }

    public init(identifier: String) throws(ClientError) {
        timeZone = try SubmissionTime(identifier: identifier).timeZone
    }

    /// Reads `--due`:
    /// - a date `2026-12-15`: the **end** of that day in the zone (23:59:59), because "due
    ///   the 15th" gives the unit the whole of the 15th;
    /// - a local time `2026-12-15 18:00[:00]`, or one with an offset `2026-12-15T18:00:00+08:00`;
    /// - a duration from now: `14d`, `36h`, `90m`.
    ///
    /// A due date must lie after `now`; the server checks again at the time of the move.
    public func due(_ text: String, option: String = "--due", now: Date = Date()) throws(ClientError) -> Google_Protobuf_Timestamp {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let stamp: Google_Protobuf_Timestamp
        if let duration = Self.duration(trimmed) {
            stamp = Google_Protobuf_Timestamp(date: now.addingTimeInterval(duration))
        } else if let parsed = SubmissionTime(timeZone: timeZone).parse(Self.isDate(trimmed) ? trimmed + " 23:59:59" : trimmed) {
            stamp = parsed
        } else {
            throw ClientError(
                "\(option) \"\(text)\" is not a date (2026-12-15), a local time (2026-12-15 18:00), a time with an offset "
                    + "(2026-12-15T18:00:00+08:00) or a duration (14d, 36h).")
        }
        guard stamp.date > now else {
            throw ClientError(
                "\(option) \(text) means \(show(stamp)) (\(timeZone.identifier)), which is not in the future; "
                    + "a due date must come after now, \(show(Google_Protobuf_Timestamp(date: now))).")
        }
        return stamp
    }

    /// `2026-12-15 23:59:59` in the zone, or `-` when unset.
    public func show(_ stamp: Google_Protobuf_Timestamp, isSet: Bool = true) -> String {
        isSet ? RecordListing.local(stamp, timeZone) : "-"
    }

    /// How long past due at `now`, in whole units: `12 分钟` / `12 min` under an hour,
    /// `5 小时` / `5 h` under a day, else `3 天` / `3 d`.
    public static func lateness(due: Date, now: Date, language: ReportLanguage) -> String {
        let seconds = max(now.timeIntervalSince(due), 0)
        if seconds < 3600 {
            let minutes = Int(seconds / 60)
            return language.pick("\(minutes) 分钟", "\(minutes) min")
        }
        if seconds < 86400 {
            let hours = Int(seconds / 3600)
            return language.pick("\(hours) 小时", "\(hours) h")
        }
        let days = Int(seconds / 86400)
        return language.pick("\(days) 天", "\(days) d")
    }

    private static func isDate(_ text: String) -> Bool {
        text.count == 10 && text.allSatisfy { $0.isASCII && ($0.isNumber || $0 == "-") }
    }

    private static func duration(_ text: String) -> TimeInterval? {
        guard let unit = text.last, let amount = Double(text.dropLast()), amount > 0, amount.isFinite else { return nil }
        switch unit {
        case "d": return amount * 86400
        case "h": return amount * 3600
        case "m": return amount * 60
        default: return nil
        }
    }
}
