import CivitasCore
import Foundation
internal import GRDB

/// Which stored records a listing returns.
public struct RecordQuery: Sendable {
    public var channel: Channel
    public var block: BlockFilter
    public var unit: String?
    public var subcommand: String?
    public var period: Period?
    public var includeSuperseded = false
    public var after: Int64?
    public var limit = 100

    public init(channel: Channel, block: BlockFilter) {
        self.channel = channel
        self.block = block
    }
}

extension TenantDatabase {
    /// A page of stored records in sequence order, and the sequence to continue after.
    public func records(_ query: RecordQuery) async throws -> (records: [StoredRecord], nextAfter: Int64?) {
        try await pool.read { db in
            let limit = min(max(query.limit, 1), 1000)
            var conditions: [String] = []
            var arguments: [any DatabaseValueConvertible] = []
            let table: String
            let blockColumn: String
            let timeColumns: (start: String, end: String)
            switch query.channel {
            case .material:
                table = "material_report"
                blockColumn = "(SELECT subcommand_id FROM unit WHERE unit.id = r.unit_id)"
                timeColumns = ("r.period_start", "r.period_end")
                if !query.includeSuperseded { conditions.append(Self.notSuperseded) }
                if let unit = query.unit { conditions.append("r.unit_id = ?"); arguments.append(unit) }
            case .inspection:
                table = "inspection_record"
                blockColumn = "(SELECT subcommand_id FROM inspection_point WHERE inspection_point.id = r.point_id)"
                timeColumns = ("r.observed_at", "r.observed_at")
            case .survey:
                table = "survey_response"
                blockColumn = "r.subcommand_id"
                timeColumns = ("r.submitted_at", "r.submitted_at")
            case .feed:
                table = "feed_point"
                blockColumn = "r.subcommand_id"
                timeColumns = ("r.observed_at", "r.observed_at")
            }
            switch try Self.visibleBlock(query, db) {
            case .everything: break
            case .subcommand(let id): conditions.append("\(blockColumn) = ?"); arguments.append(id)
            case .onlyUnit(let id):
                guard query.channel == .material else { return ([], nil) }
                conditions.append("r.unit_id = ?")
                arguments.append(id)
            }
            if let period = query.period {
                // Timed records count when their time lies in the period; material reports
                // when their reporting period lies inside it (DOMAIN §3.1).
                if query.channel == .material {
                    conditions.append("\(timeColumns.start) >= ? AND \(timeColumns.end) <= ?")
                } else {
                    conditions.append("\(timeColumns.start) >= ? AND \(timeColumns.end) < ?")
                }
                arguments += [period.start.unixMilliseconds, period.end.unixMilliseconds]
            }
            if let after = query.after { conditions.append("r.sequence > ?"); arguments.append(after) }
            let superseded = query.channel == .material ? "NOT (\(Self.notSuperseded))" : "0"
            let sql = """
                SELECT r.*, \(superseded) AS superseded FROM \(table) r
                \(conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND "))
                ORDER BY r.sequence LIMIT \(limit + 1)
                """
            var rows = try Row.fetchAll(db, sql: sql, arguments: StatementArguments(arguments))
            let more = rows.count > limit
            if more { rows.removeLast() }
            let records = try Self.decode(rows, channel: query.channel, db)
            return (records, more ? records.last?.sequence : nil)
        }
    }

    static let notSuperseded = """
        NOT EXISTS (SELECT 1 FROM material_report newer WHERE newer.unit_id = r.unit_id AND newer.indicator = r.indicator
                    AND newer.period = r.period AND newer.sequence > r.sequence)
        """

    static func decode(_ rows: [Row], channel: Channel, _ db: Database) throws -> [StoredRecord] {
        let sequences = rows.map { $0["sequence"] as Int64 }
        let evidence = channel == .material
            ? try StoredRecordDecoding.children(db, table: "evidence", sequences: sequences, decode: StoredRecordDecoding.evidence) : [:]
        let checks = channel == .inspection
            ? try StoredRecordDecoding.children(db, table: "inspection_check", sequences: sequences, decode: StoredRecordDecoding.check) : [:]
        return rows.map { row in
            let sequence: Int64 = row["sequence"]
            let content: StoredRecord.Content = switch channel {
            case .material: .material(StoredRecordDecoding.material(row, evidence: evidence[sequence] ?? []))
            case .inspection: .inspection(StoredRecordDecoding.inspection(row, checks: checks[sequence] ?? []))
            case .survey: .survey(StoredRecordDecoding.survey(row))
            case .feed: .feed(StoredRecordDecoding.feed(row))
            }
            return StoredRecord(
                sequence: sequence, principal: row["principal"], receivedAt: Date(unixMilliseconds: row["received_at"]),
                superseded: (row["superseded"] as Bool?) ?? false, contentSHA256: row["content_sha256"], content: content
            )
        }
    }

    private enum Visible { case everything, subcommand(String), onlyUnit(String) }

    private static func visibleBlock(_ query: RecordQuery, _ db: Database) throws -> Visible {
        let allowed: Visible
        switch query.block {
        case .everything: allowed = .everything
        case .subcommand(let id): allowed = .subcommand(id)
        case .unit(let id):
            let block = try String.fetchOne(db, sql: "SELECT subcommand_id FROM unit WHERE id = ?", arguments: [id])
            allowed = block.map(Visible.subcommand) ?? .onlyUnit(id)
        }
        guard let requested = query.subcommand, !requested.isEmpty else { return allowed }
        switch allowed {
        case .everything: return .subcommand(requested)
        case .subcommand(let own) where own == requested: return allowed
        default:
            throw CivitasError.permissionDenied("This credential sees only its own block and cannot list sub-command \(requested.prefix(64)).")
        }
    }
}
