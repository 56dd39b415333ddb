import CivitasClient
import CivitasProtos
import Foundation
import SwiftProtobuf

/// Stored records of one channel, fetched page by page through ListRecords.
public struct RecordListing: Sendable {
    public var channel: SubmissionChannel
    public var records: [Civitas_V1_StoredRecord] = []
    /// More records exist beyond `--limit`.
    public var truncated = false

    public init(channel: SubmissionChannel, records: [Civitas_V1_StoredRecord] = [], truncated: Bool = false) {
        self.channel = channel
        self.records = records
        self.truncated = truncated
    }

    /// Fetches up to `limit` records (0: all of them).
    public static func fetch(
        over civitas: CivitasConnection, request first: Civitas_V1_ListRecordsRequest, limit: Int
    ) async throws -> RecordListing {
        var listing = RecordListing(channel: SubmissionChannel(rawValue: first.channel) ?? .material)
        var request = first
        repeat {
            let remaining = limit > 0 ? limit - listing.records.count : 1000
            request.page.pageSize = UInt32(min(1000, max(1, remaining)))
            let reply = try await civitas.submissions.listRecords(request, options: civitas.options)
            listing.records += reply.records
            request.page.pageToken = reply.nextPageToken
            if limit > 0, listing.records.count >= limit {
                listing.truncated = !reply.nextPageToken.isEmpty || listing.records.count > limit
                listing.records = Array(listing.records.prefix(limit))
                break
            }
        } while !request.page.pageToken.isEmpty
        return listing
    }

    public var json: [Any] {
        var options = JSONEncodingOptions()
        options.preserveProtoFieldNames = true
        return records.compactMap { record in
            (try? record.jsonUTF8Data(options: options)).flatMap { try? JSONSerialization.jsonObject(with: $0) }
        }
    }

    public func render(timeZone: TimeZone = TimeZone(identifier: "Asia/Shanghai") ?? .gmt) -> String {
        let time = { (stamp: Google_Protobuf_Timestamp) -> String in Self.local(stamp, timeZone) }
        var table: Table
        switch channel {
        case .material:
            table = Table("SEQ", "UNIT", "INDICATOR", "PERIOD", "VALUE", "EVIDENCE", "STATE", "BY", "KEY")
            for item in records {
                let report = item.material
                let value: String = switch report.value {
                case .number(let number)?: Self.number(number)
                case .provided(let provided)?: provided ? "provided" : "not provided"
                case nil: "-"
                }
                table.add(
                    "\(item.sequence)", report.unit, report.indicator, report.period.name, value, "\(report.evidence.count)",
                    item.superseded ? "superseded" : "current", item.principal, item.key
                )
            }
        case .inspection:
            table = Table("SEQ", "POINT", "INSPECTOR", "OBSERVED", "PASSED", "PHOTOS", "BY", "KEY")
            for item in records {
                let record = item.inspection
                let passed = record.checks.filter(\.passed).count
                table.add(
                    "\(item.sequence)", record.point, record.inspector, time(record.observedAt),
                    "\(passed)/\(record.checks.count)", "\(record.photoSha256.count)", item.principal, item.key
                )
            }
        case .survey:
            table = Table("SEQ", "SURVEY", "RESPONDENT", "SUB-COMMAND", "SUBMITTED", "SECONDS", "ANSWERS", "KEY")
            for item in records {
                let response = item.survey
                table.add(
                    "\(item.sequence)", response.survey, response.respondent, response.subcommand.isEmpty ? "-" : response.subcommand,
                    time(response.submittedAt), "\(response.durationSeconds)", "\(response.answers.count)", item.key
                )
            }
        case .feed:
            table = Table("SEQ", "METRIC", "SOURCE", "OBSERVED", "VALUE", "SUB-COMMAND", "KEY")
            for item in records {
                let point = item.feed
                table.add(
                    "\(item.sequence)", point.metric, point.source, time(point.observedAt), Self.number(point.value),
                    point.subcommand.isEmpty ? "(city)" : point.subcommand, item.key
                )
            }
        }
        let count = "\(records.count) \(channel.rawValue) record(s)\(truncated ? "; more with a larger --limit (0: all)" : "")."
        return records.isEmpty ? count : table.render() + "\n\n" + count
    }

    static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }

    /// "2026-10-05 09:30:00" in the given zone.
    static func local(_ stamp: Google_Protobuf_Timestamp, _ zone: TimeZone) -> String {
        let seconds = Int(stamp.seconds) + zone.secondsFromGMT(for: stamp.date)
        let days = Int((Double(seconds) / 86400).rounded(.down))
        let rest = seconds - days * 86400
        // Civil date from days since 1970 (Howard Hinnant's algorithm).
        let z = days + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        return String(format: "%04d-%02d-%02d %02d:%02d:%02d", year, month, day, rest / 3600, rest % 3600 / 60, rest % 60)
    }
}
