import CivitasCore
import Foundation
internal import GRDB

extension TenantDatabase {
    /// Publishes `candidate` as the next version of its code, in one transaction with the
    /// merge of its codes into the tenant's code registry and an audit entry. Refused (with
    /// the path of each) when a material indicator names a unit the tenant does not have.
    /// Publishing the latest version's document again returns that version unchanged.
    public func publishFramework(
        _ candidate: FrameworkCandidate, principal: String, now: Date, dryRun: Bool
    ) async throws -> FrameworkPublication {
        let outcome = TransactionOutput<FrameworkPublication>()
        try await state.committer.perform { db in
            let publication = try Self.publish(candidate, principal: principal, now: now, db)
            outcome.set(publication)
            guard case .published(_, isNew: true) = publication, !dryRun else { return false }
            return true
        }
        guard let publication = outcome.value else {
            throw CivitasError(.internal, "Publishing framework \(candidate.framework.code) produced no outcome.")
        }
        if case .published(_, isNew: true) = publication, !dryRun { state.forgetCodes() }
        return publication
    }

    private static func publish(_ candidate: FrameworkCandidate, principal: String, now: Date, _ db: Database) throws -> FrameworkPublication {
        let framework = candidate.framework
        let units = Set(try String.fetchAll(db, sql: "SELECT id FROM unit"))
        let problems = framework.unknownUnitProblems(known: units)
        guard problems.isEmpty else { return .refused(problems) }
        let latest = try Row.fetchOne(
            db, sql: "SELECT \(StoredFrameworkColumns.listing) FROM framework_version WHERE code = ? ORDER BY version DESC LIMIT 1",
            arguments: [framework.code]
        ).map { StoredFrameworkColumns.decode($0, document: nil) }
        if let latest, latest.documentSHA256 == candidate.documentSHA256 {
            return .published(latest, isNew: false)
        }
        let stored = StoredFramework(
            code: framework.code, version: (latest?.version ?? 0) + 1, title: framework.title, total: framework.total,
            passScore: framework.passScore, spiritualShare: framework.spiritualShare, documentSHA256: candidate.documentSHA256,
            publishedAt: Date(unixMilliseconds: now.unixMilliseconds), publishedBy: principal, document: nil
        )
        try db.execute(
            sql: """
                INSERT INTO framework_version (code, version, title, document, document_sha256, total, pass_score, spiritual_share, published_at, published_by)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                stored.code, stored.version, stored.title, candidate.document, stored.documentSHA256, stored.total, stored.passScore,
                stored.spiritualShare, now.unixMilliseconds, principal,
            ]
        )
        // The latest published framework's declaration of a code wins over an older one.
        try replaceCodes(with: try loadCodes(db).merging(framework.codeRegistry), db)
        try AuditLog.append(
            AuditEntry(
                at: now, principal: principal, action: "publish", subject: "framework \(stored.code) v\(stored.version)", sequences: nil,
                recordCount: 1, digest: AuditLog.digest(ofText: stored.documentSHA256)
            ),
            db
        )
        return .published(stored, isNew: true)
    }

    /// Every published version of every framework, by code then version (no documents).
    public func frameworks() async throws -> [StoredFramework] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT \(StoredFrameworkColumns.listing) FROM framework_version ORDER BY code, version")
                .map { StoredFrameworkColumns.decode($0, document: nil) }
        }
    }

    /// One version with its document; `version` nil: the latest. Nil when there is none.
    public func framework(_ code: String, version: Int?) async throws -> StoredFramework? {
        try await pool.read { db in
            let filter = version == nil ? "" : "AND version = ?"
            var arguments: StatementArguments = [code]
            if let version { arguments += [version] }
            return try Row.fetchOne(
                db, sql: "SELECT \(StoredFrameworkColumns.listing), document FROM framework_version WHERE code = ? \(filter) ORDER BY version DESC LIMIT 1",
                arguments: arguments
            ).map { StoredFrameworkColumns.decode($0, document: $0["document"]) }
        }
    }

    /// The framework an evaluation runs on, parsed from its stored document (and kept:
    /// a published version never changes). `notFound` names what is missing.
    public func publishedFramework(_ code: String, version: Int?) async throws -> PublishedFramework {
        if let version, let known = state.evaluation.framework(code, version: version) { return known }
        guard let stored = try await framework(code, version: version), let document = stored.document else {
            let which = version.map { "version \($0) of framework \(code)" } ?? "framework \(code)"
            throw CivitasError.notFound("Tenant \(tenant) has no \(which); publish it first (ListFrameworks shows what there is).")
        }
        if let known = state.evaluation.framework(code, version: stored.version) { return known }
        switch FrameworkDocument.parse(document) {
        case .success(let framework):
            let published = PublishedFramework(framework: framework, version: stored.version, documentSHA256: stored.documentSHA256)
            state.evaluation.remember(published)
            return published
        case .failure(let failure):
            throw CivitasError(
                .internal, "The stored document of framework \(code) v\(stored.version) no longer parses: \(failure.problems.first?.description ?? "?")."
            )
        }
    }
}

enum StoredFrameworkColumns {
    static let listing = "code, version, title, document_sha256, total, pass_score, spiritual_share, published_at, published_by"

    static func decode(_ row: Row, document: Data?) -> StoredFramework {
        StoredFramework(
            code: row["code"], version: row["version"], title: row["title"], total: row["total"], passScore: row["pass_score"],
            spiritualShare: row["spiritual_share"], documentSHA256: row["document_sha256"],
            publishedAt: Date(unixMilliseconds: row["published_at"]), publishedBy: row["published_by"], document: document
        )
    }
}
