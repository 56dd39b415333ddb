import CivitasCore
import CivitasProtos
import CivitasStorage
import Crypto
import Foundation
import SwiftProtobuf

/// Takes one batch of one channel through the door in two steps: `materials`, `surveys`
/// … validate every record (listing every problem) and hash the valid ones' canonical
/// content; ``store(_:)`` hands a valid batch to the tenant's database, which stores it
/// whole or not at all. Two steps, so that an upload stream checks its next batch while
/// the previous one is being written.
struct SubmissionIntake: Sendable {
    /// More records than this in one message is refused: split the upload.
    static let maximumBatch = 10_000

    let database: TenantDatabase
    private(set) var validator: SubmissionValidator
    let calendar: Calendar
    /// Local days of record times, cached for the whole upload.
    let days: LocalDays
    let principal: Principal
    private(set) var receivedAt: Date

    init(database: TenantDatabase, validator: SubmissionValidator, calendar: Calendar, principal: Principal, receivedAt: Date) {
        self.database = database
        self.validator = validator
        self.calendar = calendar
        days = LocalDays(calendar: calendar)
        self.principal = principal
        self.receivedAt = receivedAt
    }

    /// A long upload takes each batch's receive time (and "now" for future checks) anew.
    mutating func restamp(_ now: Date) {
        receivedAt = now
        validator.now = now
    }

    static func sha256Hex(_ data: Data) -> String {
        SHA256.hash(data: data).hexString
    }

    func materials(_ messages: [Civitas_V1_MaterialReport], batch: Int, dryRun: Bool) throws -> CheckedBatch {
        try checkBatch(messages.map(MaterialReport.init), batch: batch, dryRun: dryRun, key: \.key) { report in
            let (problems, period) = validator.check(report)
            return (problems, period, CanonicalContent.bytes(of: report), period.map(span))
        } wrap: { .materials($0) }
    }

    func inspections(_ messages: [Civitas_V1_InspectionRecord], batch: Int, dryRun: Bool) throws -> CheckedBatch {
        try checkBatch(messages.map(InspectionRecord.init), batch: batch, dryRun: dryRun, key: \.key) { record in
            (validator.check(record), nil, CanonicalContent.bytes(of: record), Self.span(days.day(of: record.observedAt)))
        } wrap: { .inspections($0) }
    }

    func surveys(_ responses: [SurveyResponse], batch: Int, dryRun: Bool) throws -> CheckedBatch {
        try checkBatch(responses, batch: batch, dryRun: dryRun, key: \.key) { response in
            (validator.check(response), nil, CanonicalContent.bytes(of: response), Self.span(days.day(of: response.submittedAt)))
        } wrap: { .surveys($0) }
    }

    func feeds(_ messages: [Civitas_V1_FeedPoint], batch: Int, dryRun: Bool) throws -> CheckedBatch {
        try checkBatch(messages.map(FeedPoint.init), batch: batch, dryRun: dryRun, key: \.key) { point in
            (validator.check(point), nil, CanonicalContent.bytes(of: point), Self.span(days.day(of: point.observedAt)))
        } wrap: { .feeds($0) }
    }

    private static func span(_ day: String) -> DaySpan {
        DaySpan(first: day, last: day)
    }

    private func span(_ period: Period) -> DaySpan {
        DaySpan(first: calendar.localDay(period.start), last: calendar.localDay(period.end.addingTimeInterval(-0.001)))
    }

    private func checkBatch<Record: Sendable>(
        _ records: [Record], batch: Int, dryRun: Bool, key: KeyPath<Record, String>,
        check: (Record) -> (problems: SubmissionValidator.Problems, period: Period?, canonical: [UInt8], span: DaySpan?),
        wrap: ([PreparedRecord<Record>]) -> SubmissionBatch
    ) throws -> CheckedBatch {
        guard records.count <= Self.maximumBatch else {
            throw CivitasError.invalidArgument(
                "Batch \(batch) holds \(records.count) records; send at most \(Self.maximumBatch) per message."
            )
        }
        var prepared: [PreparedRecord<Record>] = []
        prepared.reserveCapacity(records.count)
        var problems: [RecordProblem] = []
        for (index, record) in records.enumerated() {
            let checked = check(record)
            if checked.problems.isEmpty, let span = checked.span {
                prepared.append(PreparedRecord(
                    index: index, record: record, contentSHA256: Data(SHA256.hash(data: checked.canonical)), span: span, period: checked.period
                ))
            } else {
                problems += checked.problems.map { RecordProblem(index: index, record: record[keyPath: key], field: $0.field, reason: $0.reason) }
            }
        }
        // A batch with any invalid record is refused before it reaches the database.
        let content: CheckedBatch.Content = problems.isEmpty ? .valid(wrap(prepared)) : .refused(problems)
        return CheckedBatch(number: batch, records: records.count, dryRun: dryRun, receivedAt: receivedAt, content: content)
    }

    /// Stores a checked batch (a refused one reaches no database) and returns once durable.
    func store(_ checked: CheckedBatch) async throws -> IntakeResult {
        try await store([checked])[0]
    }

    /// Stores checked batches in order, each whole or not at all, in one commit.
    func store(_ batches: [CheckedBatch]) async throws -> [IntakeResult] {
        var requests: [SubmissionRequest] = []
        for checked in batches {
            if case .valid(let batch) = checked.content {
                requests.append(SubmissionRequest(batch: batch, receivedAt: checked.receivedAt, dryRun: checked.dryRun))
            }
        }
        var stored = requests.isEmpty ? [] : try await database.submit(requests, principal: principal.credentialID)[...]
        return batches.map { checked in
            var outcome = Civitas_V1_BatchOutcome()
            outcome.batch = UInt32(checked.number)
            guard case .valid = checked.content else {
                if case .refused(let problems) = checked.content { outcome.errors = problems.map(Civitas_V1_RecordError.init) }
                return IntakeResult(outcome: outcome, lastSequence: nil)
            }
            let result = stored.removeFirst()
            outcome.stored = result.problems.isEmpty ? UInt32(result.stored) : 0
            outcome.repeated = UInt32(result.repeated)
            outcome.errors = result.problems.map(Civitas_V1_RecordError.init)
            return IntakeResult(outcome: outcome, lastSequence: checked.dryRun ? nil : result.sequences?.upperBound)
        }
    }
}

/// A batch after the door's checks: every record valid and hashed, or the problems that
/// refuse it whole.
struct CheckedBatch: Sendable {
    enum Content: Sendable {
        case valid(SubmissionBatch)
        case refused([RecordProblem])
    }

    var number: Int
    var records: Int
    var dryRun: Bool
    var receivedAt: Date
    var content: Content
}

/// One batch's outcome, and the highest sequence it stored (nil when it stored nothing).
struct IntakeResult: Sendable {
    var outcome: Civitas_V1_BatchOutcome
    var lastSequence: Int64?
}
