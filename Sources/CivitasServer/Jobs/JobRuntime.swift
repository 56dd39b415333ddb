import CivitasCore
import Foundation
import Logging
import Synchronization
import Workers

/// The background side of civitasd: the queue in `<data>/jobs.sqlite`, the worker pool
/// and the scheduler. Started with the server and stopped in its graceful shutdown.
final class JobRuntime: Sendable {
    let queue: JobQueue
    let handlers: JobHandlerRegistry
    private let pool: WorkerPool
    private let scheduler: Scheduler
    private let configuration: JobsConfiguration
    private let shuttingDown = Mutex(false)
    private let logger: Logger

    /// - Parameter kinds: the server's job kinds besides the built-in ones (evaluation, …).
    init(
        path: String, fsyncEveryCommit: Bool, configuration: JobsConfiguration, kinds: [any JobHandler] = [],
        now: @escaping @Sendable () -> Date, logger: Logger
    ) throws {
        queue = try JobQueue(path: path, fsyncEveryCommit: fsyncEveryCommit, clock: now)
        var handlers = JobHandlerRegistry.builtIn
        for handler in kinds { handlers.register(handler) }
        self.handlers = handlers
        pool = WorkerPool(queue: queue, handlers: handlers, configuration: configuration.pool, logger: logger)
        scheduler = Scheduler(queue: queue, interval: configuration.schedulerTickSeconds, logger: logger)
        self.configuration = configuration
        self.logger = logger
    }

    func start() {
        pool.start()
        scheduler.start()
    }

    /// True from the start of the graceful shutdown: watches end so that serving can stop.
    var isShuttingDown: Bool { shuttingDown.withLock { $0 } }

    /// Stops claiming and firing; running jobs go on until ``finish()``.
    func beginShutdown() {
        shuttingDown.withLock { $0 = true }
        scheduler.stop()
        pool.beginShutdown()
    }

    /// Waits up to the grace period for running jobs, releases the rest, closes the queue.
    func finish() async {
        beginShutdown()
        await pool.shutdown(grace: .milliseconds(Int(configuration.shutdownGraceSeconds * 1000)))
        do { try queue.close() } catch { logger.error("Closing the job queue failed", metadata: ["error": "\(error)"]) }
    }

    /// Closes the queue of a daemon that never ran (`civitasd --init`).
    func closeWithoutStarting() {
        try? queue.close()
    }
}
