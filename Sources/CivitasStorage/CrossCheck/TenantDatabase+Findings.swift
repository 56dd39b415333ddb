import CivitasCore
import Foundation
internal import GRDB

extension TenantDatabase {
    /// A page of findings in the order they were first found, filtered as `query` says and
    /// never outside its view. Listed findings carry no history.
    public func findings(_ query: FindingQuery) async throws -> FindingPage {
        try await pool.read { db in
            var conditions = ["row > ?"]
            var arguments: StatementArguments = [query.after ?? 0]
            switch query.view {
            case .everything: break
            case .subcommand(let id): conditions.append("subcommand = ?"); arguments += [id]
            case .unit(let id): conditions.append("unit = ?"); arguments += [id]
            }
            if let period = query.period { conditions.append("period = ?"); arguments += [period] }
            if let status = query.status { conditions.append("state = ?"); arguments += [status.rawValue] }
            if let subcommand = query.subcommand { conditions.append("subcommand = ?"); arguments += [subcommand] }
            if let rules = query.rules {
                guard !rules.isEmpty else { return FindingPage(findings: [], nextAfter: nil) }
                conditions.append("rule IN (\(rules.map { _ in "?" }.joined(separator: ", ")))")
                arguments += StatementArguments(rules.map(\.rawValue))
            }
            if let now = query.overdueAt {
                conditions.append("state IN ('assigned', 'reopened') AND due_at < ?")
                arguments += [now.unixMilliseconds]
            }
            let limit = min(max(query.limit, 1), 1000)
            arguments += [limit + 1]
            let rows = try Row.fetchAll(
                db, sql: "\(FindingColumns.select) WHERE \(conditions.joined(separator: " AND ")) ORDER BY row LIMIT ?", arguments: arguments)
            let page = try rows.prefix(limit).map { try FindingColumns.decode($0, moves: []) }
            return FindingPage(findings: page, nextAfter: rows.count > limit ? page.last?.position : nil)
        }
    }

    /// The finding `id` with its whole history, or nil when there is none.
    public func finding(id: String) async throws -> StoredFinding? {
        try await pool.read { db in try Self.loadFinding(id, db) }
    }

    /// Moves finding `id` through rectification as `principal` asks (DOMAIN §7), in one
    /// transaction with the move and an audit entry. The core's workflow decides
    /// (``FindingState/applying(_:by:at:organization:)``) and its refusals are thrown as
    /// they are; a finding outside `view` is not found, as when reading it.
    public func transitionFinding(
        _ id: String, _ action: FindingAction, by principal: Principal, at time: Date, view: FindingView
    ) async throws -> StoredFinding {
        let organization = try await organizationSnapshot()
        let box = TransactionOutput<StoredFinding>()
        try await state.committer.perform { db in
            guard var stored = try Self.loadFinding(id, db), view.contains(stored.state) else {
                throw CivitasError.notFound("There is no finding \(id.prefix(64)) in your view of tenant data.")
            }
            let (next, move) = try stored.state.applying(action, by: principal, at: time, organization: organization)
            var evidence: [Evidence] = []
            if case .rectify(_, let attached) = action { evidence = attached }
            try Self.saveState(next, at: time, db)
            try MoveColumns.insert(move, evidence: evidence, finding: id, position: stored.state.history.count, db)
            try AuditLog.append(
                AuditEntry(
                    at: time, principal: principal.credentialID, action: "finding", subject: "finding \(id) \(move.action)", sequences: nil,
                    recordCount: 1, digest: AuditLog.digest(ofText: "\(id)\n\(move.from?.rawValue ?? "")\n\(move.to.rawValue)\n\(move.note)")),
                db)
            stored.state = next
            box.set(stored)
            return true
        }
        guard let stored = box.value else { throw CivitasError(.internal, "Moving finding \(id) produced no state.") }
        return stored
    }

    /// Graded supervision at `now` (DOMAIN §7): every finding still waiting on its unit
    /// past its due date moves up one level (``GradedSupervision/escalate(_:now:)``), each
    /// move recorded as made by `actor` (`system:<job id>`), in one transaction with an
    /// audit entry. Running it again at the same `now` escalates nothing.
    public func escalateOverdueFindings(at now: Date, actor: String) async throws -> [GradedSupervision.Escalation] {
        let box = TransactionOutput<[GradedSupervision.Escalation]>()
        try await state.committer.perform { db in
            let rows = try Row.fetchAll(
                db, sql: "\(FindingColumns.select) WHERE state IN ('assigned', 'reopened') AND due_at < ? AND level < ? ORDER BY id",
                arguments: [now.unixMilliseconds, SupervisionLevel.hq.rawValue])
            let states = try rows.map { try FindingColumns.decode($0, moves: []).state }
            let escalations = GradedSupervision.escalate(states, now: now).map { escalation in
                var recorded = escalation
                recorded.move.by = actor
                return recorded
            }
            for escalation in escalations {
                let id = escalation.state.findingID
                let position = try Int.fetchOne(db, sql: "SELECT count(*) FROM finding_move WHERE finding = ?", arguments: [id]) ?? 0
                try Self.saveState(escalation.state, at: now, db)
                try MoveColumns.insert(escalation.move, evidence: [], finding: id, position: position, db)
            }
            box.set(escalations)
            guard !escalations.isEmpty else { return false }
            try AuditLog.append(
                AuditEntry(
                    at: now, principal: actor, action: "escalate", subject: "graded supervision", sequences: nil, recordCount: escalations.count,
                    digest: AuditLog.digest(ofText: escalations.map { "\($0.state.findingID) \($0.from.rawValue)->\($0.to.rawValue)" }.joined(separator: "\n"))),
                db)
            return true
        }
        return box.value ?? []
    }

    // MARK: Internals

    static func loadFinding(_ id: String, _ db: Database) throws -> StoredFinding? {
        guard let row = try Row.fetchOne(db, sql: "\(FindingColumns.select) WHERE id = ?", arguments: [id]) else { return nil }
        let moves = try Row.fetchAll(db, sql: "\(MoveColumns.select) WHERE finding = ? ORDER BY position", arguments: [id]).map(MoveColumns.decode)
        return try FindingColumns.decode(row, moves: moves)
    }

    /// Writes the workflow columns of `state` (the figures are the runs' business).
    static func saveState(_ state: FindingState, at time: Date, _ db: Database) throws {
        try db.execute(
            sql: """
                UPDATE finding SET state = ?, level = ?, unit = ?, subcommand = ?, due_at = ?, window_started_at = ?, updated_at = ?
                WHERE id = ?
                """,
            arguments: [
                state.status.rawValue, state.level.rawValue, state.unit, state.subcommand, state.dueAt?.unixMilliseconds,
                state.windowStartedAt?.unixMilliseconds, time.unixMilliseconds, state.findingID,
            ])
    }
}
