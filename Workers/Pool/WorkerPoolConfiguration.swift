import Foundation

/// How a ``WorkerPool`` runs.
public struct WorkerPoolConfiguration: Sendable {
    /// Worker threads (Dispatch queues), each running one job at a time. Default: the
    /// core count.
    public var workers: Int
    /// Most jobs one tenant may run at once. Default: all workers but one (at least
    /// one), so that another tenant's job always finds a worker free even while one
    /// tenant's long jobs keep the others busy.
    public var perTenantLimit: Int
    /// How long a claim holds a job without a heartbeat. A worker renews its leases every
    /// ``heartbeatInterval``; a job whose lease ran out is claimed again.
    public var leaseDuration: Double
    public var heartbeatInterval: Double
    /// How often an idle worker looks for work it was not told about (jobs enqueued by
    /// another process, retries coming due, schedules firing elsewhere).
    public var pollInterval: Double

    public init(
        workers: Int = ProcessInfo.processInfo.activeProcessorCount, perTenantLimit: Int? = nil,
        leaseDuration: Double = 30, heartbeatInterval: Double? = nil, pollInterval: Double = 1
    ) {
        self.workers = max(1, workers)
        self.perTenantLimit = max(1, perTenantLimit ?? self.workers - 1)
        self.leaseDuration = leaseDuration
        self.heartbeatInterval = heartbeatInterval ?? leaseDuration / 3
        self.pollInterval = pollInterval
    }
}
