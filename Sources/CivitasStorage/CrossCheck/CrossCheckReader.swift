import CivitasCore
import Foundation
internal import GRDB

/// Reads what a run needs (``CrossCheckPlan``) into a ``CrossCheckInput``, streaming rows
/// through SQLite's C API as the evaluation does (``RowStream``), inside one read
/// transaction so that every rule sees the same records up to one cut-off. Which records
/// belong to the period is the evaluation's rule (DOMAIN §3.1): material reports whose
/// reporting period lies inside it, inspections and feed points by observed time,
/// survey responses by submitted time.
struct CrossCheckReader {
    let plan: CrossCheckPlan
    let organization: OrganizationSnapshot
    let timeZone: TimeZone
    var input = CrossCheckInput()

    init(plan: CrossCheckPlan, organization: OrganizationSnapshot, timeZone: TimeZone) {
        self.plan = plan
        self.organization = organization
        self.timeZone = timeZone
        if !plan.peers.leaves.isEmpty {
            input.peerData = EvaluationData(period: plan.period, timeZone: timeZone, surveyMinimumDurations: plan.surveyMinimums)
        }
    }

    /// Everything the plan asks for, up to the tenant's last sequence number now.
    static func read(_ plan: CrossCheckPlan, organization: OrganizationSnapshot, timeZone: TimeZone, _ db: Database) throws -> CrossCheckInput {
        var reader = CrossCheckReader(plan: plan, organization: organization, timeZone: timeZone)
        reader.input.cutoff = try TenantDatabase.lastSequence(db)
        try reader.materials(db)
        if plan.readsEvidence { try reader.evidence(db) }
        if let oldest = plan.history.last { try reader.history(from: oldest.start.unixMilliseconds, db) }
        if plan.readsInspections { try reader.inspections(db) }
        if plan.readsSurveys { try reader.surveys(db) }
        if plan.readsFeeds { try reader.feeds(db) }
        reader.input.peerData?.advance(to: reader.input.cutoff)
        return reader.input
    }

    private static let materialColumns = """
        SELECT sequence, content_sha256, unit_id, indicator, period_start, period_end, value, provided, received_at FROM material_report
        """

    private mutating func materials(_ db: Database) throws {
        let statement = try db.cachedStatement(sql: """
            \(Self.materialColumns) WHERE sequence <= ? AND period_start >= ? AND period_end <= ? ORDER BY sequence
            """)
        try RowStream(statement, arguments: [input.cutoff, plan.periodStart, plan.periodEnd]).forEach { row in
            let report = EvaluationRow.Material(
                sequence: row.int64(0), contentHash: try row.contentHash(1), unit: row.text(2), indicator: row.text(3),
                periodStartMilliseconds: row.int64(4), periodEndMilliseconds: row.int64(5), value: row.optionalDouble(6),
                provided: row.optionalBool(7))
            input.materials.append(report)
            input.recordsRead += 1
            if plan.peers.materialIndicators.contains(report.indicator) { input.peerData?.add(report) }
            if plan.lateness, row.int64(8) > plan.deadline {
                input.lateReceipts.append(LatenessRule.Receipt(
                    sequence: report.sequence, channel: .material, receivedAtMilliseconds: row.int64(8), code: report.indicator,
                    unit: report.unit, subcommand: organization.units[report.unit]?.subcommand))
            }
        }
    }

    private mutating func evidence(_ db: Database) throws {
        let statement = try db.cachedStatement(sql: """
            SELECT e.sequence, e.sha256, m.unit_id, m.indicator
            FROM evidence e JOIN material_report m ON m.sequence = e.sequence
            WHERE m.sequence <= ? AND m.period_start >= ? AND m.period_end <= ?
            ORDER BY e.sequence, e.position
            """)
        try RowStream(statement, arguments: [input.cutoff, plan.periodStart, plan.periodEnd]).forEach { row in
            input.evidence.append(DuplicateEvidenceRule.Use(sha256: row.text(1), sequence: row.int64(0), unit: row.text(2), indicator: row.text(3)))
        }
    }

    /// Reports whose reporting period lies between `start` and the period's start.
    private mutating func history(from start: Int64, _ db: Database) throws {
        let statement = try db.cachedStatement(sql: """
            \(Self.materialColumns) WHERE sequence <= ? AND period_start >= ? AND period_end <= ? ORDER BY sequence
            """)
        try RowStream(statement, arguments: [input.cutoff, start, plan.periodStart]).forEach { row in
            input.history.append(EvaluationRow.Material(
                sequence: row.int64(0), contentHash: try row.contentHash(1), unit: row.text(2), indicator: row.text(3),
                periodStartMilliseconds: row.int64(4), periodEndMilliseconds: row.int64(5), value: row.optionalDouble(6),
                provided: row.optionalBool(7)))
        }
    }

    /// One row per check, grouped back into records (checks in their stored order).
    private mutating func inspections(_ db: Database) throws {
        let statement = try db.cachedStatement(sql: """
            SELECT r.sequence, r.content_sha256, r.point_id, r.observed_at, r.received_at, c.check_code, c.passed
            FROM inspection_record r LEFT JOIN inspection_check c ON c.sequence = r.sequence
            WHERE r.sequence <= ? AND r.observed_at >= ? AND r.observed_at < ?
            ORDER BY r.sequence, c.position
            """)
        var current: EvaluationRow.Inspection?
        try RowStream(statement, arguments: [input.cutoff, plan.periodStart, plan.periodEnd]).forEach { row in
            let sequence = row.int64(0)
            if current?.sequence != sequence {
                if let finished = current { keep(finished) }
                current = EvaluationRow.Inspection(
                    sequence: sequence, contentHash: try row.contentHash(1), point: row.text(2), observedAtMilliseconds: row.int64(3), checks: [])
                if plan.lateness, row.int64(4) > plan.deadline, let point = current?.point {
                    input.lateReceipts.append(LatenessRule.Receipt(
                        sequence: sequence, channel: .inspection, receivedAtMilliseconds: row.int64(4), code: point, unit: nil,
                        subcommand: organization.points[point]?.subcommand))
                }
            }
            if !row.isNull(5) { current?.checks.append((code: row.text(5), passed: row.int64(6) != 0)) }
        }
        if let finished = current { keep(finished) }
    }

    private mutating func keep(_ record: EvaluationRow.Inspection) {
        input.inspections.append(record)
        input.recordsRead += 1
        if record.checks.contains(where: { plan.peers.checks.contains($0.code) }) { input.peerData?.add(record) }
    }
}
