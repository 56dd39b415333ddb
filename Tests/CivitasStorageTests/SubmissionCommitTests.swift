import CivitasCore
import CivitasStorage
import Crypto
import Foundation
import Testing

/// An upload stream hands the database every batch that arrived while the previous ones
/// were written, to share one commit. Sharing the commit must not share the fate: each
/// batch is still stored whole or refused whole, in order, with its own audit entry.
@Suite("Batches sharing one commit")
struct SubmissionCommitTests {
    static func points(_ keys: [String], value: Double = 42) -> SubmissionBatch {
        .feeds(keys.enumerated().map { index, key in
            let point = FeedPoint(key: key, metric: "aqi", source: "test", observedAt: EvaluationFixture.march(3), value: value, subcommand: nil)
            // The real content hash: the audit check re-hashes every stored record.
            let hash = Data(SHA256.hash(data: CanonicalContent.bytes(of: point)))
            return PreparedRecord(index: index, record: point, contentSHA256: hash, span: DaySpan(first: "2025-03-03", last: "2025-03-03"))
        })
    }

    @Test("a refused batch between two good ones: the good ones stored with consecutive sequences, nothing of the refused one")
    func eachBatchWholeOrNothing() async throws {
        try await withTenantDatabase { database in
            let at = EvaluationFixture.march(4)
            let outcomes = try await database.submit([
                SubmissionRequest(batch: Self.points(["a-1", "a-2"]), receivedAt: at, dryRun: false),
                // b-1 is new, but b-2 reuses a-1's key with other content: the batch is refused whole.
                SubmissionRequest(batch: Self.points(["b-1", "a-1"], value: 7), receivedAt: at, dryRun: false),
                SubmissionRequest(batch: Self.points(["c-1", "a-2"]), receivedAt: at, dryRun: false),
            ], principal: "cr-test")
            #expect(outcomes.map(\.stored) == [2, 1, 1])
            #expect(outcomes[1].problems.map(\.field) == ["key"] && outcomes[1].sequences == nil)
            #expect(outcomes[0].sequences == 1...2 && outcomes[2].sequences == 3...3)
            #expect(outcomes[2].repeated == 1)
            let stored = try await database.records(RecordQuery(channel: .feed, block: .everything)).records.compactMap(\.feedKey)
            #expect(stored.sorted() == ["a-1", "a-2", "c-1"])
            let audit = try await database.verifyAuditLog()
            #expect(audit.intact && audit.entries == 2 && audit.records == 3)
        }
    }

    @Test("a dry run among real batches stores nothing of itself and does not hold the others back")
    func dryRunAmongReal() async throws {
        try await withTenantDatabase { database in
            let at = EvaluationFixture.march(4)
            let outcomes = try await database.submit([
                SubmissionRequest(batch: Self.points(["d-1"]), receivedAt: at, dryRun: true),
                SubmissionRequest(batch: Self.points(["e-1"]), receivedAt: at, dryRun: false),
            ], principal: "cr-test")
            #expect(outcomes.map(\.stored) == [1, 1])
            let stored = try await database.records(RecordQuery(channel: .feed, block: .everything)).records.compactMap(\.feedKey)
            #expect(stored == ["e-1"])
        }
    }
}

extension StoredRecord {
    var feedKey: String? {
        if case .feed(let point) = content { point.key } else { nil }
    }
}
