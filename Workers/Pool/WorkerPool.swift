import CivitasCore
import Dispatch
import Foundation
import Logging
import Synchronization

/// A fixed number of workers, each a serial Dispatch queue that claims one job at a
/// time (one short write transaction), runs its handler and records the outcome. A
/// heartbeat timer renews the leases of the jobs this pool runs and carries cancel
/// requests to them.
///
/// The handlers are `async`: a worker starts the attempt as a task and blocks its own
/// Dispatch thread until it ends, so the pool never runs more attempts than it has
/// workers, and database calls of the queue (synchronous GRDB) stay off the Swift
/// concurrency pool.
public final class WorkerPool: Sendable {
    public let configuration: WorkerPoolConfiguration
    /// Names this pool in leases: unique per process start.
    public let owner: String
    let queue: JobQueue
    let handlers: JobHandlerRegistry
    let logger: Logger
    let metrics: JobMetrics
    let state = Mutex(State())
    /// One per worker: signalled when work may be available, or to stop waiting.
    let wakeups: [DispatchSemaphore]
    /// Signalled once, at shutdown, to end the heartbeat loop.
    let heartbeatStop = DispatchSemaphore(value: 0)

    struct State {
        enum Phase { case notStarted, running, draining, stopped }
        var phase = Phase.notStarted
        var running: [Int64: RunningAttempt] = [:]
        var activeWorkers = 0
    }

    struct RunningAttempt {
        let context: JobContext
        let task: Task<Void, Never>
    }

    public init(
        queue: JobQueue, handlers: JobHandlerRegistry = .builtIn, configuration: WorkerPoolConfiguration = .init(),
        metrics: JobMetrics = JobMetrics(), logger: Logger
    ) {
        self.queue = queue
        self.handlers = handlers
        self.configuration = configuration
        self.metrics = metrics
        self.logger = logger
        owner = "pool-\(UUID().uuidString.lowercased())"
        wakeups = (0..<configuration.workers).map { _ in DispatchSemaphore(value: 0) }
        queue.onEnqueue { [weak self] in self?.wake() }
    }

    /// Starts the workers and the heartbeat.
    public func start() {
        let started = state.withLock { state -> Bool in
            guard state.phase == .notStarted else { return false }
            state.phase = .running
            state.activeWorkers = configuration.workers
            return true
        }
        guard started else { return }
        for index in 0..<configuration.workers {
            DispatchQueue(label: "civitas.worker.\(index)", qos: .utility).async { self.workLoop(index) }
        }
        startHeartbeat()
        logger.info("Worker pool started", metadata: ["workers": "\(configuration.workers)", "owner": "\(owner)"])
    }

    /// Tells idle workers that work may be available.
    public func wake() {
        for wakeup in wakeups { wakeup.signal() }
    }

    /// Stops claiming new jobs; running ones go on.
    public func beginShutdown() {
        let changed = state.withLock { state -> Bool in
            guard state.phase == .running || state.phase == .notStarted else { return false }
            state.phase = state.activeWorkers == 0 ? .stopped : .draining
            return true
        }
        if changed { wake() }
    }

    /// Graceful shutdown: stops claiming, lets running jobs finish for up to `grace`,
    /// then releases the leases of those still running — back to `available`, their
    /// attempt not counted — and cancels their handlers.
    public func shutdown(grace: Duration) async {
        beginShutdown()
        let deadline = ContinuousClock.now + grace
        while ContinuousClock.now < deadline, state.withLock({ $0.activeWorkers > 0 }) {
            try? await Task.sleep(for: .milliseconds(10))
        }
        let leftovers = state.withLock { state -> [RunningAttempt] in
            state.phase = .stopped
            return Array(state.running.values)
        }
        heartbeatStop.signal()
        guard !leftovers.isEmpty else {
            logger.info("Worker pool stopped; no job was running")
            return
        }
        do {
            // Release first, so that whatever the cancelled handlers do next is refused.
            let released = try queue.release(owner: owner)
            logger.notice("Worker pool stopped; released jobs still running after the grace period", metadata: ["released": "\(released)"])
        } catch {
            logger.error("Releasing running jobs at shutdown failed; they become claimable when their leases expire", metadata: ["error": "\(error)"])
        }
        for attempt in leftovers { attempt.task.cancel() }
    }

    /// The ids of the jobs this pool runs right now.
    public var runningJobIDs: [String] { state.withLock { $0.running.keys.sorted().map(String.init) } }
}
