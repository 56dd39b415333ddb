import CivitasCore
import CivitasStorage
import Foundation
import Testing

/// Stored evaluation results: round trip, "latest", stale detection, the previous result
/// a gap analysis compares with, and what the re-evaluation hook finds.
@Suite("Evaluation result storage")
struct EvaluationResultStorageTests {
    typealias Fixture = EvaluationFixture

    /// A tenant with sc-1/u-1 and the two-leaf framework published as v1.
    private func withPublished(_ body: (TenantDatabase) async throws -> Void) async throws {
        try await withTenantDatabase { database in
            try await Fixture.organize(database)
            _ = try await database.publishFramework(Fixture.candidate(Fixture.framework(), sha: "sha-1"), principal: "cr-hq", now: date(0), dryRun: false)
            try await body(database)
        }
    }

    private func store(_ database: TenantDatabase, _ outcome: EvaluationOutcome, job: String = "1") async throws -> String {
        try await database.storeResult(
            outcome, period: try Fixture.period(outcome.period), tenantTimeZone: Fixture.shanghai, jobID: job, computedAt: date(100)
        )
    }

    @Test("a result reads back with its canonical bytes, outcome and columns")
    func roundTrip() async throws {
        try await withPublished { database in
            let outcome = Fixture.outcome(cutoff: 0)
            let id = try await store(database, outcome, job: "42")
            let stored = try #require(try await database.result(id: id))
            #expect(stored.outcome == outcome)
            #expect(stored.canonical == outcome.canonicalJSON())
            let summary = stored.summary
            #expect(summary.framework == "test-city" && summary.frameworkVersion == 1 && summary.frameworkSHA256 == "sha-1")
            #expect(summary.period == "2025-03" && summary.scope == .city && summary.cutoff == 0)
            #expect(summary.earned == 1.5 && summary.maxPoints == 4 && summary.eligible == false)
            #expect(summary.jobID == "42" && summary.computedAt == date(100) && !summary.stale)
            // 2025-03 in Shanghai: 2025-02-28T16:00Z … 2025-03-31T16:00Z.
            #expect(summary.periodStart == Date(timeIntervalSince1970: 1_740_758_400))
            #expect(summary.periodEnd == Date(timeIntervalSince1970: 1_743_436_800))
            let sub = try await store(database, Fixture.outcome(scope: .subcommand("sc-1"), cutoff: 0))
            #expect(try await database.result(id: sub)?.summary.eligible == nil)
            #expect(try await database.result(id: "er-missing") == nil)
        }
    }

    @Test("latest is the highest cut-off, then the last stored; storing identical bytes again returns the same id")
    func latestAndIdempotence() async throws {
        try await withPublished { database in
            let newer = try await store(database, Fixture.outcome(cutoff: 5, earned: 2))
            _ = try await store(database, Fixture.outcome(cutoff: 3, earned: 1))  // a slow job finishing late
            #expect(try await database.latestResult(framework: "test-city", period: "2025-03", scope: .city)?.summary.id == newer)
            let again = try await store(database, Fixture.outcome(cutoff: 5, earned: 2), job: "2")
            #expect(again == newer, "a retried job adds nothing")
            let page = try await database.results(EvaluationResultQuery(framework: "test-city"))
            #expect(page.results.count == 2)
            #expect(try await database.latestResult(framework: "test-city", period: "2025-03", scope: .subcommand("sc-1")) == nil)
        }
    }

    @Test("a result is stale once a record lands in its period after its cut-off, not for a record of another period")
    func staleness() async throws {
        try await withPublished { database in
            let first = try await Fixture.submitAQI(database, key: "k1", at: Fixture.march(3), value: 50)
            let id = try await store(database, Fixture.outcome(cutoff: first))
            #expect(try await database.result(id: id)?.summary.stale == false)
            #expect(try await database.staleLatestResults(landedThrough: first).isEmpty)

            // April 1st, 00:30 in Shanghai is still March 31st in UTC: the tenant's local day decides.
            let april = Calendar.gregorian(in: Fixture.shanghai).date(from: DateComponents(year: 2025, month: 4, day: 1, hour: 0, minute: 30))!
            let other = try await Fixture.submitAQI(database, key: "k2", at: april, value: 50)
            #expect(try await database.result(id: id)?.summary.stale == false)
            #expect(try await database.staleLatestResults(landedThrough: other).isEmpty)

            let late = try await Fixture.submitAQI(database, key: "k3", at: Fixture.march(31), value: 60)
            #expect(try await database.result(id: id)?.summary.stale == true)
            #expect(
                try await database.staleLatestResults(landedThrough: late)
                    == [StaleEvaluation(framework: "test-city", frameworkVersion: 1, period: "2025-03", scope: .city)]
            )
            // A result that includes the late record is the latest, and fresh.
            let fresh = try await store(database, Fixture.outcome(cutoff: late))
            #expect(try await database.result(id: fresh)?.summary.stale == false)
            #expect(try await database.staleLatestResults(landedThrough: late).isEmpty)
        }
    }

    @Test("the previous result is the latest one of the same framework and scope for the earlier period ending last")
    func previousResult() async throws {
        try await withPublished { database in
            let january = try await store(database, Fixture.outcome(period: "2025-01", cutoff: 0))
            let februaryOld = try await store(database, Fixture.outcome(period: "2025-02", cutoff: 0, earned: 1))
            let february = try await store(database, Fixture.outcome(period: "2025-02", cutoff: 0, earned: 2))
            _ = try await store(database, Fixture.outcome(period: "2025-02", scope: .subcommand("sc-1"), cutoff: 0))
            // Overlaps March: not an earlier period.
            _ = try await store(database, Fixture.outcome(period: "2025-02-15..2025-03-15", cutoff: 0))
            let march = try #require(try await database.result(id: try await store(database, Fixture.outcome(period: "2025-03", cutoff: 0))))

            #expect(try await database.previousResult(before: march.summary)?.summary.id == february)
            #expect(february != februaryOld)
            let januaryResult = try #require(try await database.result(id: january))
            #expect(try await database.previousResult(before: januaryResult.summary) == nil)
        }
    }

    @Test("listing pages newest first and filters by scope")
    func listing() async throws {
        try await withPublished { database in
            var ids: [String] = []
            for cutoff in 0..<5 { ids.append(try await store(database, Fixture.outcome(cutoff: Int64(cutoff)))) }
            let sub = try await store(database, Fixture.outcome(scope: .subcommand("sc-1"), cutoff: 0))
            var query = EvaluationResultQuery(framework: "test-city", period: "2025-03", scopes: [.city])
            query.limit = 2
            var seen: [String] = []
            while true {
                let page = try await database.results(query)
                seen += page.results.map(\.id)
                guard let next = page.nextAfter else { break }
                query.after = next
            }
            #expect(seen == ids.reversed())
            let own = try await database.results(EvaluationResultQuery(scopes: [.subcommand("sc-1")]))
            #expect(own.results.map(\.id) == [sub])
        }
    }
}
