import CivitasCore
import Foundation
internal import GRDB

extension TenantDatabase {
    /// Stores `outcome` under a new id and returns the id. When the latest result of the
    /// same framework version, period and scope already holds exactly these bytes (same
    /// cut-off, same records), that one's id is returned instead: a retried job or a
    /// repeated request adds nothing.
    ///
    /// - Parameter tenantTimeZone: the zone ``landed_span`` days are kept in, to store the
    ///   period's local days next to it (what "stale" compares).
    public func storeResult(
        _ outcome: EvaluationOutcome, period: Period, tenantTimeZone: TimeZone, jobID: String, computedAt: Date
    ) async throws -> String {
        let canonical = Data(outcome.canonicalJSON())
        let calendar = Calendar.gregorian(in: tenantTimeZone)
        let latest = LatestResult(
            frameworkVersion: outcome.frameworkVersion, cutoff: outcome.cutoff, firstDay: calendar.localDay(period.start),
            lastDay: calendar.localDay(period.end.addingTimeInterval(-0.001))
        )
        let scope = outcome.scope.description
        let box = TransactionOutput<String>()
        try await state.committer.perform { db in
            if let existing = try Row.fetchOne(
                db, sql: """
                    SELECT id, canonical FROM evaluation_result
                    WHERE framework = ? AND period = ? AND scope = ? AND framework_version = ? AND cutoff = ? ORDER BY row DESC LIMIT 1
                    """,
                arguments: [outcome.framework, outcome.period, scope, outcome.frameworkVersion, outcome.cutoff]
            ), (existing["canonical"] as Data) == canonical {
                box.set(existing["id"])
                return false
            }
            let id = "er-" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(16)
            // The cross-check run the result takes into account (DOMAIN §6): findings are
            // reported beside the score, never folded into it.
            let crossCheckRun = try Self.latestCrossCheckRunID(period: outcome.period, db)
            try db.execute(
                sql: """
                    INSERT INTO evaluation_result (id, framework, framework_version, period, period_start, period_end, first_day, last_day,
                        scope, cutoff, input_digest, earned, max_points, eligible, canonical, computed_at, job_id, crosscheck_run)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    id, outcome.framework, outcome.frameworkVersion, outcome.period, period.start.unixMilliseconds, period.end.unixMilliseconds,
                    latest.firstDay, latest.lastDay, scope, outcome.cutoff, outcome.inputDigest, outcome.earned, outcome.maxPoints,
                    outcome.eligible, canonical, computedAt.unixMilliseconds, jobID, crossCheckRun,
                ]
            )
            box.set(id)
            return true
        }
        guard let id = box.value else { throw CivitasError(.internal, "Storing an evaluation result produced no id.") }
        state.evaluation.stored(latest, for: ResultKey(framework: outcome.framework, period: outcome.period, scope: scope))
        return id
    }

    /// The result `id`, or nil.
    public func result(id: String) async throws -> StoredEvaluationResult? {
        try await pool.read { db in
            try Row.fetchOne(db, sql: "\(ResultColumns.select) WHERE r.id = ?", arguments: [id]).map(ResultColumns.full)
        }
    }

    /// The latest result (highest cut-off, then the last stored) of `framework` for
    /// `period` and `scope`; of one version when `version` is given.
    public func latestResult(framework: String, version: Int? = nil, period: String, scope: EvaluationScope) async throws -> StoredEvaluationResult? {
        try await pool.read { db in try Self.latestResult(framework, version: version, period: period, scope: scope, db) }
    }

    /// The latest result of each scope that has one, in the order of `scopes` (one snapshot).
    public func latestResults(framework: String, version: Int?, period: String, scopes: [EvaluationScope]) async throws -> [StoredEvaluationResult] {
        try await pool.read { db in
            try scopes.compactMap { scope in try Self.latestResult(framework, version: version, period: period, scope: scope, db) }
        }
    }

    /// The result a gap analysis compares `current` with: the latest result of the same
    /// framework code and scope for the earlier period that ends last, at or before
    /// `current`'s period starts (for `2026-10`, normally `2026-09`). Any version of the
    /// framework counts; leaves are compared by code. Nil when there is none.
    public func previousResult(before current: EvaluationResultSummary) async throws -> StoredEvaluationResult? {
        try await pool.read { db in
            try Row.fetchOne(
                db, sql: "\(ResultColumns.select) WHERE r.framework = ? AND r.scope = ? AND r.period_end <= ? ORDER BY r.period_end DESC, r.cutoff DESC, r.row DESC LIMIT 1",
                arguments: [current.framework, current.scope.description, current.periodStart.unixMilliseconds]
            ).map(ResultColumns.full)
        }
    }

    /// A page of stored results, newest first, without their canonical bytes.
    public func results(_ query: EvaluationResultQuery) async throws -> EvaluationResultPage {
        try await pool.read { db in
            var conditions = ["r.row < ?"]
            var arguments: StatementArguments = [query.after ?? Int64.max]
            if let framework = query.framework { conditions.append("r.framework = ?"); arguments += [framework] }
            if let period = query.period { conditions.append("r.period = ?"); arguments += [period] }
            if let scopes = query.scopes {
                guard !scopes.isEmpty else { return EvaluationResultPage(results: [], nextAfter: nil) }
                conditions.append("r.scope IN (\(scopes.map { _ in "?" }.joined(separator: ", ")))")
                arguments += StatementArguments(scopes.map(\.description))
            }
            let limit = min(max(query.limit, 1), 1000)
            arguments += [limit + 1]
            let rows = try Row.fetchAll(
                db, sql: "\(ResultColumns.summarySelect) WHERE \(conditions.joined(separator: " AND ")) ORDER BY r.row DESC LIMIT ?", arguments: arguments
            )
            let page = try rows.prefix(limit).map(ResultColumns.summary)
            return EvaluationResultPage(results: page, nextAfter: rows.count > limit ? rows[limit - 1]["row"] : nil)
        }
    }

    static func latestResult(_ framework: String, version: Int?, period: String, scope: EvaluationScope, _ db: Database) throws -> StoredEvaluationResult? {
        var arguments: StatementArguments = [framework, period, scope.description]
        if let version { arguments += [version] }
        return try Row.fetchOne(
            db, sql: """
                \(ResultColumns.select) WHERE r.framework = ? AND r.period = ? AND r.scope = ? \(version == nil ? "" : "AND r.framework_version = ?")
                ORDER BY r.cutoff DESC, r.row DESC LIMIT 1
                """,
            arguments: arguments
        ).map(ResultColumns.full)
    }
}

/// The columns of `evaluation_result` (aliased `r`) a result is read with, `stale`
/// computed on the way: a landed span overlapping the period's days whose last
/// sequence is above the cut-off (see `landed_span` in TenantSchema).
enum ResultColumns {
    static let select = summarySelect.replacingOccurrences(of: "SELECT r.row,", with: "SELECT r.canonical, r.row,")

    static let summarySelect = """
        SELECT r.row, r.id, r.framework, r.framework_version, f.document_sha256, r.period, r.period_start, r.period_end, r.scope,
            r.cutoff, r.input_digest, r.earned, r.max_points, r.eligible, r.computed_at, r.job_id, r.crosscheck_run,
            \(staleness) AS stale
        FROM evaluation_result r JOIN framework_version f ON f.code = r.framework AND f.version = r.framework_version
        """

    /// A landed span overlapping the result's local days holds a record above its cut-off.
    static let staleness = """
        EXISTS (SELECT 1 FROM landed_span s WHERE s.start_day <= r.last_day AND s.end_day >= r.first_day AND s.last_sequence > r.cutoff)
        """

    static func summary(_ row: Row) throws -> EvaluationResultSummary {
        let scopeText: String = row["scope"]
        guard let scope = EvaluationScope(parsing: scopeText) else {
            throw CivitasError(.internal, "Stored result \(row["id"] as String) has an unreadable scope.")
        }
        return EvaluationResultSummary(
            id: row["id"], framework: row["framework"], frameworkVersion: row["framework_version"], frameworkSHA256: row["document_sha256"],
            period: row["period"], periodStart: Date(unixMilliseconds: row["period_start"]), periodEnd: Date(unixMilliseconds: row["period_end"]),
            scope: scope, cutoff: row["cutoff"], inputDigest: row["input_digest"], earned: row["earned"], maxPoints: row["max_points"],
            eligible: row["eligible"], computedAt: Date(unixMilliseconds: row["computed_at"]), jobID: row["job_id"], stale: row["stale"],
            crossCheckRun: row["crosscheck_run"]
        )
    }

    static func full(_ row: Row) throws -> StoredEvaluationResult {
        let canonical = [UInt8](row["canonical"] as Data)
        return StoredEvaluationResult(summary: try summary(row), canonical: canonical, outcome: try EvaluationOutcome(canonicalJSON: canonical))
    }
}
