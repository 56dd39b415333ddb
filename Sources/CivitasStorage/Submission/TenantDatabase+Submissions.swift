import CivitasCore
import Foundation
internal import GRDB

/// One batch to store, with when it was received and whether it is only a dry run.
public struct SubmissionRequest: Sendable {
    public var batch: SubmissionBatch
    public var receivedAt: Date
    public var dryRun: Bool

    public init(batch: SubmissionBatch, receivedAt: Date, dryRun: Bool) {
        self.batch = batch
        self.receivedAt = receivedAt
        self.dryRun = dryRun
    }
}

extension TenantDatabase {
    /// Stores a batch whole or not at all, sharing the commit with concurrent batches.
    /// An identical repeat (same key, same content) is counted and ignored; the same key
    /// with other content refuses the whole batch. Returns once the batch is durable.
    public func submit(
        _ batch: SubmissionBatch, principal: String, receivedAt: Date, dryRun: Bool
    ) async throws -> SubmissionOutcome {
        try await submit([SubmissionRequest(batch: batch, receivedAt: receivedAt, dryRun: dryRun)], principal: principal)[0]
    }

    /// Stores several batches in order, each whole or not at all (a savepoint each), in
    /// one commit: an upload stream hands over every batch that arrived while the
    /// previous ones were being written, so a fast sender pays for fewer commits.
    public func submit(_ requests: [SubmissionRequest], principal: String) async throws -> [SubmissionOutcome] {
        let results = OutcomeBox()
        try await state.committer.perform { db in
            // The committer runs this in a savepoint of its own: one batch needs no second.
            if requests.count == 1, let request = requests.first {
                let outcome = try Self.write(request, principal: principal, db)
                results.values.append(outcome)
                return outcome.problems.isEmpty && !request.dryRun
            }
            for request in requests {
                try db.inSavepoint {
                    let outcome = try Self.write(request, principal: principal, db)
                    results.values.append(outcome)
                    return outcome.problems.isEmpty && !request.dryRun ? .commit : .rollback
                }
            }
            return true
        }
        return results.values
    }

    private static func write(_ request: SubmissionRequest, principal: String, _ db: Database) throws -> SubmissionOutcome {
        var writer = RecordWriter(db: db, principal: principal, receivedAt: request.receivedAt.unixMilliseconds)
        let outcome = try writer.write(request.batch)
        guard outcome.problems.isEmpty, !request.dryRun, let sequences = outcome.sequences else { return outcome }
        try AuditLog.append(
            AuditEntry(at: request.receivedAt, principal: principal, action: "submit", subject: request.batch.channel.rawValue,
                       sequences: sequences, recordCount: outcome.stored, digest: writer.digest.finalize()),
            db
        )
        return outcome
    }
}

/// Carries writes' outcomes out of the shared transaction. Set inside the committer's
/// transaction and read only after `perform` returned, which orders the two.
private final class OutcomeBox: @unchecked Sendable {
    var values: [SubmissionOutcome] = []
}

/// Inserts one batch inside a savepoint; the caller rolls it back when `problems` is
/// non-empty. Uses cached prepared statements: a batch of thousands costs one compile
/// per statement.
struct RecordWriter {
    let db: Database
    let principal: String
    let receivedAt: Int64
    var digest = AuditLog.RecordDigest()
    private var outcome = SubmissionOutcome()
    private var next: Int64 = 0
    private var spans: Set<DaySpan> = []

    init(db: Database, principal: String, receivedAt: Int64) {
        self.db = db
        self.principal = principal
        self.receivedAt = receivedAt
    }

    mutating func write(_ batch: SubmissionBatch) throws -> SubmissionOutcome {
        next = try Int64.fetchOne(db.cachedStatement(sql: "SELECT last FROM sequence_counter WHERE id = 1")) ?? 0
        let first = next + 1
        switch batch {
        case .materials(let records): try each(records, Self.materialRow) { try $0.insertMaterial($1, $2) }
        case .inspections(let records): try each(records, Self.inspectionRow) { try $0.insertInspection($1, $2) }
        case .surveys(let records): try each(records, Self.surveyRow) { try $0.insertSurvey($1, $2) }
        case .feeds(let records): try each(records, Self.feedRow) { try $0.insertFeed($1, $2) }
        }
        if outcome.problems.isEmpty, next >= first {
            outcome.sequences = first...next
            try db.cachedStatement(sql: "UPDATE sequence_counter SET last = ? WHERE id = 1").execute(arguments: [next])
            let span = try db.cachedStatement(sql: """
                INSERT INTO landed_span (start_day, end_day, last_sequence) VALUES (?, ?, ?)
                ON CONFLICT (start_day, end_day) DO UPDATE SET last_sequence = max(last_sequence, excluded.last_sequence)
                """)
            for day in spans { try span.execute(arguments: [day.first, day.last, next]) }
        }
        return outcome
    }

    /// Inserts each record unless its key is already taken: by the same content (a
    /// repeat, ignored) or by other content (a problem that refuses the batch).
    private mutating func each<Record>(
        _ records: [PreparedRecord<Record>], _ row: RowInsert,
        insert: (inout RecordWriter, DirectInsert, PreparedRecord<Record>) throws -> Bool
    ) throws where Record: Sendable & KeyedRecord {
        let existing = try db.cachedStatement(sql: "SELECT sequence, content_sha256 FROM \(row.table) WHERE key = ?")
        // Looked up once per batch, not once per record: finding a cached statement hashes
        // its SQL text, which costs more than binding the row.
        let statement = DirectInsert(statement: try db.cachedStatement(sql: row.sql))
        // A key given twice in one batch needs no lookup table: the second insert meets the
        // row the first one made, whose sequence says it came from this batch and which
        // record it was.
        let batchFirst = next + 1
        var storedIndexes: [Int] = []
        storedIndexes.reserveCapacity(records.count)
        var lastSpan: DaySpan?
        for prepared in records {
            let key = prepared.record.key
            if try insert(&self, statement, prepared) {
                outcome.stored += 1
                storedIndexes.append(prepared.index)
                // Neighbours usually share their day: skip hashing the span again.
                if prepared.span != lastSpan {
                    spans.insert(prepared.span)
                    lastSpan = prepared.span
                }
                digest.add(sequence: next, key: key, contentSHA256: prepared.contentSHA256)
                continue
            }
            guard let row = try Row.fetchOne(existing, arguments: [key]) else {
                throw CivitasError(.internal, "A record with key \(key) was neither stored nor found.")
            }
            let sequence: Int64 = row["sequence"]
            if (row["content_sha256"] as Data) == prepared.contentSHA256 {
                outcome.repeated += 1
            } else if sequence >= batchFirst {
                outcome.problems.append(RecordProblem(
                    index: prepared.index, record: key, field: "key",
                    reason: "repeats the key of record \(storedIndexes[Int(sequence - batchFirst)]) in this batch with different content"
                ))
            } else {
                outcome.problems.append(RecordProblem(
                    index: prepared.index, record: key, field: "key",
                    reason: "was already used for different content (stored as sequence \(sequence)); use a new key for a new record"
                ))
            }
        }
    }

    /// One record table's insert: the common columns, then the channel's own.
    struct RowInsert {
        let table: String
        let sql: String

        init(_ table: String, _ columns: [String]) {
            let all = ["sequence", "key", "content_sha256", "principal", "received_at"] + columns
            self.table = table
            sql = """
                INSERT INTO \(table) (\(all.joined(separator: ", "))) VALUES (\(all.map { _ in "?" }.joined(separator: ", ")))
                ON CONFLICT (key) DO NOTHING
                """
        }
    }

    static let materialRow = RowInsert(
        "material_report", ["unit_id", "indicator", "period", "period_start", "period_end", "value", "provided", "note"]
    )
    static let inspectionRow = RowInsert("inspection_record", ["point_id", "inspector", "observed_at", "latitude", "longitude", "photos"])
    static let surveyRow = RowInsert(
        "survey_response", ["survey", "respondent", "subcommand_id", "submitted_at", "duration_seconds", "answers"]
    )
    static let feedRow = RowInsert("feed_point", ["metric", "source", "observed_at", "value", "subcommand_id"])

    /// Claims the next sequence number and inserts the common columns plus `values` (in
    /// the order of the statement's `RowInsert` columns); returns false (without
    /// claiming) when the key exists.
    private mutating func insertRow(
        _ statement: DirectInsert, _ prepared: PreparedRecord<some Sendable & KeyedRecord>, _ values: [DirectInsert.Value]
    ) throws -> Bool {
        let sequence = next + 1
        try statement.run(
            [.integer(sequence), .text(prepared.record.key), .blob(prepared.contentSHA256), .text(principal), .integer(receivedAt)], then: values
        )
        guard db.changesCount > 0 else { return false }
        next = sequence
        return true
    }

    private mutating func insertMaterial(_ statement: DirectInsert, _ prepared: PreparedRecord<MaterialReport>) throws -> Bool {
        let report = prepared.record
        guard let period = prepared.period else { throw CivitasError(.internal, "A material report reached storage without its period.") }
        var number: Double?
        var provided: Bool?
        switch report.value {
        case .number(let value)?: number = value
        case .provided(let flag)?: provided = flag
        case nil: break
        }
        guard try insertRow(
            statement, prepared,
            [.text(report.unit), .text(report.indicator), .text(report.period), .integer(period.start.unixMilliseconds),
             .integer(period.end.unixMilliseconds), .init(number), provided.map { .integer($0 ? 1 : 0) } ?? .null, .text(report.note)]
        ) else { return false }
        let evidence = DirectInsert(statement: try db.cachedStatement(sql: """
            INSERT INTO evidence (sequence, position, file_name, sha256, size, media_type, content) VALUES (?, ?, ?, ?, ?, ?, ?)
            """))
        for (position, item) in report.evidence.enumerated() {
            try evidence.run([
                .integer(next), .integer(Int64(position)), .text(item.fileName), .text(item.sha256), .integer(Int64(item.size)),
                .text(item.mediaType), item.content.map(DirectInsert.Value.blob) ?? .null,
            ])
        }
        return true
    }

    private mutating func insertInspection(_ statement: DirectInsert, _ prepared: PreparedRecord<InspectionRecord>) throws -> Bool {
        let record = prepared.record
        guard try insertRow(
            statement, prepared,
            [.text(record.point), .text(record.inspector), .integer(record.observedAt.unixMilliseconds), .init(record.location?.latitude),
             .init(record.location?.longitude), .text(record.photoSHA256.joined(separator: ";"))]
        ) else { return false }
        let check = DirectInsert(statement: try db.cachedStatement(
            sql: "INSERT INTO inspection_check (sequence, position, check_code, passed, note) VALUES (?, ?, ?, ?, ?)"
        ))
        for (position, item) in record.checks.enumerated() {
            try check.run([.integer(next), .integer(Int64(position)), .text(item.check), .integer(item.passed ? 1 : 0), .text(item.note)])
        }
        return true
    }

    private mutating func insertSurvey(_ statement: DirectInsert, _ prepared: PreparedRecord<SurveyResponse>) throws -> Bool {
        let response = prepared.record
        return try insertRow(
            statement, prepared,
            [.text(response.survey), .text(response.respondent), .init(response.subcommand), .integer(response.submittedAt.unixMilliseconds),
             .integer(Int64(response.durationSeconds)), .utf8(SurveyAnswers.encode(response.answers))]
        )
    }

    private mutating func insertFeed(_ statement: DirectInsert, _ prepared: PreparedRecord<FeedPoint>) throws -> Bool {
        let point = prepared.record
        return try insertRow(
            statement, prepared,
            [.text(point.metric), .text(point.source), .integer(point.observedAt.unixMilliseconds), .real(point.value), .init(point.subcommand)]
        )
    }
}

/// Records that carry an idempotency key.
public protocol KeyedRecord {
    var key: String { get }
}

extension MaterialReport: KeyedRecord {}
extension InspectionRecord: KeyedRecord {}
extension SurveyResponse: KeyedRecord {}
extension FeedPoint: KeyedRecord {}

/// Survey answers as stored: `q1=4;q2=5`, in question order.
enum SurveyAnswers {
    /// The column's UTF-8 bytes; the answers are already in question order (see
    /// `SurveyResponse.answers`).
    static func encode(_ answers: [SurveyAnswer]) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(answers.count * 6)
        for answer in answers {
            if !bytes.isEmpty { bytes.append(UInt8(ascii: ";")) }
            bytes.append(contentsOf: answer.question.utf8)
            bytes.append(UInt8(ascii: "="))
            appendDecimal(answer.answer, to: &bytes)
        }
        return bytes
    }

    static func decode(_ text: String) -> [SurveyAnswer] {
        var text = text
        return text.withUTF8 { StoredAnswers.parse($0).map { SurveyAnswer(question: $0.question, answer: $0.answer) } }
    }

    private static func appendDecimal(_ value: UInt32, to bytes: inout [UInt8]) {
        if value < 10 {
            bytes.append(UInt8(ascii: "0") + UInt8(value))
        } else {
            bytes.append(contentsOf: String(value).utf8)
        }
    }
}
