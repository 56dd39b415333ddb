import GRDB

/// The schema of `<data>/jobs.sqlite`. Migrations are append-only: never edit a
/// registered one, add a new one below it.
///
/// Times are REAL seconds since 1970 (UTC), so that claims compare them with an index.
enum JobQueueSchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: jobs, attempt errors, tenant turns, schedules") { db in
            try db.execute(sql: """
                CREATE TABLE job (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    tenant TEXT NOT NULL,
                    kind TEXT NOT NULL,
                    -- Ids and periods only, never tenant data (see JobQueue).
                    arguments_json TEXT NOT NULL DEFAULT '{}',
                    priority INTEGER NOT NULL DEFAULT 0,
                    state TEXT NOT NULL CHECK (state IN ('available', 'running', 'succeeded', 'retrying', 'discarded', 'cancelled')),
                    run_at REAL NOT NULL,
                    attempt INTEGER NOT NULL DEFAULT 0,
                    max_attempts INTEGER NOT NULL CHECK (max_attempts >= 1),
                    progress REAL NOT NULL DEFAULT 0,
                    progress_message TEXT NOT NULL DEFAULT '',
                    result_ref TEXT NOT NULL DEFAULT '',
                    unique_key TEXT,
                    lease_owner TEXT,
                    lease_expires_at REAL,
                    cancel_requested INTEGER NOT NULL DEFAULT 0,
                    created_at REAL NOT NULL,
                    finished_at REAL
                ) STRICT;
                -- What a claim scans, per tenant, in claim order.
                CREATE INDEX job_ready ON job(tenant, priority DESC, run_at, id) WHERE state IN ('available', 'retrying');
                CREATE INDEX job_by_tenant_state ON job(tenant, state, id);
                CREATE INDEX job_by_tenant ON job(tenant, id);
                CREATE INDEX job_leases ON job(lease_expires_at) WHERE state = 'running';
                -- While a job with a key is unfinished, no other job may take that key.
                CREATE UNIQUE INDEX job_unique_unfinished ON job(tenant, unique_key)
                    WHERE unique_key IS NOT NULL AND state IN ('available', 'running', 'retrying');

                -- Every failed attempt's error, kept for good (also after discarding).
                CREATE TABLE job_error (
                    job_id INTEGER NOT NULL REFERENCES job(id) ON DELETE CASCADE,
                    attempt INTEGER NOT NULL,
                    at REAL NOT NULL,
                    message TEXT NOT NULL
                ) STRICT;
                CREATE INDEX job_error_by_job ON job_error(job_id, attempt);

                -- One row per successful completion, written in the transaction that marks the
                -- job succeeded: the evidence that a job succeeded exactly once.
                CREATE TABLE job_completion (
                    job_id INTEGER NOT NULL REFERENCES job(id) ON DELETE CASCADE,
                    attempt INTEGER NOT NULL,
                    worker TEXT NOT NULL,
                    at REAL NOT NULL
                ) STRICT;
                CREATE INDEX job_completion_by_job ON job_completion(job_id);

                -- Round-robin claiming: the tenant with the lowest turn is asked first, and
                -- moves to the back once it has been given a worker.
                CREATE TABLE tenant_turn (
                    tenant TEXT PRIMARY KEY NOT NULL,
                    turn INTEGER NOT NULL
                ) STRICT;

                CREATE TABLE schedule (
                    id TEXT PRIMARY KEY NOT NULL,
                    tenant TEXT NOT NULL,
                    cron TEXT NOT NULL,
                    time_zone TEXT NOT NULL,
                    job_kind TEXT NOT NULL,
                    arguments_json TEXT NOT NULL,
                    paused INTEGER NOT NULL DEFAULT 0,
                    next_run_at REAL,
                    last_run_at REAL,
                    created_at REAL NOT NULL
                ) STRICT;
                CREATE INDEX schedule_by_tenant ON schedule(tenant, id);
                CREATE INDEX schedule_due ON schedule(next_run_at) WHERE paused = 0;

                -- The `probe` kind records each run it starts, so operators and tests can see
                -- how often a job's handler actually ran.
                CREATE TABLE probe_run (
                    job_id INTEGER NOT NULL,
                    attempt INTEGER NOT NULL,
                    started_at REAL NOT NULL
                ) STRICT;
                CREATE INDEX probe_run_by_job ON probe_run(job_id);
                """)
        }
        return migrator
    }
}
