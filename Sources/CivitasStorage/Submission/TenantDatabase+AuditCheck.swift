import CivitasCore
import Crypto
import Foundation
internal import GRDB

/// The result of checking a tenant's audit log against itself and its records.
public struct AuditVerification: Hashable, Sendable {
    public var intact: Bool
    public var entries: Int64
    public var records: Int64
    /// The first entry found broken (0 when intact).
    public var firstBrokenEntry: Int64
    public var problem: String
}

extension TenantDatabase {
    /// Walks the audit log: every entry must link to the previous one's hash and hash to
    /// its own; every submission entry's records must re-hash (from their stored columns)
    /// to their content hashes and to the entry's digest; and no stored record may lie
    /// outside the log. Any edit, insertion or deletion made behind Civitas' back fails.
    public func verifyAuditLog() async throws -> AuditVerification {
        try await pool.read { db in
            var verification = AuditVerification(intact: true, entries: 0, records: 0, firstBrokenEntry: 0, problem: "")
            func broken(_ entry: Int64, _ problem: String) -> AuditVerification {
                var result = verification
                (result.intact, result.firstBrokenEntry, result.problem) = (false, entry, problem)
                return result
            }
            var expectedPrevious = AuditLog.genesis
            var expectedNumber: Int64 = 1
            var loggedRecords: [Channel: Int64] = [:]
            let entries = try Row.fetchCursor(db, sql: "SELECT * FROM audit_log ORDER BY entry")
            while let row = try entries.next() {
                let number: Int64 = row["entry"]
                guard number == expectedNumber else { return broken(number, "entry \(expectedNumber) is missing") }
                guard (row["previous_hash"] as Data) == expectedPrevious else {
                    return broken(number, "entry \(number) does not link to the hash of entry \(number - 1)")
                }
                let first: Int64? = row["first_sequence"]
                let last: Int64? = row["last_sequence"]
                let entry = AuditEntry(
                    at: Date(unixMilliseconds: row["at"]), principal: row["principal"], action: row["action"], subject: row["subject"],
                    sequences: first.flatMap { low in last.map { low...$0 } }, recordCount: row["record_count"], digest: row["digest"]
                )
                let hash: Data = row["hash"]
                guard AuditLog.chainHash(previous: expectedPrevious, entry: number, entry) == hash else {
                    return broken(number, "entry \(number) was altered: its hash does not match its fields")
                }
                if entry.action == "submit", let channel = Channel(rawValue: entry.subject), let sequences = entry.sequences {
                    if let problem = try Self.checkRecords(channel, sequences, count: entry.recordCount, digest: entry.digest, db) {
                        return broken(number, problem)
                    }
                    loggedRecords[channel, default: 0] += Int64(entry.recordCount)
                }
                verification.entries = number
                expectedPrevious = hash
                expectedNumber += 1
            }
            for channel in Channel.allCases {
                let stored = try Int64.fetchOne(db, sql: "SELECT count(*) FROM \(Self.table(channel))") ?? 0
                if stored != loggedRecords[channel, default: 0] {
                    return broken(
                        expectedNumber,
                        "the \(channel.rawValue) table holds \(stored) records but the log accounts for \(loggedRecords[channel, default: 0])"
                    )
                }
                verification.records += stored
            }
            return verification
        }
    }

    static func table(_ channel: Channel) -> String {
        switch channel {
        case .material: "material_report"
        case .inspection: "inspection_record"
        case .survey: "survey_response"
        case .feed: "feed_point"
        }
    }

    /// Re-hashes one entry's records from their stored columns; nil when they match.
    private static func checkRecords(
        _ channel: Channel, _ sequences: ClosedRange<Int64>, count: Int, digest: Data, _ db: Database
    ) throws -> String? {
        let rows = try Row.fetchAll(
            db, sql: "SELECT * FROM \(table(channel)) WHERE sequence BETWEEN ? AND ? ORDER BY sequence",
            arguments: [sequences.lowerBound, sequences.upperBound]
        )
        guard rows.count == count else {
            return "sequences \(sequences.lowerBound)…\(sequences.upperBound) hold \(rows.count) \(channel.rawValue) records, the log says \(count)"
        }
        var recomputed = AuditLog.RecordDigest()
        for record in try decode(rows, channel: channel, db) {
            let bytes: [UInt8] = switch record.content {
            case .material(let report): CanonicalContent.bytes(of: report)
            case .inspection(let inspection): CanonicalContent.bytes(of: inspection)
            case .survey(let response): CanonicalContent.bytes(of: response)
            case .feed(let point): CanonicalContent.bytes(of: point)
            }
            let hash = Data(SHA256.hash(data: bytes))
            guard hash == record.contentSHA256 else {
                return "\(channel.rawValue) record \(record.sequence) was altered: its content no longer matches its hash"
            }
            let key: String = switch record.content {
            case .material(let report): report.key
            case .inspection(let inspection): inspection.key
            case .survey(let response): response.key
            case .feed(let point): point.key
            }
            recomputed.add(sequence: record.sequence, key: key, contentSHA256: hash)
        }
        guard recomputed.finalize() == digest else {
            return "\(channel.rawValue) records \(sequences.lowerBound)…\(sequences.upperBound) do not match the digest the log recorded"
        }
        return nil
    }
}
