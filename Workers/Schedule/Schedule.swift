import CivitasCore
import Foundation

/// A tenant's cron schedule: it enqueues one `jobKind` job per occurrence.
public struct Schedule: Hashable, Sendable {
    public var id: String
    public var tenant: TenantID
    public var cron: String
    /// The IANA zone the cron expression is read in: the tenant's, when it was created.
    public var timeZone: String
    public var jobKind: String
    public var argumentsJSON: String
    public var paused: Bool
    /// Nil when the expression never runs again.
    public var nextRunAt: Date?
    public var lastRunAt: Date?
    public var createdAt: Date
}

/// What a caller asks to schedule.
public struct NewSchedule: Sendable {
    public var tenant: TenantID
    public var cron: CronExpression
    public var timeZone: TimeZone
    public var jobKind: String
    public var argumentsJSON: String

    public init(tenant: TenantID, cron: CronExpression, timeZone: TimeZone, jobKind: String, argumentsJSON: String = "{}") {
        self.tenant = tenant
        self.cron = cron
        self.timeZone = timeZone
        self.jobKind = jobKind
        self.argumentsJSON = argumentsJSON
    }
}

/// Foundation's time zone database, as the pure cron code asks for it.
public struct TimeZoneOffsets: UTCOffsetRule {
    public let zone: TimeZone

    public init(_ zone: TimeZone) { self.zone = zone }

    /// The tenant's zone by IANA name; the campaign's home zone when none is set.
    public init(identifier: String) throws(CivitasError) {
        guard let zone = TimeZone(identifier: identifier.isEmpty ? Self.defaultIdentifier : identifier) else {
            throw .invalidArgument("Time zone \"\(identifier.prefix(60))\" is not an IANA time zone name (e.g. Asia/Shanghai).")
        }
        self.zone = zone
    }

    public static let defaultIdentifier = "Asia/Shanghai"

    public func secondsAheadOfUTC(atEpochSecond instant: Int64) -> Int {
        zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(instant)))
    }
}
