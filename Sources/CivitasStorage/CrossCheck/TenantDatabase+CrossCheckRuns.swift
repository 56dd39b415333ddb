import CivitasCore
import Foundation
internal import GRDB

/// What a run was asked to do and what it read: everything of a ``CrossCheckRunRecord``
/// but the counts, which storing the findings decides.
public struct CrossCheckRunIdentity: Hashable, Sendable {
    /// The job's id: a retried job stores under the same id.
    public var id: String
    public var period: String
    public var rules: [CrossCheckRule]
    public var framework: String
    public var frameworkVersion: Int
    public var cutoff: Int64
    public var startedAt: Date

    public init(id: String, period: String, rules: [CrossCheckRule], framework: String, frameworkVersion: Int, cutoff: Int64, startedAt: Date) {
        self.id = id
        self.period = period
        self.rules = rules
        self.framework = framework
        self.frameworkVersion = frameworkVersion
        self.cutoff = cutoff
        self.startedAt = startedAt
    }
}

extension TenantDatabase {
    /// Stores a run's findings and the run itself, in one transaction with an audit entry.
    ///
    /// Upsert by the core's stable id: a finding seen before keeps its workflow state
    /// (status, responsible unit, due date, level, history); only what the rule computes —
    /// figures, the severity and message that follow from them, and the records of a
    /// finding identified by its subject alone (a lateness group a late record joined) —
    /// is refreshed, and only when it changed. A new finding is stored open, with its opening move made by
    /// `system:<run id>`. Findings a run no longer produces stay as they are: a finding
    /// is closed by a person (verified or dismissed), never by a rule going quiet.
    /// Storing the same run again (a retried job) stores nothing new and gives the same
    /// counts: a finding is "new" to the run that first found it.
    public func storeCrossCheckRun(_ run: CrossCheckRunIdentity, findings: [Finding], finishedAt: Date) async throws -> CrossCheckRunRecord {
        let unique = Finding.unique(findings)
        let box = TransactionOutput<CrossCheckRunRecord>()
        try await state.committer.perform { db in
            var written: [String] = []
            var refreshed = 0
            for finding in unique {
                switch try Self.upsert(finding, run: run.id, at: finishedAt, db) {
                case .inserted: written.append(finding.id)
                case .refreshed: written.append(finding.id); refreshed += 1
                case .unchanged: break
                }
            }
            let newFindings = try Int.fetchOne(db, sql: "SELECT count(*) FROM finding WHERE run_id = ?", arguments: [run.id]) ?? 0
            let record = CrossCheckRunRecord(
                id: run.id, period: run.period, rules: run.rules, framework: run.framework, frameworkVersion: run.frameworkVersion,
                cutoff: run.cutoff, startedAt: run.startedAt, finishedAt: finishedAt, found: unique.count, newFindings: newFindings,
                refreshed: refreshed)
            try Self.saveRun(record, db)
            // What the row holds now: a retry keeps the refreshed count of the first attempt.
            let saved = try Row.fetchOne(db, sql: "\(RunColumns.select) WHERE id = ?", arguments: [run.id]).map(RunColumns.decode) ?? record
            try AuditLog.append(
                AuditEntry(
                    at: finishedAt, principal: "system:\(run.id)", action: "crosscheck", subject: "run \(run.id) \(run.period)", sequences: nil,
                    recordCount: written.count, digest: AuditLog.digest(ofText: written.joined(separator: "\n"))),
                db)
            box.set(saved)
            return true
        }
        guard let record = box.value else { throw CivitasError(.internal, "Storing cross-check run \(run.id) produced no record.") }
        return record
    }

    /// The run `id`, or nil.
    public func crossCheckRun(id: String) async throws -> CrossCheckRunRecord? {
        try await pool.read { db in
            try Row.fetchOne(db, sql: "\(RunColumns.select) WHERE id = ?", arguments: [id]).map(RunColumns.decode)
        }
    }

    /// The id of the run of `period` that finished last, or nil when it has none.
    static func latestCrossCheckRunID(period: String, _ db: Database) throws -> String? {
        try String.fetchOne(
            db, sql: "SELECT id FROM crosscheck_run WHERE period = ? ORDER BY finished_at DESC, row DESC LIMIT 1", arguments: [period])
    }

    private enum Upsert { case inserted, refreshed, unchanged }

    /// A known finding keeps its workflow state and first run; what the rule says of it
    /// now (figures, severity, message, and the records of a finding identified by its
    /// subject alone, such as a lateness group that grew) replaces what was stored.
    private static func upsert(_ finding: Finding, run: String, at time: Date, _ db: Database) throws -> Upsert {
        let figures = FindingJSON.text(finding.figures)
        let sequences = FindingColumns.sequencesText(finding.sequences)
        let known = try db.cachedStatement(sql: "SELECT figures, severity, message, sequences FROM finding WHERE id = ?")
        if let row = try Row.fetchOne(known, arguments: [finding.id]) {
            guard row["figures"] != figures || row["severity"] != finding.severity.rawValue || row["message"] != finding.message
                || row["sequences"] != sequences
            else {
                return .unchanged
            }
            try db.cachedStatement(sql: "UPDATE finding SET figures = ?, severity = ?, message = ?, sequences = ?, updated_at = ? WHERE id = ?")
                .execute(arguments: [figures, finding.severity.rawValue, finding.message, sequences, time.unixMilliseconds, finding.id])
            return .refreshed
        }
        let opened = try FindingState.opening(finding, by: .system(run), at: time)
        try db.cachedStatement(sql: """
            INSERT INTO finding (id, rule, subject, severity, state, level, unit, subcommand, found_unit, found_subcommand, period, sequences,
                figures, message, due_at, window_started_at, found_at, run_id, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, ?, ?, ?)
            """).execute(arguments: [
                finding.id, finding.rule.rawValue, finding.subject, finding.severity.rawValue, opened.status.rawValue, opened.level.rawValue,
                opened.unit, opened.subcommand, finding.unit, finding.subcommand, finding.period, sequences,
                figures, finding.message, time.unixMilliseconds, run, time.unixMilliseconds,
            ])
        for (position, move) in opened.history.enumerated() {
            try MoveColumns.insert(move, evidence: [], finding: finding.id, position: position, db)
        }
        return .inserted
    }

    private static func saveRun(_ record: CrossCheckRunRecord, _ db: Database) throws {
        try db.execute(
            sql: """
                INSERT INTO crosscheck_run (id, period, rules, framework, framework_version, cutoff, started_at, finished_at, found, new_findings, refreshed)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (id) DO UPDATE SET period = excluded.period, rules = excluded.rules, framework = excluded.framework,
                    framework_version = excluded.framework_version, cutoff = excluded.cutoff, started_at = excluded.started_at,
                    finished_at = excluded.finished_at, found = excluded.found, new_findings = excluded.new_findings,
                    refreshed = max(refreshed, excluded.refreshed)
                """,
            arguments: [
                record.id, record.period, record.rules.map(\.rawValue).joined(separator: ","), record.framework, record.frameworkVersion,
                record.cutoff, record.startedAt.unixMilliseconds, record.finishedAt.unixMilliseconds, record.found, record.newFindings,
                record.refreshed,
            ])
    }
}

enum RunColumns {
    static let select = """
        SELECT id, period, rules, framework, framework_version, cutoff, started_at, finished_at, found, new_findings, refreshed
        FROM crosscheck_run
        """

    static func decode(_ row: Row) throws -> CrossCheckRunRecord {
        let text: String = row["rules"]
        let rules = try text.split(separator: ",").map { name in
            guard let rule = CrossCheckRule(rawValue: String(name)) else {
                throw CivitasError(.internal, "Cross-check run \(row["id"] as String) names an unknown rule.")
            }
            return rule
        }
        return CrossCheckRunRecord(
            id: row["id"], period: row["period"], rules: rules, framework: row["framework"], frameworkVersion: row["framework_version"],
            cutoff: row["cutoff"], startedAt: Date(unixMilliseconds: row["started_at"]), finishedAt: Date(unixMilliseconds: row["finished_at"]),
            found: row["found"], newFindings: row["new_findings"], refreshed: row["refreshed"])
    }
}
