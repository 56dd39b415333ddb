import CivitasCore
import Crypto
import Foundation
internal import GRDB

/// One write, as the audit log records it.
struct AuditEntry {
    var at: Date
    var principal: String
    /// "submit", "organization", "declare".
    var action: String
    /// The channel, the organization kind, or "codes".
    var subject: String
    var sequences: ClosedRange<Int64>?
    var recordCount: Int
    /// SHA-256 over what was written (for submissions: each record's sequence, key and
    /// content hash, so the records themselves can be checked against the log).
    var digest: Data
}

/// The hash-chained audit log: every entry's hash covers the previous entry's hash and
/// its own fields, so changing, removing or reordering any entry breaks the chain from
/// there on, and ``verify(_:)`` finds where.
enum AuditLog {
    static let genesis = Data(repeating: 0, count: 32)

    static func append(_ entry: AuditEntry, _ db: Database) throws {
        // Cached statements: every submission appends an entry, and parsing these three
        // statements each time was a visible share of a small unary submission.
        let previous = try Data.fetchOne(db.cachedStatement(sql: "SELECT hash FROM audit_log ORDER BY entry DESC LIMIT 1")) ?? genesis
        let number = (try Int64.fetchOne(db.cachedStatement(sql: "SELECT max(entry) FROM audit_log")) ?? 0) + 1
        let hash = chainHash(previous: previous, entry: number, entry)
        try db.cachedStatement(sql: """
            INSERT INTO audit_log (entry, at, principal, action, subject, first_sequence, last_sequence, record_count, digest, previous_hash, hash)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(
            arguments: [
                number, entry.at.unixMilliseconds, entry.principal, entry.action, entry.subject, entry.sequences?.lowerBound,
                entry.sequences?.upperBound, entry.recordCount, entry.digest, previous, hash,
            ]
        )
    }

    static func chainHash(previous: Data, entry number: Int64, _ entry: AuditEntry) -> Data {
        var hash = SHA256()
        hash.update(data: previous)
        var fields = CanonicalFields()
        fields.integer(number)
        fields.integer(entry.at.unixMilliseconds)
        fields.string(entry.principal)
        fields.string(entry.action)
        fields.string(entry.subject)
        fields.integer(entry.sequences?.lowerBound ?? -1)
        fields.integer(entry.sequences?.upperBound ?? -1)
        fields.integer(Int64(entry.recordCount))
        hash.update(data: fields.bytes)
        hash.update(data: entry.digest)
        return Data(hash.finalize())
    }

    static func digest(ofText text: String) -> Data {
        Data(SHA256.hash(data: Data(text.utf8)))
    }

    /// Digest of stored records: sequence, key and content hash of each, in order.
    struct RecordDigest {
        private var hash = SHA256()
        /// Reused for every record of a batch (a fresh buffer per record was an allocation each).
        private var fields = CanonicalFields()

        mutating func add(sequence: Int64, key: String, contentSHA256: Data) {
            fields.bytes.removeAll(keepingCapacity: true)
            fields.integer(sequence)
            fields.string(key)
            fields.bytes.append(contentsOf: contentSHA256)
            hash.update(data: fields.bytes)
        }

        func finalize() -> Data { Data(hash.finalize()) }
    }
}

/// Length-prefixed, fixed-width fields: the same framing as CanonicalContent.
struct CanonicalFields {
    var bytes: [UInt8] = []

    mutating func integer(_ value: Int64) {
        withUnsafeBytes(of: value.bigEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func string(_ value: String) {
        integer(Int64(value.utf8.count))
        bytes.append(contentsOf: value.utf8)
    }
}
