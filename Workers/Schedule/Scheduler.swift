import Dispatch
import Foundation
import Logging
import Synchronization

/// Fires due schedules every `interval` seconds on a Dispatch queue, until stopped.
/// Cron has minute resolution, so a tick every few seconds runs each occurrence within
/// seconds of its time; the work per tick is one indexed query when nothing is due.
public final class Scheduler: Sendable {
    private let queue: JobQueue
    private let interval: Double
    private let logger: Logger
    private let stopped = Mutex(false)
    private let dispatchQueue = DispatchQueue(label: "civitas.scheduler", qos: .utility)

    public init(queue: JobQueue, interval: Double = 5, logger: Logger) {
        self.queue = queue
        self.interval = interval
        self.logger = logger
    }

    /// Ticks now (a restart catches up at once) and then every `interval`, without
    /// holding a thread in between.
    public func start() {
        dispatchQueue.async { self.tickAndReschedule() }
    }

    public func stop() { stopped.withLock { $0 = true } }

    private func tickAndReschedule() {
        guard !stopped.withLock({ $0 }) else { return }
        tick()
        dispatchQueue.asyncAfter(deadline: .now() + interval) { self.tickAndReschedule() }
    }

    private func tick() {
        do {
            let fired = try queue.fireDueSchedules()
            for job in fired {
                logger.info("Schedule fired", metadata: ["tenant": "\(job.tenant)", "job": "\(job.id)", "kind": "\(job.kind)"])
            }
        } catch {
            logger.error("Firing due schedules failed; retrying at the next tick", metadata: ["error": "\(error)"])
        }
    }
}
