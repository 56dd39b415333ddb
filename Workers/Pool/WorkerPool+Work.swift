import CivitasCore
import Dispatch
import Foundation
import Logging
import Synchronization

extension WorkerPool {
    /// One worker: claim, run, record; wait for a wakeup when there is nothing to claim.
    func workLoop(_ index: Int) {
        defer { state.withLock { $0.activeWorkers -= 1 } }
        while state.withLock({ $0.phase == .running }) {
            let job: Job?
            do {
                job = try queue.claim(owner: owner, leaseDuration: configuration.leaseDuration, perTenantLimit: configuration.perTenantLimit)
            } catch {
                logger.error("Claiming a job failed", metadata: ["error": "\(error)"])
                job = nil
            }
            guard let job else {
                _ = wakeups[index].wait(timeout: .now() + configuration.pollInterval)
                continue
            }
            execute(job)
        }
    }

    private func execute(_ job: Job) {
        guard let rowID = Int64(job.id) else { return }
        let context = JobContext(job: job, rowID: rowID, owner: owner, queue: queue)
        let outcome = Mutex<Result<JobResult, any Error>?>(nil)
        let done = DispatchSemaphore(value: 0)
        let started = ContinuousClock.now
        let handler = handlers.handler(for: job.kind)
        let task = Task {
            do {
                guard let handler else {
                    throw CivitasError.failedPrecondition("No handler is registered for job kind \"\(job.kind)\" on this server.")
                }
                let result = try await handler.run(job, context: context)
                outcome.withLock { $0 = .success(result) }
            } catch {
                outcome.withLock { $0 = .failure(error) }
            }
            done.signal()
        }
        state.withLock { $0.running[rowID] = RunningAttempt(context: context, task: task) }
        done.wait()
        state.withLock { $0.running[rowID] = nil }
        let elapsed = ContinuousClock.now - started
        let nanoseconds = elapsed.components.seconds * 1_000_000_000 + elapsed.components.attoseconds / 1_000_000_000
        record(job, rowID: rowID, context: context, outcome: outcome.withLock { $0 }, nanoseconds: nanoseconds)
    }

    private func record(_ job: Job, rowID: Int64, context: JobContext, outcome: Result<JobResult, any Error>?, nanoseconds: Int64) {
        var meta: Logger.Metadata = ["job": "\(job.id)", "tenant": "\(job.tenant)", "kind": "\(job.kind)", "attempt": "\(job.attempt)"]
        do {
            switch outcome {
            case .success(let result):
                guard try queue.complete(rowID, owner: owner, resultReference: result.reference) else { return lostLease(meta) }
                metrics.recordAttempt(kind: job.kind, outcome: "succeeded", nanoseconds: nanoseconds)
                metrics.recordFinished(kind: job.kind, state: .succeeded)
                logger.debug("Job succeeded", metadata: meta)
            case .failure where context.isCancelled:
                guard try queue.finishCancelled(rowID, owner: owner) else { return lostLease(meta) }
                metrics.recordAttempt(kind: job.kind, outcome: "cancelled", nanoseconds: nanoseconds)
                metrics.recordFinished(kind: job.kind, state: .cancelled)
                logger.info("Job cancelled", metadata: meta)
            case .failure(let error):
                let message = (error as? CivitasError)?.message ?? String(describing: error)
                guard let decision = try queue.fail(rowID, owner: owner, message: message, random: Double.random(in: 0..<1)) else {
                    return lostLease(meta)
                }
                metrics.recordAttempt(kind: job.kind, outcome: "failed", nanoseconds: nanoseconds)
                meta["error"] = "\(message)"
                switch decision {
                case .retry(let delay):
                    metrics.recordRetry(kind: job.kind)
                    meta["retry_in_s"] = "\(Int(delay.rounded()))"
                    logger.warning("Job attempt failed; it will be retried", metadata: meta)
                case .discard:
                    metrics.recordFinished(kind: job.kind, state: .discarded)
                    logger.error("Job failed its last attempt and was discarded", metadata: meta)
                }
            case nil:
                return
            }
        } catch {
            meta["error"] = "\(error)"
            logger.error("Recording a job's outcome failed; it runs again once its lease expires", metadata: meta)
        }
    }

    private func lostLease(_ meta: Logger.Metadata) {
        logger.warning("A job's outcome was dropped: this worker no longer held its lease (expired, or released at shutdown)", metadata: meta)
    }
}
