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

    /// One finding per responsible party — channel, unit, sub-command and period — listing
    /// every late record of that party whatever its code, so a block that uploads its
    /// month's spreadsheet a week late gets one finding per channel, not one per record or
    /// per indicator (an office drowning in hundreds of identical "late" findings stops
    /// reading them). The codes concerned are named in the message. The finding's identity
    /// is its rule and subject alone (``Finding/Identity/subject``): records of the party
    /// arriving later refresh it (sequences, figures, message) instead of making another.
    ///
    /// Subject: `channel=…;unit=…;subcommand=…;period=…`, leaving out `unit` when the
    /// record names none (every channel but material reports) and `subcommand` for records
    /// of no block (HQ's units, city-wide feed points). Figures: `lateRecords`, `codes`,
    /// `firstReceivedAt` and `latestReceivedAt` (milliseconds since 1970), `deadline`
    /// (likewise), `daysLate` (of the latest receipt) and `graceDays`. Ordered by each
    /// group's lowest sequence number.
    ///
    /// - Parameter receipts: the records that belong to `period` (by observed or
    ///   submitted time, or reporting period, as the evaluation counts them).
    public static func findings(_ receipts: [Receipt], framework: Framework, period: Period) -> [Finding] {
        let deadline = CrossCheckMath.milliseconds(deadline(of: period, framework: framework))
        let groups = Dictionary(grouping: receipts.filter { $0.receivedAtMilliseconds > deadline }, by: Party.init)
        return groups.map { party, late in
            finding(party, late: late, deadline: deadline, graceDays: framework.graceDays, period: period.name)
        }.sorted { $0.sequences[0] < $1.sequences[0] }
    }

    /// Who answers for a late record: the grouping key.
    private struct Party: Hashable {
        var channel: Channel
        var unit: String?
        var subcommand: String?

        init(_ receipt: Receipt) {
            (channel, unit, subcommand) = (receipt.channel, receipt.unit, receipt.subcommand)
        }

        func subject(period: String) -> String {
            var pairs = ["channel=\(channel.rawValue)"]
            if let unit { pairs.append("unit=\(unit)") }
            if let subcommand { pairs.append("subcommand=\(subcommand)") }
            return (pairs + ["period=\(period)"]).joined(separator: ";")
        }

        /// `unit u-03 of sub-command sc-01`, `sub-command sc-2`, `city-wide`.
        var described: String {
            switch (unit, subcommand) {
            case (let unit?, let block?): "unit \(unit) of sub-command \(block)"
            case (let unit?, nil): "unit \(unit)"
            case (nil, let block?): "sub-command \(block)"
            case (nil, nil): "city-wide"
            }
        }
    }

    /// `waste`, `aqi, pm25`, `p-1, p-2, p-3 and 5 more`: the codes of a group's records.
    private static func codesText(_ late: [Receipt]) -> String {
        let codes = Array(Set(late.map(\.code))).sorted()
        let shown = codes.prefix(3).joined(separator: ", ")
        return codes.count > 3 ? "\(shown) and \(codes.count - 3) more" : shown
    }

    private static func finding(_ party: Party, late: [Receipt], deadline: Int64, graceDays: Int, period: String) -> Finding {
        let received = late.map(\.receivedAtMilliseconds)
        let (first, latest) = (received.min()!, received.max()!)
        let days = { (received: Int64) in Double(received - deadline) / 86_400_000 }
        let records = late.count == 1 ? "The \(party.channel.rawValue) record \(late[0].sequence)" : "\(late.count) \(party.channel.rawValue) records"
        let howLate =
            first == latest
            ? "\(CrossCheckMath.text(days(latest))) days" : "\(CrossCheckMath.text(days(first))) to \(CrossCheckMath.text(days(latest))) days"
        return Finding(
            rule: .lateness, subject: party.subject(period: period), sequences: late.map(\.sequence),
            figures: [
                "lateRecords": Double(late.count), "codes": Double(Set(late.map(\.code)).count),
                "firstReceivedAt": Double(first), "latestReceivedAt": Double(latest),
                "deadline": Double(deadline), "daysLate": days(latest), "graceDays": Double(graceDays),
            ],
            severity: .low, unit: party.unit, subcommand: party.subcommand, period: period,
            message: "\(records) (\(party.described); \(codesText(late))) for \(period) arrived \(howLate) after the deadline: "
                + "the period's end plus \(graceDays) grace days.",
            identity: .subject)
    }
}
