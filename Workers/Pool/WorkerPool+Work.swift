import CivitasCore
import Dispatch
import Foundation
import Logging
import Synchronization

extension WorkerPool {
    /// One step of worker `index`, on its queue: claim a job and start it, or go idle
    /// until woken or the poll interval passes. Leaves the worker `busy` while a job runs;
    /// the job's end schedules the next step.
    func step(_ index: Int) {
        guard state.withLock({ $0.phase == .running }) else { return exit(index) }
        let job: Job?
        do {
            job = try queue.claim(owner: owner, leaseDuration: configuration.leaseDuration, perTenantLimit: configuration.perTenantLimit)
        } catch {
            logger.error("Claiming a job failed", metadata: ["error": "\(error)"])
            job = nil
        }
        guard let job else { return idle(index) }
        start(job, worker: index)
    }

    private func idle(_ index: Int) {
        let generation = state.withLock { state -> Int in
            guard case .busy = state.workers[index] else { return -1 }
            let generation = Int.random(in: 0..<Int.max)
            state.workers[index] = .idle(generation: generation)
            return generation
        }
        workerQueues[index].asyncAfter(deadline: .now() + configuration.pollInterval) {
            // Only if nobody woke this worker in the meantime (that started a step already).
            let current = self.state.withLock { state -> Bool in
                guard case .idle(generation) = state.workers[index] else { return false }
                state.workers[index] = .busy
                return true
            }
            if current { self.step(index) }
        }
    }

    private func exit(_ index: Int) {
        state.withLock { $0.workers[index] = .exited }
    }

    /// Starts `job`'s handler as a task; when it ends, the worker's queue records the
    /// outcome (GRDB's synchronous calls belong on Dispatch, not on the Swift concurrency
    /// pool) and takes its next step.
    private func start(_ job: Job, worker index: Int) {
        guard let rowID = Int64(job.id) else { return workerQueues[index].async { self.step(index) } }
        let context = JobContext(job: job, rowID: rowID, owner: owner, queue: queue)
        let handler = handlers.handler(for: job.kind)
        let started = ContinuousClock.now
        // The task must be registered before it can finish and unregister itself.
        state.withLock { state in
            let task = Task {
                let outcome: Result<JobResult, any Error>
                do {
                    guard let handler else {
                        throw CivitasError.failedPrecondition("No handler is registered for job kind \"\(job.kind)\" on this server.")
                    }
                    outcome = .success(try await handler.run(job, context: context))
                } catch {
                    outcome = .failure(error)
                }
                let elapsed = ContinuousClock.now - started
                let nanoseconds = elapsed.components.seconds * 1_000_000_000 + elapsed.components.attoseconds / 1_000_000_000
                self.workerQueues[index].async {
                    self.record(job, rowID: rowID, context: context, outcome: outcome, nanoseconds: nanoseconds)
                    // Unregistered only once recorded: a shutdown that comes meanwhile
                    // still sees the job and releases it rather than leaving it leased.
                    self.state.withLock { $0.running[rowID] = nil }
                    self.step(index)
                }
            }
            state.running[rowID] = RunningAttempt(context: context, task: task)
        }
    }

    private func record(_ job: Job, rowID: Int64, context: JobContext, outcome: Result<JobResult, any Error>, nanoseconds: Int64) {
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
