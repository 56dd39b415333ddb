import CivitasCore
import CivitasTesting
import Foundation
import GRDB
import Testing
@testable import Workers

/// The queue's transitions, driven directly (no pool): unique keys, leases, release,
/// cancellation and tenant isolation.
struct JobQueueTests {
    @Test func aUniqueKeyReturnsTheUnfinishedJobUntilItFinishes() async throws {
        let fixture = try QueueFixture()
        defer { fixture.tearDown() }
        let new = NewJob(tenant: tenant("city-a"), kind: "probe", uniqueKey: "reevaluate:2026-10")
        let first = try await fixture.queue.enqueue(new)
        let again = try await fixture.queue.enqueue(new)
        #expect(again.id == first.id)
        // Another tenant's key is its own.
        let otherTenant = try await fixture.queue.enqueue(NewJob(tenant: tenant("city-b"), kind: "probe", uniqueKey: "reevaluate:2026-10"))
        #expect(otherTenant.id != first.id)

        let claimed = try #require(try fixture.queue.claim(owner: "w", leaseDuration: 30, perTenantLimit: 10))
        #expect(try await fixture.queue.enqueue(new).id == first.id, "still unfinished while running")
        #expect(try fixture.queue.complete(Int64(claimed.id)!, owner: "w", resultReference: ""))
        let afterFinish = try await fixture.queue.enqueue(new)
        #expect(afterFinish.id != first.id, "a finished job no longer holds its key")
    }

    @Test func anExpiredLeaseIsClaimedAgainAndTheDeadWorkerCannotFinishIt() async throws {
        let fixture = try QueueFixture()
        defer { fixture.tearDown() }
        let job = try await fixture.queue.enqueue(NewJob(tenant: tenant("city-a"), kind: "probe"))
        let dead = try #require(try fixture.queue.claim(owner: "dead-worker", leaseDuration: 30, perTenantLimit: 10))
        #expect(dead.id == job.id && dead.attempt == 1)

        fixture.clock.advance(by: 20)
        #expect(try fixture.queue.claim(owner: "other", leaseDuration: 30, perTenantLimit: 10) == nil, "the lease still holds")
        fixture.clock.advance(by: 11)
        let reclaimed = try #require(try fixture.queue.claim(owner: "other", leaseDuration: 30, perTenantLimit: 10))
        #expect(reclaimed.id == job.id)
        #expect(reclaimed.attempt == 2)
        #expect(reclaimed.errors.map(\.attempt) == [1])
        #expect(reclaimed.errors.first?.message.contains("lease expired") == true)

        #expect(try fixture.queue.complete(Int64(job.id)!, owner: "dead-worker", resultReference: "") == false)
        #expect(try fixture.queue.complete(Int64(job.id)!, owner: "other", resultReference: "r") == true)
        #expect(try fixture.queue.runCounts(job.id).completions == 1)
    }

    @Test func aRenewedLeaseDoesNotExpire() async throws {
        let fixture = try QueueFixture()
        defer { fixture.tearDown() }
        let job = try await fixture.queue.enqueue(NewJob(tenant: tenant("city-a"), kind: "probe"))
        _ = try fixture.queue.claim(owner: "alive", leaseDuration: 30, perTenantLimit: 10)
        for _ in 0..<10 {
            fixture.clock.advance(by: 10)
            let (_, lost) = try fixture.queue.renewLeases(owner: "alive", ids: [Int64(job.id)!], leaseDuration: 30)
            #expect(lost.isEmpty)
            #expect(try fixture.queue.claim(owner: "thief", leaseDuration: 30, perTenantLimit: 10) == nil)
        }
    }

    @Test func releaseGivesTheAttemptBack() async throws {
        let fixture = try QueueFixture()
        defer { fixture.tearDown() }
        let job = try await fixture.queue.enqueue(NewJob(tenant: tenant("city-a"), kind: "probe"))
        _ = try fixture.queue.claim(owner: "stopping", leaseDuration: 30, perTenantLimit: 10)
        #expect(try fixture.queue.release(owner: "stopping") == 1)
        let released = try await fixture.queue.job(job.id, tenant: tenant("city-a"))
        #expect(released.state == .available && released.attempt == 0 && released.errors.isEmpty)
    }

    @Test func cancellingWaitingRunningAndFinishedJobs() async throws {
        let fixture = try QueueFixture()
        defer { fixture.tearDown() }
        let waiting = try await fixture.queue.enqueue(NewJob(tenant: tenant("city-a"), kind: "probe", runAt: fixture.clock.now.addingTimeInterval(3600)))
        #expect(try await fixture.queue.cancel(waiting.id, tenant: tenant("city-a")).state == .cancelled)

        let running = try await fixture.queue.enqueue(NewJob(tenant: tenant("city-a"), kind: "probe"))
        _ = try fixture.queue.claim(owner: "w", leaseDuration: 30, perTenantLimit: 10)
        let asked = try await fixture.queue.cancel(running.id, tenant: tenant("city-a"))
        #expect(asked.state == .running && asked.cancelRequested)
        let (cancelRequested, _) = try fixture.queue.renewLeases(owner: "w", ids: [Int64(running.id)!], leaseDuration: 30)
        #expect(cancelRequested == [Int64(running.id)!])

        await #expect(throws: CivitasError.failedPrecondition("Job \(waiting.id) cannot be cancelled. The job has already finished (cancelled); there is nothing to cancel.")) {
            try await fixture.queue.cancel(waiting.id, tenant: tenant("city-a"))
        }
    }

    @Test func anotherTenantsJobDoesNotExistForYou() async throws {
        let fixture = try QueueFixture()
        defer { fixture.tearDown() }
        let job = try await fixture.queue.enqueue(NewJob(tenant: tenant("city-a"), kind: "probe"))
        await #expect(throws: CivitasError.notFound("Tenant city-b has no job \(job.id).")) {
            try await fixture.queue.job(job.id, tenant: tenant("city-b"))
        }
        await #expect(throws: CivitasError.notFound("Tenant city-b has no job \(job.id).")) {
            try await fixture.queue.cancel(job.id, tenant: tenant("city-b"))
        }
        #expect(try await fixture.queue.jobs(JobQuery(tenant: tenant("city-b"))).jobs.isEmpty)
    }

    @Test func listingsArePagedAndFiltered() async throws {
        let fixture = try QueueFixture()
        defer { fixture.tearDown() }
        try await fixture.queue.enqueue(batch: (0..<25).map { i in NewJob(tenant: tenant("city-a"), kind: i % 5 == 0 ? "other" : "probe") })
        var seen: [String] = []
        var after: String?
        repeat {
            let page = try await fixture.queue.jobs(JobQuery(tenant: tenant("city-a"), kind: "probe", after: after, limit: 7))
            seen += page.jobs.map(\.id)
            after = page.nextAfter
        } while after != nil
        #expect(seen.count == 20 && Set(seen).count == 20)
        #expect(try await fixture.queue.jobs(JobQuery(tenant: tenant("city-a"), state: .running)).jobs.isEmpty)
    }

    @Test func aFileWithUnknownMigrationsIsRefused() throws {
        let fixture = try QueueFixture()
        defer { fixture.tearDown() }
        try fixture.queue.database.write { db in
            try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99: from the future')")
        }
        #expect {
            try fixture.secondQueue()
        } throws: { error in
            (error as? CivitasError)?.message.contains("written by a newer Civitas") == true
        }
    }
}
