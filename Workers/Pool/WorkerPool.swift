import CivitasCore
import Dispatch
import Foundation
import Logging
import Synchronization

/// A fixed number of workers, each a serial Dispatch queue that claims one job at a
/// time (one short write transaction), starts its handler and, when the handler ends,
/// records the outcome and claims the next. A heartbeat renews the leases of the jobs
/// this pool runs and carries cancel requests to them.
///
/// No Dispatch thread is ever parked: an idle worker comes back after the poll interval
/// (or at once when woken) through `asyncAfter`, and a running handler is a task whose
/// end schedules the worker's next step. Many servers in one process (the tests) thus
/// cannot exhaust Dispatch's thread pool, which GRDB's connections also need.
public final class WorkerPool: Sendable {
    public let configuration: WorkerPoolConfiguration
    /// Names this pool in leases: unique per process start.
    public let owner: String
    let queue: JobQueue
    let handlers: JobHandlerRegistry
    let logger: Logger
    let metrics: JobMetrics
    let state = Mutex(State())
    let workerQueues: [DispatchQueue]
    let heartbeatQueue = DispatchQueue(label: "civitas.worker.heartbeat", qos: .utility)

    struct State {
        enum Phase { case notStarted, running, draining, stopped }
        /// What one worker is doing. An idle worker's `generation` tells a stale wakeup
        /// (a poll scheduled before it was woken) from the current one.
        enum Worker { case idle(generation: Int), busy, exited }
        var phase = Phase.notStarted
        var workers: [Worker] = []
        var running: [Int64: RunningAttempt] = [:]
        var activeWorkers: Int { workers.filter { if case .exited = $0 { false } else { true } }.count }
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
        workerQueues = (0..<configuration.workers).map { DispatchQueue(label: "civitas.worker.\($0)", qos: .utility) }
        queue.onEnqueue { [weak self] in self?.wake() }
    }

    /// Starts the workers and the heartbeat.
    public func start() {
        let started = state.withLock { state -> Bool in
            guard state.phase == .notStarted else { return false }
            state.phase = .running
            state.workers = Array(repeating: .busy, count: configuration.workers)
            return true
        }
        guard started else { return }
        for index in workerQueues.indices { workerQueues[index].async { self.step(index) } }
        scheduleHeartbeat()
        logger.info("Worker pool started", metadata: ["workers": "\(configuration.workers)", "owner": "\(owner)"])
    }

    /// Tells idle workers that work may be available.
    public func wake() {
        let woken = state.withLock { state -> [Int] in
            var woken: [Int] = []
            for index in state.workers.indices {
                if case .idle = state.workers[index] {
                    state.workers[index] = .busy
                    woken.append(index)
                }
            }
            return woken
        }
        for index in woken { workerQueues[index].async { self.step(index) } }
    }

    /// Stops claiming new jobs; running ones go on.
    public func beginShutdown() {
        let changed = state.withLock { state -> Bool in
            guard state.phase == .running || state.phase == .notStarted else { return false }
            state.phase = state.phase == .notStarted ? .stopped : .draining
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
