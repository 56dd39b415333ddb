import CivitasCore
import Foundation
internal import GRDB

extension TenantDatabase {
    /// Validates and stores a batch in one transaction: all of it, or (with problems
    /// listed) none of it. `dryRun` validates and counts without storing.
    /// `principal` names the writer in the audit log (a credential id).
    public func writeOrganization(
        _ batch: OrganizationBatch, mode: OrganizationWriteMode, dryRun: Bool = false, now: Date = Date(),
        principal: String = "local"
    ) async throws -> OrganizationWriteResult {
        do {
            let result = try await writeOrganizationInTransaction(batch, mode: mode, dryRun: dryRun, now: now, principal: principal)
            state.forgetOrganization()
            return result
        } catch let rollback as DryRunRollback {
            return .written(rollback.summary)
        }
    }

    private func writeOrganizationInTransaction(
        _ batch: OrganizationBatch, mode: OrganizationWriteMode, dryRun: Bool, now: Date, principal: String
    ) async throws -> OrganizationWriteResult {
        try await pool.write { db in
            var known = try Dictionary(
                Row.fetchAll(db, sql: "SELECT id, active FROM subcommand").map { ($0["id"] as String, $0["active"] as Bool) },
                uniquingKeysWith: { first, _ in first }
            )
            let problems: [RecordProblem]
            let writer: (Database) throws -> OrganizationWriteSummary
            switch batch {
            case .subcommands(var list):
                if mode == .create { for index in list.indices { list[index].active = true } }
                for entity in list { known[entity.id] = entity.active }
                problems = try OrganizationBatchValidator(subcommands: known).problems(subcommands: list)
                    + Self.existenceProblems(SubcommandRow.self, list.map(\.id), mode: mode, db)
                    + Self.deactivationProblems(list, db)
                writer = { db in try Self.store(SubcommandRow.self, list, ids: list.map(\.id), now: now, db) }
            case .units(var list):
                if mode == .create { for index in list.indices { list[index].active = true } }
                problems = OrganizationBatchValidator(subcommands: known).problems(units: list)
                    + (try Self.existenceProblems(UnitRow.self, list.map(\.id), mode: mode, db))
                writer = { db in try Self.store(UnitRow.self, list, ids: list.map(\.id), now: now, db) }
            case .points(var list):
                if mode == .create { for index in list.indices { list[index].active = true } }
                problems = OrganizationBatchValidator(subcommands: known).problems(points: list)
                    + (try Self.existenceProblems(PointRow.self, list.map(\.id), mode: mode, db))
                writer = { db in try Self.store(PointRow.self, list, ids: list.map(\.id), now: now, db) }
            }
            guard problems.isEmpty else {
                return .refused(problems.sorted { ($0.index, $0.field) < ($1.index, $1.field) })
            }
            let summary = try writer(db)
            if dryRun { throw DryRunRollback(summary: summary) }
            if summary.created + summary.updated > 0 {
                try AuditLog.append(
                    AuditEntry(at: now, principal: principal, action: "organization", subject: batch.kind.plural, sequences: nil,
                               recordCount: summary.created + summary.updated, digest: AuditLog.digest(ofText: "\(batch)")),
                    db
                )
            }
            return .written(summary)
        }
    }

    /// Deactivates one entity (idempotent: an inactive one is returned unchanged, and
    /// only a real change is audited). A sub-command with active units or points cannot
    /// be deactivated: they would be left pointing at a closed block.
    public func deactivate(
        _ kind: OrganizationKind, id: String, now: Date = Date(), principal: String = "local"
    ) async throws -> OrganizationEntity {
        defer { state.forgetOrganization() }
        return try await pool.write { db in
            let entity: OrganizationEntity
            var changed = false
            switch kind {
            case .subcommand:
                var row = try Self.existing(SubcommandRow.self, id, kind, db)
                if row.active {
                    if let problem = try Self.activeChildrenProblem(id, db) { throw CivitasError.failedPrecondition(problem) }
                    (row.active, row.updatedAt, changed) = (false, now, true)
                    try row.update(db)
                }
                entity = .subcommand(row.entity)
            case .unit:
                var row = try Self.existing(UnitRow.self, id, kind, db)
                if row.active { (row.active, row.updatedAt, changed) = (false, now, true); try row.update(db) }
                entity = .unit(row.entity)
            case .point:
                var row = try Self.existing(PointRow.self, id, kind, db)
                if row.active { (row.active, row.updatedAt, changed) = (false, now, true); try row.update(db) }
                entity = .point(row.entity)
            }
            if changed {
                try AuditLog.append(
                    AuditEntry(at: now, principal: principal, action: "deactivate", subject: "\(kind.rawValue) \(id)", sequences: nil,
                               recordCount: 1, digest: AuditLog.digest(ofText: id)),
                    db
                )
            }
            return entity
        }
    }

    // MARK: Internals

    /// Thrown out of the write transaction so that a dry run rolls back everything it did.
    private struct DryRunRollback: Error { var summary: OrganizationWriteSummary }

    private static func existing<R: OrganizationRow>(
        _ type: R.Type, _ id: String, _ kind: OrganizationKind, _ db: Database
    ) throws -> R {
        guard let row = try R.fetchOne(db, key: id) else {
            throw CivitasError.notFound("No \(kind.rawValue) has id \"\(id.prefix(64))\".")
        }
        return row
    }

    private static func existenceProblems<R: OrganizationRow>(
        _ type: R.Type, _ ids: [String], mode: OrganizationWriteMode, _ db: Database
    ) throws -> [RecordProblem] {
        guard mode != .upsert else { return [] }
        let existing = try Set(String.fetchAll(db, R.select(Column("id")).filter(keys: ids)))
        return ids.enumerated().compactMap { index, id in
            switch (mode, existing.contains(id)) {
            case (.create, true): RecordProblem(index: index, record: id, field: "id", reason: "already exists")
            case (.update, false): RecordProblem(index: index, record: id, field: "id", reason: "does not exist")
            default: nil
            }
        }
    }

    private static func deactivationProblems(_ list: [Subcommand], _ db: Database) throws -> [RecordProblem] {
        try list.enumerated().compactMap { index, entity in
            guard !entity.active, let reason = try activeChildrenProblem(entity.id, db) else { return nil }
            return RecordProblem(index: index, record: entity.id, field: "active", reason: reason)
        }
    }

    private static func activeChildrenProblem(_ subcommand: String, _ db: Database) throws -> String? {
        let units = try UnitRow.filter(Column("subcommand_id") == subcommand && Column("active") == true).fetchCount(db)
        let points = try PointRow.filter(Column("subcommand_id") == subcommand && Column("active") == true).fetchCount(db)
        guard units + points > 0 else { return nil }
        return "sub-command \(subcommand) still has \(units) active unit(s) and \(points) active point(s); "
            + "deactivate or move them first"
    }

    private static func store<R: OrganizationRow>(
        _ type: R.Type, _ entities: [R.Entity], ids: [String], now: Date, _ db: Database
    ) throws -> OrganizationWriteSummary {
        let existing = try Dictionary(uniqueKeysWithValues: R.fetchAll(db, keys: ids).map { ($0.id, $0) })
        var summary = OrganizationWriteSummary()
        for (id, entity) in zip(ids, entities) {
            if let old = existing[id] {
                if old.entity == entity {
                    summary.unchanged += 1
                } else {
                    try R(entity, createdAt: old.createdAt, updatedAt: now).update(db)
                    summary.updated += 1
                }
            } else {
                try R(entity, createdAt: now, updatedAt: now).insert(db)
                summary.created += 1
            }
        }
        return summary
    }
}

/// One entity of any kind, as returned by single-entity calls.
public enum OrganizationEntity: Hashable, Sendable {
    case subcommand(Subcommand)
    case unit(WorkUnit)
    case point(InspectionPoint)
}
