import CivitasCore
import Foundation
import GRDB

/// Schedules, kept next to the jobs they create so that firing an occurrence and
/// enqueueing its job are one transaction. Every API call filters by tenant.
extension JobQueue {
    public func createSchedule(_ new: NewSchedule) async throws -> Schedule {
        let id = "sch-" + UUID().uuidString.lowercased().prefix(12)
        let now = self.now
        let next = new.cron.nextOccurrence(after: Int64(now.rounded(.down)), in: TimeZoneOffsets(new.timeZone))
        return try await database.write { db in
            try db.execute(
                sql: """
                    INSERT INTO schedule (id, tenant, cron, time_zone, job_kind, arguments_json, next_run_at, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [id, new.tenant.rawValue, new.cron.source, new.timeZone.identifier, new.jobKind, new.argumentsJSON, next.map(Double.init), now]
            )
            return try Self.schedule(db, id: String(id), tenant: new.tenant)
        }
    }

    public func schedules(tenant: TenantID) async throws -> [Schedule] {
        try await database.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM schedule WHERE tenant = ? ORDER BY created_at, id", arguments: [tenant.rawValue]).map(Self.schedule)
        }
    }

    /// Pausing stops firing; resuming starts again from the next occurrence after now, so
    /// occurrences missed while paused are not caught up.
    public func setSchedulePaused(_ id: String, tenant: TenantID, paused: Bool) async throws -> Schedule {
        try await database.write { db in
            let schedule = try Self.schedule(db, id: id, tenant: tenant)
            var next = schedule.nextRunAt?.timeIntervalSince1970
            if !paused, schedule.paused {
                let cron = try CronExpression(parsing: schedule.cron)
                let zone = try TimeZoneOffsets(identifier: schedule.timeZone)
                next = cron.nextOccurrence(after: Int64(self.now.rounded(.down)), in: zone).map(Double.init)
            }
            try db.execute(
                sql: "UPDATE schedule SET paused = ?, next_run_at = ? WHERE id = ? AND tenant = ?",
                arguments: [paused, next, id, tenant.rawValue]
            )
            return try Self.schedule(db, id: id, tenant: tenant)
        }
    }

    /// Deletes a schedule and returns it as it was. Jobs it already created stay.
    public func deleteSchedule(_ id: String, tenant: TenantID) async throws -> Schedule {
        try await database.write { db in
            let schedule = try Self.schedule(db, id: id, tenant: tenant)
            try db.execute(sql: "DELETE FROM schedule WHERE id = ? AND tenant = ?", arguments: [id, tenant.rawValue])
            return schedule
        }
    }

    /// Fires every schedule (of every tenant) that is due, in one transaction: each due
    /// schedule enqueues one job whose unique key names the occurrence, and moves its next
    /// run past now (see ``ScheduleFiring``). Two servers, or a restart, cannot fire one
    /// occurrence twice: the second transaction sees the moved `next_run_at`, and the
    /// unique key would return the first job anyway. Returns the jobs enqueued.
    @discardableResult
    public func fireDueSchedules() throws -> [Job] {
        let jobs = try database.write { db -> [Job] in
            let now = self.now
            let due = try Row.fetchAll(db, sql: "SELECT * FROM schedule WHERE paused = 0 AND next_run_at <= ? ORDER BY next_run_at", arguments: [now])
            var jobs: [Job] = []
            for row in due {
                let schedule = try Self.schedule(row)
                guard let cron = try? CronExpression(parsing: schedule.cron), let zone = try? TimeZoneOffsets(identifier: schedule.timeZone) else {
                    // Validated when created; a row that no longer parses must not stop the others.
                    try db.execute(sql: "UPDATE schedule SET paused = 1 WHERE id = ?", arguments: [schedule.id])
                    continue
                }
                let decision = ScheduleFiring.decide(
                    cron: cron, paused: schedule.paused, nextRunAt: schedule.nextRunAt.map { Int64($0.timeIntervalSince1970) },
                    now: Int64(now.rounded(.down)), zone: zone
                )
                guard case .fire(let occurrence, let next) = decision else { continue }
                let job = try Self.enqueue(
                    NewJob(
                        tenant: schedule.tenant, kind: schedule.jobKind, argumentsJSON: schedule.argumentsJSON,
                        uniqueKey: ScheduleFiring.uniqueKey(schedule: schedule.id, occurrence: occurrence)
                    ),
                    db, now: now
                )
                jobs.append(job)
                try db.execute(
                    sql: "UPDATE schedule SET next_run_at = ?, last_run_at = ? WHERE id = ?",
                    arguments: [next.map(Double.init), Double(occurrence), schedule.id]
                )
            }
            return jobs
        }
        if !jobs.isEmpty { notifyEnqueued() }
        return jobs
    }

    static func schedule(_ db: Database, id: String, tenant: TenantID) throws -> Schedule {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM schedule WHERE id = ? AND tenant = ?", arguments: [id, tenant.rawValue]) else {
            throw CivitasError.notFound("Tenant \(tenant) has no schedule \(id.prefix(60)).")
        }
        return try schedule(row)
    }

    static func schedule(_ row: Row) throws -> Schedule {
        Schedule(
            id: row["id"], tenant: try TenantID(row["tenant"]), cron: row["cron"], timeZone: row["time_zone"],
            jobKind: row["job_kind"], argumentsJSON: row["arguments_json"], paused: row["paused"],
            nextRunAt: (row["next_run_at"] as Double?).map(Date.init(timeIntervalSince1970:)),
            lastRunAt: (row["last_run_at"] as Double?).map(Date.init(timeIntervalSince1970:)),
            createdAt: Date(timeIntervalSince1970: row["created_at"])
        )
    }
}
