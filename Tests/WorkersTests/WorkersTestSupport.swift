import CivitasCore
import CivitasTesting
import Foundation
import Logging
import Testing
@testable import Workers

/// A queue in a temporary directory, on a clock the test moves by hand.
struct QueueFixture {
    let directory: TemporaryDirectory
    let clock = TestClock()
    let queue: JobQueue

    init(retryPolicy: RetryPolicy = RetryPolicy()) throws {
        directory = try TemporaryDirectory(prefix: "workers-test")
        let clock = clock
        queue = try JobQueue(path: directory.url.appendingPathComponent("jobs.sqlite").path, fsyncEveryCommit: false, retryPolicy: retryPolicy, clock: { clock.now })
    }

    /// A second connection to the same file, as another server would have.
    func secondQueue() throws -> JobQueue {
        let clock = clock
        return try JobQueue(path: directory.url.appendingPathComponent("jobs.sqlite").path, fsyncEveryCommit: false, clock: { clock.now })
    }

    func pool(
        _ handlers: [any JobHandler], workers: Int = 2, perTenantLimit: Int? = nil, heartbeat: Double = 0.05
    ) -> WorkerPool {
        WorkerPool(
            queue: queue, handlers: JobHandlerRegistry(handlers),
            configuration: WorkerPoolConfiguration(workers: workers, perTenantLimit: perTenantLimit, leaseDuration: 30, heartbeatInterval: heartbeat, pollInterval: 0.01),
            logger: Logger(label: "workers-test", factory: { _ in SwiftLogNoOpLogHandler() })
        )
    }

    func tearDown() {
        try? queue.close()
        directory.remove()
    }
}

func tenant(_ name: String) -> TenantID { try! TenantID(name) }

/// Waits (polling, bounded) until `condition` holds: how tests wait for worker threads.
func waitUntil(
    _ what: String, timeout: Duration = .seconds(20), sourceLocation: SourceLocation = #_sourceLocation,
    _ condition: () async throws -> Bool
) async throws {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if try await condition() { return }
        try await Task.sleep(for: .milliseconds(5))
    }
    Issue.record("Timed out waiting until \(what)", sourceLocation: sourceLocation)
    throw CancellationError()
}
