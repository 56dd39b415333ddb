import CivitasCore
import Dispatch
import Foundation
import Logging
import Synchronization

extension WorkerPool {
    /// Every ``WorkerPoolConfiguration/heartbeatInterval``: renew the leases of the jobs
    /// this pool runs (in one transaction), pass cancel requests on to their handlers,
    /// and update the queue-depth gauges.
    func scheduleHeartbeat() {
        heartbeatQueue.asyncAfter(deadline: .now() + configuration.heartbeatInterval) {
            guard self.state.withLock({ $0.phase != .stopped }) else { return }
            self.beat()
            self.scheduleHeartbeat()
        }
    }

    func beat() {
        let running = state.withLock { $0.running }
        do {
            let (cancelRequested, lost) = try queue.renewLeases(
                owner: owner, ids: Array(running.keys), leaseDuration: configuration.leaseDuration
            )
            for id in cancelRequested {
                running[id]?.context.markCancelled()
                running[id]?.task.cancel()
            }
            let stillRunning = state.withLock { $0.running }
            for id in lost where stillRunning[id] != nil {
                logger.warning("A running job's lease was lost (it expired before this heartbeat); stopping its handler", metadata: ["job": "\(id)"])
                running[id]?.task.cancel()
            }
            metrics.recordDepth(try queue.depthByState())
        } catch {
            logger.error("Renewing job leases failed", metadata: ["error": "\(error)"])
        }
    }
}
