import CivitasCore
import Foundation
internal import GRDB

/// How the `finding` and `finding_move` tables map to the core's ``Finding``,
/// ``FindingState`` and ``FindingMove``. Figures and evidence are JSON text; sequences a
/// comma-separated list.
enum FindingColumns {
    static let select = """
        SELECT row, id, rule, subject, severity, state, level, unit, subcommand, found_unit, found_subcommand, period, sequences,
            figures, message, due_at, window_started_at, found_at, run_id
        FROM finding
        """

    /// A finding row, with `moves` as its history (empty in listings).
    static func decode(_ row: Row, moves: [StoredMove]) throws -> StoredFinding {
        let id: String = row["id"]
        func unreadable(_ field: String) -> CivitasError {
            CivitasError(.internal, "Stored finding \(id) has an unreadable \(field).")
        }
        guard let rule = CrossCheckRule(rawValue: row["rule"]) else { throw unreadable("rule") }
        guard let severity = FindingSeverity(rawValue: row["severity"]) else { throw unreadable("severity") }
        guard let status = FindingStatus(rawValue: row["state"]) else { throw unreadable("state") }
        guard let level = SupervisionLevel(rawValue: row["level"]) else { throw unreadable("level") }
        guard let sequences = parseSequences(row["sequences"]) else { throw unreadable("sequences") }
        guard let figures = FindingJSON.figures(row["figures"]) else { throw unreadable("figures") }
        // Which identity the rule chose is not stored: it is the one the id hashes to.
        let subject: String = row["subject"]
        guard let identity = Finding.Identity.allCases.first(where: { identity in
            Finding.identity(rule: rule, sequences: sequences, subject: subject, identity: identity) == id
        }) else { throw CivitasError(.internal, "Stored finding \(id) no longer hashes to its id.") }
        let finding = Finding(
            rule: rule, subject: subject, sequences: sequences, figures: figures, severity: severity, unit: row["found_unit"],
            subcommand: row["found_subcommand"], period: row["period"], message: row["message"], identity: identity)
        let state = FindingState(
            restoring: id, status: status, unit: row["unit"], subcommand: row["subcommand"], dueAt: date(row["due_at"]),
            windowStartedAt: date(row["window_started_at"]), level: level,
            rectification: moves.last { $0.move.action == "rectify" }.map { Rectification(note: $0.move.note, evidence: $0.evidence) },
            history: moves.map(\.move))
        return StoredFinding(
            finding: finding, state: state, foundAt: Date(unixMilliseconds: row["found_at"]), runID: row["run_id"], position: row["row"])
    }

    static func sequencesText(_ sequences: [Int64]) -> String {
        sequences.map(String.init).joined(separator: ",")
    }

    static func parseSequences(_ text: String) -> [Int64]? {
        guard !text.isEmpty else { return [] }
        var sequences: [Int64] = []
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            guard let sequence = Int64(part) else { return nil }
            sequences.append(sequence)
        }
        return sequences
    }

    static func date(_ milliseconds: Int64?) -> Date? { milliseconds.map(Date.init(unixMilliseconds:)) }
}

/// A move as stored: the core's move plus the evidence a rectification attached.
struct StoredMove: Sendable {
    var move: FindingMove
    var evidence: [Evidence]
}

enum MoveColumns {
    static let select = """
        SELECT finding, position, action, from_state, to_state, by, role, at, note, unit, due_at, level, evidence
        FROM finding_move
        """

    static func decode(_ row: Row) throws -> StoredMove {
        let finding: String = row["finding"]
        let unreadable = CivitasError(.internal, "A stored move of finding \(finding) is unreadable.")
        let fromText: String? = row["from_state"]
        let roleText: String? = row["role"]
        guard let to = FindingStatus(rawValue: row["to_state"]), let level = SupervisionLevel(rawValue: row["level"]) else { throw unreadable }
        let from = try fromText.map { text in
            guard let status = FindingStatus(rawValue: text) else { throw unreadable }
            return status
        }
        let role = try roleText.map { text in
            guard let role = Role(rawValue: text) else { throw unreadable }
            return role
        }
        var evidence: [Evidence] = []
        if let text = row["evidence"] as String? {
            guard let parsed = FindingJSON.evidence(text) else { throw unreadable }
            evidence = parsed
        }
        return StoredMove(
            move: FindingMove(
                action: row["action"], from: from, to: to, by: row["by"], role: role, at: Date(unixMilliseconds: row["at"]), note: row["note"],
                level: level, unit: row["unit"], dueAt: FindingColumns.date(row["due_at"])),
            evidence: evidence)
    }

    /// Appends `move` at `position` of `finding`'s history.
    static func insert(_ move: FindingMove, evidence: [Evidence], finding: String, position: Int, _ db: Database) throws {
        let statement = try db.cachedStatement(sql: """
            INSERT INTO finding_move (finding, position, action, from_state, to_state, by, role, at, note, unit, due_at, level, evidence)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        try statement.execute(arguments: [
            finding, position, move.action, move.from?.rawValue, move.to.rawValue, move.by, move.role?.rawValue, move.at.unixMilliseconds,
            move.note, move.unit, move.dueAt?.unixMilliseconds, move.level.rawValue, evidence.isEmpty ? nil : FindingJSON.text(evidence),
        ])
    }
}

/// The JSON columns: figures as `{"name": number}` with sorted keys, evidence as an array
/// of `{"file_name", "sha256", "size", "media_type"}` (the bytes are not kept).
enum FindingJSON {
    private struct EvidenceEntry: Codable {
        var file_name: String
        var sha256: String
        var size: UInt64
        var media_type: String
    }

    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    /// Figures that are not finite are left out: JSON has no spelling for them, and no
    /// rule reports one.
    static func text(_ figures: [String: Double]) -> String {
        let finite = figures.filter { $0.value.isFinite }
        return String(decoding: (try? encoder.encode(finite)) ?? Data("{}".utf8), as: UTF8.self)
    }

    static func figures(_ text: String) -> [String: Double]? {
        try? JSONDecoder().decode([String: Double].self, from: Data(text.utf8))
    }

    static func text(_ evidence: [Evidence]) -> String {
        let entries = evidence.map { EvidenceEntry(file_name: $0.fileName, sha256: $0.sha256, size: $0.size, media_type: $0.mediaType) }
        return String(decoding: (try? encoder.encode(entries)) ?? Data("[]".utf8), as: UTF8.self)
    }

    static func evidence(_ text: String) -> [Evidence]? {
        guard let entries = try? JSONDecoder().decode([EvidenceEntry].self, from: Data(text.utf8)) else { return nil }
        return entries.map { Evidence(fileName: $0.file_name, sha256: $0.sha256, size: $0.size, mediaType: $0.media_type) }
    }
}
