import CivitasCore
import Foundation
import GRDB

/// The worker side of the queue. These calls are synchronous: the pool makes them from
/// its Dispatch worker threads, each in one short write transaction. Every write about a
/// running job checks that the caller still holds its lease (`lease_owner`), so a worker
/// whose lease expired and was taken over cannot finish the job a second time.
extension JobQueue {
    /// Claims the next job, round-robin across tenants: the tenant whose turn is lowest
    /// and which runs fewer than `perTenantLimit` jobs gives its best ready job (highest
    /// priority, then earliest `run_at`), and goes to the back of the line. Running jobs
    /// whose lease expired are first made claimable again (their attempt counted as failed).
    func claim(owner: String, leaseDuration: Double, perTenantLimit: Int) throws -> Job? {
        try database.write { db in
            let now = self.now
            try Self.rescueExpiredLeases(db, now: now)
            let tenants = try String.fetchAll(db, sql: "SELECT tenant FROM tenant_turn ORDER BY turn, tenant")
            for tenant in tenants {
                let running = try Int.fetchOne(
                    db, sql: "SELECT COUNT(*) FROM job WHERE tenant = ? AND state = 'running'", arguments: [tenant]
                ) ?? 0
                guard running < perTenantLimit else { continue }
                guard let id = try Int64.fetchOne(
                    db,
                    sql: """
                        SELECT id FROM job WHERE tenant = ? AND state IN ('available', 'retrying') AND run_at <= ?
                        ORDER BY priority DESC, run_at, id LIMIT 1
                        """,
                    arguments: [tenant, now]
                ) else { continue }
                try db.execute(
                    sql: """
                        UPDATE job SET state = 'running', attempt = attempt + 1, lease_owner = ?, lease_expires_at = ?
                        WHERE id = ?
                        """,
                    arguments: [owner, now + leaseDuration, id]
                )
                try db.execute(
                    sql: "UPDATE tenant_turn SET turn = (SELECT MAX(turn) FROM tenant_turn) + 1 WHERE tenant = ?",
                    arguments: [tenant]
                )
                return try JobRow.fetch(db, id: id, tenant: TenantID(tenant))
            }
            return nil
        }
    }

    /// Running jobs whose lease ran out: their worker died or hung. The attempt is
    /// recorded as failed and the job is claimable again at once, or discarded when that
    /// was its last attempt (see ``JobLifecycle/afterLeaseExpiry(attempt:maxAttempts:)``).
    static func rescueExpiredLeases(_ db: Database, now: Double) throws {
        let expired = try Row.fetchAll(
            db, sql: "SELECT id, attempt, max_attempts FROM job WHERE state = 'running' AND lease_expires_at < ?", arguments: [now]
        )
        for row in expired {
            let (id, attempt): (Int64, Int) = (row["id"], row["attempt"])
            try db.execute(
                sql: "INSERT INTO job_error (job_id, attempt, at, message) VALUES (?, ?, ?, ?)",
                arguments: [id, attempt, now, JobLifecycle.leaseExpiryMessage(attempt: attempt)]
            )
            switch JobLifecycle.afterLeaseExpiry(attempt: attempt, maxAttempts: row["max_attempts"]) {
            case .retry:
                try db.execute(
                    sql: "UPDATE job SET state = 'retrying', run_at = ?, lease_owner = NULL, lease_expires_at = NULL WHERE id = ?",
                    arguments: [now, id]
                )
            case .discard:
                try db.execute(
                    sql: "UPDATE job SET state = 'discarded', finished_at = ?, lease_owner = NULL, lease_expires_at = NULL WHERE id = ?",
                    arguments: [now, id]
                )
            }
        }
    }

    /// Extends the leases `owner` holds on `ids`; returns the ids whose cancellation was
    /// requested meanwhile, and those whose lease `owner` no longer holds.
    func renewLeases(owner: String, ids: [Int64], leaseDuration: Double) throws -> (cancelRequested: Set<Int64>, lost: Set<Int64>) {
        guard !ids.isEmpty else { return ([], []) }
        return try database.write { db in
            let until = self.now + leaseDuration
            var cancelRequested = Set<Int64>()
            var lost = Set<Int64>()
            for id in ids {
                try db.execute(
                    sql: "UPDATE job SET lease_expires_at = ? WHERE id = ? AND state = 'running' AND lease_owner = ?",
                    arguments: [until, id, owner]
                )
                if db.changesCount == 0 { lost.insert(id); continue }
                if try Bool.fetchOne(db, sql: "SELECT cancel_requested FROM job WHERE id = ?", arguments: [id]) == true {
                    cancelRequested.insert(id)
                }
            }
            return (cancelRequested, lost)
        }
    }

    /// The attempt succeeded. False when `owner` no longer held the lease (nothing written).
    func complete(_ id: Int64, owner: String, resultReference: String) throws -> Bool {
        try database.write { db in
            let now = self.now
            try db.execute(
                sql: """
                    UPDATE job SET state = 'succeeded', progress = 1, result_ref = ?, finished_at = ?,
                        lease_owner = NULL, lease_expires_at = NULL
                    WHERE id = ? AND state = 'running' AND lease_owner = ?
                    """,
                arguments: [resultReference, now, id, owner]
            )
            guard db.changesCount == 1 else { return false }
            try db.execute(
                sql: "INSERT INTO job_completion (job_id, attempt, worker, at) SELECT id, attempt, ?, ? FROM job WHERE id = ?",
                arguments: [owner, now, id]
            )
            return true
        }
    }

    /// The attempt failed with `message`: retry after a backoff, or discard. Nil when
    /// `owner` no longer held the lease (nothing written).
    func fail(_ id: Int64, owner: String, message: String, random: Double) throws -> JobLifecycle.AfterFailure? {
        try database.write { db in
            let now = self.now
            guard let row = try Row.fetchOne(
                db, sql: "SELECT attempt, max_attempts FROM job WHERE id = ? AND state = 'running' AND lease_owner = ?",
                arguments: [id, owner]
            ) else { return nil }
            let attempt: Int = row["attempt"]
            try db.execute(
                sql: "INSERT INTO job_error (job_id, attempt, at, message) VALUES (?, ?, ?, ?)",
                arguments: [id, attempt, now, String(message.prefix(4000))]
            )
            let decision = JobLifecycle.afterFailure(attempt: attempt, maxAttempts: row["max_attempts"], policy: self.retryPolicy, random: random)
            switch decision {
            case .retry(let delay):
                try db.execute(
                    sql: "UPDATE job SET state = 'retrying', run_at = ?, lease_owner = NULL, lease_expires_at = NULL WHERE id = ?",
                    arguments: [now + delay, id]
                )
            case .discard:
                try db.execute(
                    sql: "UPDATE job SET state = 'discarded', finished_at = ?, lease_owner = NULL, lease_expires_at = NULL WHERE id = ?",
                    arguments: [now, id]
                )
            }
            return decision
        }
    }

    /// The handler stopped because cancellation was requested. False when `owner` no
    /// longer held the lease.
    func finishCancelled(_ id: Int64, owner: String) throws -> Bool {
        try database.write { db in
            try db.execute(
                sql: """
                    UPDATE job SET state = 'cancelled', finished_at = ?, lease_owner = NULL, lease_expires_at = NULL
                    WHERE id = ? AND state = 'running' AND lease_owner = ?
                    """,
                arguments: [self.now, id, owner]
            )
            return db.changesCount == 1
        }
    }

    /// Graceful shutdown: every job `owner` still runs goes back to `available` without
    /// counting the attempt. Returns how many were released.
    @discardableResult
    func release(owner: String) throws -> Int {
        try database.write { db in
            try db.execute(
                sql: """
                    UPDATE job SET state = 'available', attempt = MAX(attempt - 1, 0), lease_owner = NULL, lease_expires_at = NULL
                    WHERE state = 'running' AND lease_owner = ?
                    """,
                arguments: [owner]
            )
            return db.changesCount
        }
    }

    func reportProgress(_ id: Int64, owner: String, progress: Double, message: String) async throws {
        try await database.write { db in
            try db.execute(
                sql: "UPDATE job SET progress = ?, progress_message = ? WHERE id = ? AND state = 'running' AND lease_owner = ?",
                arguments: [min(max(progress, 0), 1), String(message.prefix(500)), id, owner]
            )
        }
    }

    func recordProbeRun(_ id: Int64, attempt: Int) async throws {
        try await database.write { db in
            try db.execute(sql: "INSERT INTO probe_run (job_id, attempt, started_at) VALUES (?, ?, ?)", arguments: [id, attempt, self.now])
        }
    }
}
