import CivitasCore
import Foundation
import GRDB

/// Reading jobs out of `jobs.sqlite`.
enum JobRow {
    static let columns = """
        id, tenant, kind, arguments_json, priority, state, run_at, attempt, max_attempts, progress,
        progress_message, result_ref, unique_key, cancel_requested, created_at, finished_at
        """

    /// The job with `id` of `tenant`, with its errors; nil when there is none (for that tenant).
    static func fetch(_ db: Database, id: Int64, tenant: TenantID) throws -> Job? {
        guard let row = try Row.fetchOne(db, sql: "SELECT \(columns) FROM job WHERE id = ? AND tenant = ?", arguments: [id, tenant.rawValue]) else {
            return nil
        }
        return try job(row, errors: errors(db, jobID: id))
    }

    static func errors(_ db: Database, jobID: Int64) throws -> [JobAttemptError] {
        try Row.fetchAll(db, sql: "SELECT attempt, at, message FROM job_error WHERE job_id = ? ORDER BY attempt, rowid", arguments: [jobID]).map {
            JobAttemptError(attempt: $0["attempt"], at: Date(timeIntervalSince1970: $0["at"]), message: $0["message"])
        }
    }

    static func job(_ row: Row, errors: [JobAttemptError]) throws -> Job {
        let id: Int64 = row["id"]
        let stateText: String = row["state"]
        guard let state = JobState(rawValue: stateText) else {
            throw CivitasError(.internal, "Job \(id) has the unknown state \"\(stateText)\".")
        }
        return Job(
            id: String(id), tenant: try TenantID(row["tenant"]), kind: row["kind"], argumentsJSON: row["arguments_json"],
            priority: row["priority"], state: state, runAt: Date(timeIntervalSince1970: row["run_at"]),
            attempt: row["attempt"], maxAttempts: row["max_attempts"], progress: row["progress"],
            progressMessage: row["progress_message"], resultReference: row["result_ref"], uniqueKey: row["unique_key"],
            errors: errors, cancelRequested: row["cancel_requested"], createdAt: Date(timeIntervalSince1970: row["created_at"]),
            finishedAt: (row["finished_at"] as Double?).map(Date.init(timeIntervalSince1970:))
        )
    }

    /// A job id as the API spells it: the row id in decimal.
    static func rowID(_ id: String) throws(CivitasError) -> Int64 {
        guard let value = Int64(id), value > 0 else {
            throw .invalidArgument("Job id \"\(id.prefix(40))\" is not a job id (they are positive numbers).")
        }
        return value
    }
}
