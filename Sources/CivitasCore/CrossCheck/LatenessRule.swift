import Foundation

/// Lateness (DOMAIN §6): a record of a period received after the period's end plus the
/// framework's grace days. Grace days are local calendar days in the framework's time
/// zone, counted from the period's end (local midnight); received exactly at the
/// deadline is on time.
public enum LatenessRule {
    /// A stored record of the period, with when the server received it.
    public struct Receipt: Hashable, Sendable {
        public var sequence: Int64
        public var channel: Channel
        public var receivedAtMilliseconds: Int64
        /// The code the record is about: indicator, inspection point, survey or metric.
        public var code: String
        /// The submitting unit (material reports).
        public var unit: String?
        /// The block the record is attributed to (DOMAIN §5), nil for city-wide.
        public var subcommand: String?

        public init(sequence: Int64, channel: Channel, receivedAtMilliseconds: Int64, code: String, unit: String?, subcommand: String?) {
            self.sequence = sequence
            self.channel = channel
            self.receivedAtMilliseconds = receivedAtMilliseconds
            self.code = code
            self.unit = unit
            self.subcommand = subcommand
        }
    }

    /// The instant after which a record of `period` is late.
    public static func deadline(of period: Period, framework: Framework) -> Date {
        let zone = TimeZone(identifier: framework.timeZoneIdentifier) ?? TimeZone(identifier: "Asia/Shanghai")!
        let calendar = Calendar.gregorian(in: zone)
        return calendar.date(byAdding: .day, value: framework.graceDays, to: period.end)
            ?? period.end.addingTimeInterval(Double(framework.graceDays) * 86_400)
    }

    /// - Parameter receipts: the records that belong to `period` (by observed or
    ///   submitted time, or reporting period, as the evaluation counts them).
    public static func findings(_ receipts: [Receipt], framework: Framework, period: Period) -> [Finding] {
        let deadline = CrossCheckMath.milliseconds(deadline(of: period, framework: framework))
        return receipts.filter { $0.receivedAtMilliseconds > deadline }.sorted { $0.sequence < $1.sequence }.map { receipt in
            let daysLate = Double(receipt.receivedAtMilliseconds - deadline) / 86_400_000
            return Finding(
                rule: .lateness,
                subject: Finding.subject(["channel": receipt.channel.rawValue, "code": receipt.code, "period": period.name]),
                sequences: [receipt.sequence],
                figures: [
                    "receivedAt": Double(receipt.receivedAtMilliseconds), "deadline": Double(deadline), "daysLate": daysLate,
                    "graceDays": Double(framework.graceDays),
                ],
                severity: .low, unit: receipt.unit, subcommand: receipt.subcommand, period: period.name,
                message: "The \(receipt.channel.rawValue) record \(receipt.sequence) (\(receipt.code)) for \(period.name) arrived "
                    + "\(CrossCheckMath.text(daysLate)) days after the deadline: the period's end plus \(framework.graceDays) grace days."
            )
        }
    }
}
