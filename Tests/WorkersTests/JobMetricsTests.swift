import CivitasCore
import CivitasTesting
import Foundation
import Logging
import MetricsTestKit
import Testing
@testable import Workers

/// The pool reports queue depth per state, attempt durations and retries through
/// swift-metrics (a test factory here, instead of the process-wide one).
struct JobMetricsTests {
    @Test func retriesDurationsFinishesAndDepthAreRecorded() async throws {
        let fixture = try QueueFixture(retryPolicy: RetryPolicy(baseDelay: 1, maximumDelay: 1, jitter: 0))
        defer { fixture.tearDown() }
        let metrics = TestMetrics()
        let pool = WorkerPool(
            queue: fixture.queue, handlers: .builtIn,
            configuration: WorkerPoolConfiguration(workers: 2, leaseDuration: 30, heartbeatInterval: 0.02, pollInterval: 0.01),
            metrics: JobMetrics(factory: metrics), logger: Logger(label: "metrics-test", factory: { _ in SwiftLogNoOpLogHandler() })
        )
        pool.start()
        let flaky = try await fixture.queue.enqueue(NewJob(tenant: tenant("city-a"), kind: "probe", argumentsJSON: #"{"fail_times": 1}"#))
        // Not "state == retrying": the clock runs on in real time, so the retry may already have run.
        try await waitUntil("the first attempt failed") { try await !fixture.queue.job(flaky.id, tenant: tenant("city-a")).errors.isEmpty }
        fixture.clock.advance(by: 2)
        pool.wake()
        try await waitUntil("the retry succeeded") { try await fixture.queue.job(flaky.id, tenant: tenant("city-a")).state == .succeeded }
        try await waitUntil("a heartbeat recorded the depth") {
            (try? metrics.expectGauge("civitas_jobs", [("state", "succeeded")]).lastValue) == 1
        }
        await pool.shutdown(grace: .seconds(5))

        #expect(try metrics.expectCounter("civitas_job_retries_total", [("kind", "probe")]).totalValue == 1)
        #expect(try metrics.expectCounter("civitas_jobs_finished_total", [("kind", "probe"), ("state", "succeeded")]).totalValue == 1)
        #expect(try metrics.expectTimer("civitas_job_duration", [("kind", "probe"), ("outcome", "failed")]).values.count == 1)
        #expect(try metrics.expectTimer("civitas_job_duration", [("kind", "probe"), ("outcome", "succeeded")]).values.count == 1)
        #expect(try metrics.expectGauge("civitas_jobs", [("state", "running")]).lastValue == 0)
    }
}
