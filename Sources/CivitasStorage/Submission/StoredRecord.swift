import CivitasCore
import Foundation
internal import GRDB

/// A record as stored: the submitted content plus what the server added.
public struct StoredRecord: Sendable {
    public enum Content: Sendable {
        case material(MaterialReport)
        case inspection(InspectionRecord)
        case survey(SurveyResponse)
        case feed(FeedPoint)
    }

    public var sequence: Int64
    public var principal: String
    public var receivedAt: Date
    /// Material reports: a newer report of the same unit, indicator and period exists.
    public var superseded: Bool
    public var contentSHA256: Data
    public var content: Content
}

/// Reads stored rows back into the domain's records — for listings, and for the audit
/// check, which re-hashes them with CanonicalContent.
enum StoredRecordDecoding {
    static func material(_ row: Row, evidence: [Evidence]) -> MaterialReport {
        let number: Double? = row["value"]
        let provided: Bool? = row["provided"]
        return MaterialReport(
            key: row["key"], unit: row["unit_id"], indicator: row["indicator"], period: row["period"],
            value: number.map(MaterialValue.number) ?? provided.map(MaterialValue.provided), evidence: evidence, note: row["note"]
        )
    }

    static func evidence(_ row: Row) -> Evidence {
        Evidence(fileName: row["file_name"], sha256: row["sha256"], size: UInt64(row["size"] as Int64), mediaType: row["media_type"])
    }

    static func inspection(_ row: Row, checks: [CheckResult]) -> InspectionRecord {
        let latitude: Double? = row["latitude"]
        let longitude: Double? = row["longitude"]
        let photos: String = row["photos"]
        return InspectionRecord(
            key: row["key"], point: row["point_id"], inspector: row["inspector"],
            observedAt: Date(unixMilliseconds: row["observed_at"]), checks: checks,
            photoSHA256: photos.isEmpty ? [] : photos.split(separator: ";").map(String.init),
            location: latitude.flatMap { lat in longitude.map { Coordinates(latitude: lat, longitude: $0) } }
        )
    }

    static func check(_ row: Row) -> CheckResult {
        CheckResult(check: row["check_code"], passed: row["passed"], note: row["note"])
    }

    static func survey(_ row: Row) -> SurveyResponse {
        SurveyResponse(
            key: row["key"], survey: row["survey"], respondent: row["respondent"], subcommand: row["subcommand_id"],
            submittedAt: Date(unixMilliseconds: row["submitted_at"]), durationSeconds: UInt32(row["duration_seconds"] as Int64),
            answers: SurveyAnswers.decode(row["answers"])
        )
    }

    static func feed(_ row: Row) -> FeedPoint {
        FeedPoint(
            key: row["key"], metric: row["metric"], source: row["source"], observedAt: Date(unixMilliseconds: row["observed_at"]),
            value: row["value"], subcommand: row["subcommand_id"]
        )
    }

    /// Child rows (evidence, checks) of the given parent sequences, grouped by parent.
    static func children<Child>(
        _ db: Database, table: String, sequences: [Int64], decode: (Row) -> Child
    ) throws -> [Int64: [Child]] {
        guard let low = sequences.min(), let high = sequences.max() else { return [:] }
        var grouped: [Int64: [Child]] = [:]
        let wanted = Set(sequences)
        let rows = try Row.fetchCursor(
            db, sql: "SELECT * FROM \(table) WHERE sequence BETWEEN ? AND ? ORDER BY sequence, position", arguments: [low, high]
        )
        while let row = try rows.next() {
            let sequence: Int64 = row["sequence"]
            if wanted.contains(sequence) { grouped[sequence, default: []].append(decode(row)) }
        }
        return grouped
    }
}
