import CivitasCore
import Foundation
internal import GRDB

extension TenantDatabase {
    /// The declared codes (cached until the next declaration).
    public func codes() async throws -> CodeRegistry {
        let (cached, generation) = state.codes
        if let cached { return cached }
        let codes = try await pool.read { db in try Self.loadCodes(db) }
        state.remember(codes: codes, loadedAt: generation)
        return codes
    }

    /// Replaces the whole code registry with `registry` (already validated) in one
    /// transaction, with an audit entry.
    public func declareCodes(_ registry: CodeRegistry, principal: String, now: Date) async throws {
        try await state.committer.perform { db in
            try Self.replaceCodes(with: registry, db)
            let count = registry.indicators.count + registry.surveys.count + registry.feedMetrics.count + registry.checklistItems.count
            try AuditLog.append(
                AuditEntry(at: now, principal: principal, action: "declare", subject: "codes", sequences: nil, recordCount: count,
                           digest: AuditLog.digest(ofText: "\(registry)")),
                db
            )
            return true
        }
        state.forgetCodes()
    }

    /// Writes `registry` over the code tables (inside the caller's transaction): what a
    /// declaration and a framework's publication both do.
    static func replaceCodes(with registry: CodeRegistry, _ db: Database) throws {
        for table in ["code_indicator_unit", "code_indicator", "code_survey_question", "code_survey", "code_feed_metric", "code_checklist_item"] {
            try db.execute(sql: "DELETE FROM \(table)")
        }
        for indicator in registry.indicators.values.sorted(by: { $0.code < $1.code }) {
            try db.execute(
                sql: "INSERT INTO code_indicator (code, method, value_kind, min, max) VALUES (?, ?, ?, ?, ?)",
                arguments: [indicator.code, indicator.method.rawValue, indicator.valueKind?.rawValue, indicator.range?.lowerBound, indicator.range?.upperBound]
            )
            for unit in indicator.units.sorted() {
                try db.execute(sql: "INSERT INTO code_indicator_unit (code, unit_id) VALUES (?, ?)", arguments: [indicator.code, unit])
            }
        }
        for survey in registry.surveys.values.sorted(by: { $0.code < $1.code }) {
            try db.execute(sql: "INSERT INTO code_survey (code, min_duration_seconds) VALUES (?, ?)", arguments: [survey.code, survey.minimumDurationSeconds])
            for (position, question) in survey.questions.sorted().enumerated() {
                try db.execute(
                    sql: "INSERT INTO code_survey_question (survey, question, position) VALUES (?, ?, ?)",
                    arguments: [survey.code, question, position]
                )
            }
        }
        for metric in registry.feedMetrics.values.sorted(by: { $0.code < $1.code }) {
            try db.execute(
                sql: "INSERT INTO code_feed_metric (code, unit, min, max) VALUES (?, ?, ?, ?)",
                arguments: [metric.code, metric.unit, metric.range.lowerBound, metric.range.upperBound]
            )
        }
        for item in registry.checklistItems.values.sorted(by: { $0.code < $1.code }) {
            try db.execute(sql: "INSERT INTO code_checklist_item (code, description) VALUES (?, ?)", arguments: [item.code, item.description])
        }
    }

    static func loadCodes(_ db: Database) throws -> CodeRegistry {
        var registry = CodeRegistry()
        var units: [String: Set<String>] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT code, unit_id FROM code_indicator_unit") {
            units[row["code"], default: []].insert(row["unit_id"])
        }
        for row in try Row.fetchAll(db, sql: "SELECT code, method, value_kind, min, max FROM code_indicator") {
            let code: String = row["code"]
            guard let method = Channel(rawValue: row["method"]) else { continue }
            let min: Double? = row["min"]
            let max: Double? = row["max"]
            registry.indicators[code] = .init(
                code: code, method: method, valueKind: (row["value_kind"] as String?).flatMap(CodeRegistry.ValueKind.init(rawValue:)),
                range: min.flatMap { lower in max.map { lower...$0 } }, units: units[code] ?? []
            )
        }
        var questions: [String: Set<String>] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT survey, question FROM code_survey_question") {
            questions[row["survey"], default: []].insert(row["question"])
        }
        for row in try Row.fetchAll(db, sql: "SELECT code, min_duration_seconds FROM code_survey") {
            let code: String = row["code"]
            registry.surveys[code] = .init(code: code, questions: questions[code] ?? [], minimumDurationSeconds: row["min_duration_seconds"])
        }
        for row in try Row.fetchAll(db, sql: "SELECT code, unit, min, max FROM code_feed_metric") {
            let code: String = row["code"]
            registry.feedMetrics[code] = .init(code: code, unit: row["unit"], range: (row["min"] as Double)...(row["max"] as Double))
        }
        for row in try Row.fetchAll(db, sql: "SELECT code, description FROM code_checklist_item") {
            let code: String = row["code"]
            registry.checklistItems[code] = .init(code: code, description: row["description"])
        }
        return registry
    }

    /// The organization as submissions validate against it (cached until it changes).
    public func organizationSnapshot() async throws -> OrganizationSnapshot {
        let (cached, generation) = state.organization
        if let cached { return cached }
        let snapshot = try await pool.read { db in
            OrganizationSnapshot(
                subcommands: try Dictionary(
                    uniqueKeysWithValues: Row.fetchAll(db, sql: "SELECT id, active FROM subcommand").map { ($0["id"], $0["active"]) }
                ),
                units: try Dictionary(
                    uniqueKeysWithValues: Row.fetchAll(db, sql: "SELECT id, subcommand_id, active FROM unit").map {
                        ($0["id"], OrganizationSnapshot.UnitEntry(subcommand: $0["subcommand_id"], active: $0["active"]))
                    }
                ),
                points: try Dictionary(
                    uniqueKeysWithValues: Row.fetchAll(db, sql: "SELECT id, subcommand_id, active FROM inspection_point").map {
                        ($0["id"], OrganizationSnapshot.PointEntry(subcommand: $0["subcommand_id"], active: $0["active"]))
                    }
                )
            )
        }
        state.remember(organization: snapshot, loadedAt: generation)
        return snapshot
    }
}
