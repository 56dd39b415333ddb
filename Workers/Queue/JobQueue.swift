import CivitasCore
import Foundation
import GRDB
import Synchronization

/// The durable job queue: `<data>/jobs.sqlite`, one GRDB `DatabasePool` (WAL).
///
/// Why one file of its own, and not the catalog or each tenant's file:
/// - fairness needs one view of every tenant's queue: a worker claims round-robin across
///   all tenants in **one short write transaction**, which per-tenant files cannot give
///   (they would need a transaction per tenant file just to find the next turn);
/// - the catalog stays small and about identity: the queue's churn (a write per claim,
///   heartbeat and completion) does not contend with authentication reads;
/// - tenant isolation holds anyway: job arguments carry only ids and periods, never
///   tenant data; results are written to the tenant's own file and a job keeps only a
///   reference to them; and every query the API makes filters by tenant.
/// Schedules live here too, keyed by tenant, so that firing an occurrence and enqueueing
/// its job are one transaction.
public final class JobQueue: Sendable {
    let database: DatabasePool
    /// The clock every lease, `run_at` and timestamp uses; tests inject their own.
    public let clock: @Sendable () -> Date
    public let retryPolicy: RetryPolicy
    private let enqueueObservers = Mutex<[@Sendable () -> Void]>([])

    /// Opens (creating if needed) the queue at `path`, running its migrations; refuses a
    /// file written by a newer Civitas.
    /// - Parameter fsyncEveryCommit: `synchronous = FULL` (survives power loss) rather
    ///   than `NORMAL` (survives a process crash).
    public init(
        path: String, fsyncEveryCommit: Bool = true, retryPolicy: RetryPolicy = RetryPolicy(),
        clock: @escaping @Sendable () -> Date = { Date() }
    ) throws {
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        configuration.foreignKeysEnabled = true
        configuration.maximumReaderCount = 4
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = \(fsyncEveryCommit ? "FULL" : "NORMAL")")
        }
        let database = try DatabasePool(path: path, configuration: configuration)
        do {
            let migrator = JobQueueSchema.migrator
            let unknown = try database.read { db in try migrator.appliedIdentifiers(db).subtracting(migrator.migrations) }
            guard unknown.isEmpty else {
                throw CivitasError.failedPrecondition(
                    "The job queue \(path) was written by a newer Civitas (it has migrations this binary does not know: "
                        + "\(unknown.sorted().joined(separator: ", "))); refusing to open it. Upgrade civitasd."
                )
            }
            try migrator.migrate(database)
        } catch {
            try? database.close()
            throw error
        }
        self.database = database
        self.clock = clock
        self.retryPolicy = retryPolicy
    }

    public func close() throws { try database.close() }

    /// Calls `observer` after every enqueue in this process (the pool wakes its workers).
    public func onEnqueue(_ observer: @escaping @Sendable () -> Void) {
        enqueueObservers.withLock { $0.append(observer) }
    }

    func notifyEnqueued() {
        for observer in enqueueObservers.withLock({ $0 }) { observer() }
    }

    var now: Double { clock().timeIntervalSince1970 }
}
