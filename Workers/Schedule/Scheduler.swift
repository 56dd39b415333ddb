import Dispatch
import Foundation
import Logging

/// Fires due schedules every `interval` seconds on a Dispatch queue, until stopped.
/// Cron has minute resolution, so a tick every few seconds runs each occurrence within
/// seconds of its time; the work per tick is one indexed query when nothing is due.
public final class Scheduler: Sendable {
    private let queue: JobQueue
    private let interval: Double
    private let logger: Logger
    private let stopSignal = DispatchSemaphore(value: 0)

    public init(queue: JobQueue, interval: Double = 5, logger: Logger) {
        self.queue = queue
        self.interval = interval
        self.logger = logger
    }

    public func start() {
        DispatchQueue(label: "civitas.scheduler", qos: .utility).async {
            repeat {
                self.tick()
            } while self.stopSignal.wait(timeout: .now() + self.interval) == .timedOut
        }
    }

    public func stop() { stopSignal.signal() }

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
