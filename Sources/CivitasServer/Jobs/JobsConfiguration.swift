import Foundation
import Workers

/// How civitasd runs background jobs (`civitasd --job-…` options).
public struct JobsConfiguration: Sendable {
    /// Worker threads; default the core count.
    public var workers = ProcessInfo.processInfo.activeProcessorCount
    /// How long a job is held without a heartbeat before another worker may take it
    /// over. A restart after `kill -9` picks up the dead server's jobs once it passes.
    public var leaseSeconds: Double = 30
    /// After SIGTERM, how long running jobs may go on before their leases are released
    /// (without counting the attempt). Kept below the service group's 30 s grace period
    /// and systemd's stop timeout, so jobs are released before anyone kills the process.
    public var shutdownGraceSeconds: Double = 20
    /// How often an idle worker looks for jobs enqueued elsewhere, and retries coming due.
    public var pollSeconds: Double = 1
    /// How often due schedules are fired.
    public var schedulerTickSeconds: Double = 5

    public init() {}

    var pool: WorkerPoolConfiguration {
        WorkerPoolConfiguration(workers: workers, leaseDuration: leaseSeconds, pollInterval: pollSeconds)
    }
}
