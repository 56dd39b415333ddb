import CivitasCore
import Foundation
import GRDB

/// What the API and other modules do with the queue: enqueue, read, list, cancel.
/// Every call names the tenant and every query filters by it.
extension JobQueue {
    /// Enqueues `new`, or returns the unfinished job that already holds its unique key.
    @discardableResult
    public func enqueue(_ new: NewJob) async throws -> Job {
        let job = try await database.write { db in try Self.enqueue(new, db, now: self.now) }
        notifyEnqueued()
        return job
    }

    /// Enqueues several jobs in one transaction (what the benchmark and batch callers use).
    public func enqueue(batch: [NewJob]) async throws {
        try await database.write { db in
            for new in batch { _ = try Self.enqueue(new, db, now: self.now) }
        }
        notifyEnqueued()
    }

    static func enqueue(_ new: NewJob, _ db: Database, now: Double) throws -> Job {
        guard !new.kind.isEmpty else { throw CivitasError.invalidArgument("A job needs a kind.") }
        guard new.maxAttempts >= 1 else {
            throw CivitasError.invalidArgument("A job needs at least one attempt; max_attempts was \(new.maxAttempts).")
        }
        if let key = new.uniqueKey,
            let id = try Int64.fetchOne(
                db, sql: "SELECT id FROM job WHERE tenant = ? AND unique_key = ? AND state IN ('available', 'running', 'retrying')",
                arguments: [new.tenant.rawValue, key]
            ),
            let existing = try JobRow.fetch(db, id: id, tenant: new.tenant)
        {
            return existing
        }
        try db.execute(
            sql: """
                INSERT INTO job (tenant, kind, arguments_json, priority, state, run_at, max_attempts, unique_key, created_at)
                VALUES (?, ?, ?, ?, 'available', ?, ?, ?, ?)
                """,
            arguments: [
                new.tenant.rawValue, new.kind, new.argumentsJSON, new.priority, new.runAt?.timeIntervalSince1970 ?? now,
                new.maxAttempts, new.uniqueKey, now,
            ]
        )
        let id = db.lastInsertedRowID
        try db.execute(
            sql: "INSERT INTO tenant_turn (tenant, turn) VALUES (?, (SELECT COALESCE(MIN(turn), 0) FROM tenant_turn)) ON CONFLICT DO NOTHING",
            arguments: [new.tenant.rawValue]
        )
        guard let job = try JobRow.fetch(db, id: id, tenant: new.tenant) else {
            throw CivitasError(.internal, "Job \(id) vanished right after it was enqueued.")
        }
        return job
    }

    /// The job `id` of `tenant`; `notFound` if that tenant has no such job.
    public func job(_ id: String, tenant: TenantID) async throws -> Job {
        let rowID = try JobRow.rowID(id)
        guard let job = try await database.read({ db in try JobRow.fetch(db, id: rowID, tenant: tenant) }) else {
            throw CivitasError.notFound("Tenant \(tenant) has no job \(id).")
        }
        return job
    }

    /// One page of a tenant's jobs, oldest first, and the id to continue after.
    public func jobs(_ query: JobQuery) async throws -> (jobs: [Job], nextAfter: String?) {
        let after = try query.after.map { id throws(CivitasError) in try JobRow.rowID(id) } ?? 0
        return try await database.read { db in
            var sql = "SELECT \(JobRow.columns) FROM job WHERE tenant = ? AND id > ?"
            var arguments: StatementArguments = [query.tenant.rawValue, after]
            if let state = query.state { sql += " AND state = ?"; arguments += [state.rawValue] }
            if let kind = query.kind { sql += " AND kind = ?"; arguments += [kind] }
            sql += " ORDER BY id LIMIT ?"
            arguments += [query.limit + 1]
            let rows = try Row.fetchAll(db, sql: sql, arguments: arguments)
            let jobs = try rows.prefix(query.limit).map { row in try JobRow.job(row, errors: JobRow.errors(db, jobID: row["id"])) }
            return (jobs, rows.count > query.limit ? jobs.last?.id : nil)
        }
    }

    /// Cancels a job: at once when it is waiting; a running one is asked to stop through
    /// its worker's heartbeat (``JobContext/isCancelled``). Refuses a finished job.
    public func cancel(_ id: String, tenant: TenantID) async throws -> Job {
        let rowID = try JobRow.rowID(id)
        return try await database.write { db in
            guard let job = try JobRow.fetch(db, id: rowID, tenant: tenant) else {
                throw CivitasError.notFound("Tenant \(tenant) has no job \(id).")
            }
            switch JobLifecycle.cancel(job.state) {
            case .cancelNow:
                try db.execute(
                    sql: "UPDATE job SET state = 'cancelled', finished_at = ?, cancel_requested = 1 WHERE id = ?",
                    arguments: [self.now, rowID]
                )
            case .askWorker:
                try db.execute(sql: "UPDATE job SET cancel_requested = 1 WHERE id = ?", arguments: [rowID])
            case .refuse(let reason):
                throw CivitasError.failedPrecondition("Job \(id) cannot be cancelled. \(reason)")
            }
            return try JobRow.fetch(db, id: rowID, tenant: tenant) ?? job
        }
    }

    /// How many jobs are in each state, all tenants together (for the depth gauges).
    public func depthByState() throws -> [JobState: Int] {
        try database.read { db in
            var depth = Dictionary(uniqueKeysWithValues: JobState.allCases.map { ($0, 0) })
            for row in try Row.fetchAll(db, sql: "SELECT state, COUNT(*) AS n FROM job GROUP BY state") {
                if let state = JobState(rawValue: row["state"]) { depth[state] = row["n"] }
            }
            return depth
        }
    }

    /// How many times job `id` was recorded as succeeded (the exactly-once evidence), and
    /// how many runs of it the `probe` handler started.
    public func runCounts(_ id: String) throws -> (completions: Int, probeStarts: Int) {
        let rowID = try JobRow.rowID(id)
        return try database.read { db in
            (
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM job_completion WHERE job_id = ?", arguments: [rowID]) ?? 0,
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM probe_run WHERE job_id = ?", arguments: [rowID]) ?? 0
            )
        }
    }
}
