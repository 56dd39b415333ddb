import CivitasCore
import CivitasTesting
import Foundation
import Synchronization
import Testing
@testable import Workers

/// The pool on its Dispatch workers, with the queue's clock injected: retries come due
/// when the test moves the clock, not after real backoff delays.
struct WorkerPoolTests {
    @Test func aFailingHandlerIsRetriedWithGrowingDelaysThenDiscardedWithEveryError() async throws {
        let fixture = try QueueFixture(retryPolicy: RetryPolicy(baseDelay: 15, maximumDelay: 3600, jitter: 0.25))
        defer { fixture.tearDown() }
        let pool = fixture.pool([ProbeJob()])
        pool.start()
        let job = try await fixture.queue.enqueue(NewJob(tenant: tenant("city-a"), kind: "probe", argumentsJSON: #"{"fail_times": 99}"#, maxAttempts: 5))

        var delays: [Double] = []
        for attempt in 1...5 {
            try await waitUntil("attempt \(attempt) has failed") {
                try await fixture.queue.job(job.id, tenant: tenant("city-a")).errors.count == attempt
            }
            let failed = try await fixture.queue.job(job.id, tenant: tenant("city-a"))
            guard attempt < 5 else { break }
            #expect(failed.state == .retrying)
            let delay = failed.runAt.timeIntervalSince(failed.errors[attempt - 1].at)
            delays.append(delay)
            // Not claimed again before the delay has passed…
            try await Task.sleep(for: .milliseconds(30))
            #expect(try await fixture.queue.job(job.id, tenant: tenant("city-a")).attempt == attempt)
            // …and claimed once it has.
            fixture.clock.advance(by: delay + 0.001)
            pool.wake()
        }
        await pool.shutdown(grace: .seconds(5))

        let discarded = try await fixture.queue.job(job.id, tenant: tenant("city-a"))
        #expect(discarded.state == .discarded)
        #expect(discarded.attempt == 5)
        #expect(discarded.errors.map(\.attempt) == [1, 2, 3, 4, 5])
        #expect(discarded.errors.allSatisfy { $0.message.contains("failed on purpose") })
        #expect(delays.count == 4)
        #expect(zip(delays, delays.dropFirst()).allSatisfy { $0 < $1 }, "delays grow: \(delays)")
        for (index, delay) in delays.enumerated() {
            let exponential = 15 * pow(2, Double(index))
            #expect(delay >= exponential && delay <= exponential * 1.25, "attempt \(index + 1) waited \(delay)s")
        }
        #expect(try fixture.queue.runCounts(job.id) == (completions: 0, probeStarts: 5))
    }

    /// With one worker only the round-robin turn order protects B; with the default
    /// configuration (two workers, at most one per tenant) the tenant limit does too.
    @Test(arguments: [(1, 1), (2, nil)] as [(Int, Int?)])
    func oneTenantsThousandJobsDoNotStarveAnother(workers: Int, perTenantLimit: Int?) async throws {
        let fixture = try QueueFixture()
        defer { fixture.tearDown() }
        let recorder = CompletionRecorder()
        let pool = fixture.pool([recorder], workers: workers, perTenantLimit: perTenantLimit)
        pool.start()
        try await fixture.queue.enqueue(batch: (0..<1000).map { _ in NewJob(tenant: tenant("tenant-a"), kind: "record") })
        try await fixture.queue.enqueue(batch: (0..<5).map { _ in NewJob(tenant: tenant("tenant-b"), kind: "record") })

        try await waitUntil("tenant A has finished 100 jobs") { recorder.finished.filter { $0 == "tenant-a" }.count >= 100 }
        await pool.shutdown(grace: .seconds(5))
        let order = recorder.finished
        let hundredthOfA = try #require(order.indices.filter { order[$0] == "tenant-a" }.dropFirst(99).first)
        let lastOfB = try #require(order.lastIndex(of: "tenant-b"))
        #expect(order.filter { $0 == "tenant-b" }.count == 5)
        #expect(lastOfB < hundredthOfA, "B's last job finished at position \(lastOfB), A's 100th at \(hundredthOfA)")
    }

    @Test func theTenantLimitCapsConcurrentJobsOfOneTenant() async throws {
        let fixture = try QueueFixture()
        defer { fixture.tearDown() }
        let gauge = ConcurrencyGauge()
        let pool = fixture.pool([gauge], workers: 4, perTenantLimit: 2)
        pool.start()
        try await fixture.queue.enqueue(batch: (0..<12).map { _ in NewJob(tenant: tenant("tenant-a"), kind: "gauge") })
        try await waitUntil("all twelve have run") {
            try await fixture.queue.jobs(JobQuery(tenant: tenant("tenant-a"), state: .succeeded)).jobs.count == 12
        }
        await pool.shutdown(grace: .seconds(5))
        #expect(gauge.maximum == 2)
    }

    @Test func shutdownLetsRunningJobsFinishWithinTheGracePeriod() async throws {
        let fixture = try QueueFixture()
        defer { fixture.tearDown() }
        let pool = fixture.pool([ProbeJob()])
        pool.start()
        let job = try await fixture.queue.enqueue(NewJob(tenant: tenant("city-a"), kind: "probe", argumentsJSON: #"{"seconds": 0.2}"#))
        try await waitUntil("the job runs") { try await fixture.queue.job(job.id, tenant: tenant("city-a")).state == .running }
        await pool.shutdown(grace: .seconds(10))
        let finished = try await fixture.queue.job(job.id, tenant: tenant("city-a"))
        #expect(finished.state == .succeeded && finished.attempt == 1)
        // Nothing is claimed after shutdown.
        let late = try await fixture.queue.enqueue(NewJob(tenant: tenant("city-a"), kind: "probe"))
        try await Task.sleep(for: .milliseconds(50))
        #expect(try await fixture.queue.job(late.id, tenant: tenant("city-a")).state == .available)
    }

    @Test func jobsOutlivingTheGracePeriodAreReleasedWithoutCountingAnAttempt() async throws {
        let fixture = try QueueFixture()
        defer { fixture.tearDown() }
        let pool = fixture.pool([ProbeJob()])
        pool.start()
        let job = try await fixture.queue.enqueue(NewJob(tenant: tenant("city-a"), kind: "probe", argumentsJSON: #"{"seconds": 60}"#))
        try await waitUntil("the job runs") { try await fixture.queue.job(job.id, tenant: tenant("city-a")).state == .running }
        await pool.shutdown(grace: .milliseconds(50))
        let released = try await fixture.queue.job(job.id, tenant: tenant("city-a"))
        #expect(released.state == .available)
        #expect(released.attempt == 0)
        #expect(released.errors.isEmpty)
        // The cancelled handler's ending is not recorded as anything.
        try await Task.sleep(for: .milliseconds(100))
        #expect(try await fixture.queue.job(job.id, tenant: tenant("city-a")).state == .available)
    }

    @Test func cancellingARunningJobStopsItsHandler() async throws {
        let fixture = try QueueFixture()
        defer { fixture.tearDown() }
        let pool = fixture.pool([ProbeJob()], heartbeat: 0.02)
        pool.start()
        let job = try await fixture.queue.enqueue(NewJob(tenant: tenant("city-a"), kind: "probe", argumentsJSON: #"{"seconds": 60}"#))
        try await waitUntil("the job runs") { try await fixture.queue.job(job.id, tenant: tenant("city-a")).state == .running }
        _ = try await fixture.queue.cancel(job.id, tenant: tenant("city-a"))
        try await waitUntil("the job is cancelled") { try await fixture.queue.job(job.id, tenant: tenant("city-a")).state == .cancelled }
        await pool.shutdown(grace: .seconds(5))
        #expect(try await fixture.queue.job(job.id, tenant: tenant("city-a")).errors.isEmpty)
    }

    @Test func probeProgressIsVisibleWhileItRuns() async throws {
        // Two seconds of running, so a poll on a loaded machine still catches it mid-way.
        let fixture = try QueueFixture()
        defer { fixture.tearDown() }
        let pool = fixture.pool([ProbeJob()])
        pool.start()
        let job = try await fixture.queue.enqueue(NewJob(tenant: tenant("city-a"), kind: "probe", argumentsJSON: #"{"seconds": 2}"#))
        try await waitUntil("progress is reported") {
            let current = try await fixture.queue.job(job.id, tenant: tenant("city-a"))
            return current.state == .running && current.progress > 0 && current.progressMessage.hasPrefix("step ")
        }
        try await waitUntil("the job succeeds") { try await fixture.queue.job(job.id, tenant: tenant("city-a")).state == .succeeded }
        await pool.shutdown(grace: .seconds(5))
        let done = try await fixture.queue.job(job.id, tenant: tenant("city-a"))
        #expect(done.progress == 1 && done.resultReference == "probe:\(job.id)")
    }
}

/// Records which tenant's job finished, in order.
final class CompletionRecorder: JobHandler {
    let kind = "record"
    private let order = Mutex<[String]>([])
    var finished: [String] { order.withLock { $0 } }

    func run(_ job: Job, context: JobContext) async throws -> JobResult {
        order.withLock { $0.append(job.tenant.rawValue) }
        return JobResult()
    }
}

/// Measures how many of its jobs run at once.
final class ConcurrencyGauge: JobHandler {
    let kind = "gauge"
    private let counts = Mutex((current: 0, maximum: 0))
    var maximum: Int { counts.withLock { $0.maximum } }

    func run(_ job: Job, context: JobContext) async throws -> JobResult {
        counts.withLock { $0.current += 1; $0.maximum = max($0.maximum, $0.current) }
        try await Task.sleep(for: .milliseconds(20))
        counts.withLock { $0.current -= 1 }
        return JobResult()
    }
}
