import CivitasCore
import Foundation
internal import GRDB

/// One tenant's database file. Every query of tenant data goes through one of these,
/// which the ``TenantRegistry`` hands out for exactly one tenant: isolation holds by
/// construction, not by a `WHERE tenant = ?` someone could forget.
public struct TenantDatabase: Sendable {
    public let tenant: TenantID
    let pool: DatabasePool
    let state: TenantDatabaseState

    init(tenant: TenantID, pool: DatabasePool) {
        self.tenant = tenant
        self.pool = pool
        state = TenantDatabaseState(committer: GroupCommitter(pool: pool))
    }

    static func open(tenant: TenantID, path: String, durability: Durability) throws -> TenantDatabase {
        let pool = try DatabaseOpener.openPool(
            path: path, migrator: TenantSchema.migrator, durability: durability,
            description: "The database of tenant \(tenant)"
        )
        do {
            try pool.write { db in
                try db.execute(
                    sql: "INSERT OR IGNORE INTO tenant_meta(key, value) VALUES ('tenant_id', ?)",
                    arguments: [tenant.rawValue]
                )
                let owner = try String.fetchOne(db, sql: "SELECT value FROM tenant_meta WHERE key = 'tenant_id'")
                guard owner == tenant.rawValue else {
                    throw CivitasError.failedPrecondition(
                        "The file \(path) belongs to tenant \(owner ?? "?"), not to \(tenant); refusing to open it."
                    )
                }
            }
        } catch {
            try? pool.close()
            throw error
        }
        return TenantDatabase(tenant: tenant, pool: pool)
    }

    func close() throws { try DatabaseOpener.checkpointAndClose(pool) }

    /// Writes a consistent copy of the whole database to `path` while writers go on
    /// (SQLite's online backup from one read snapshot).
    public func backup(to path: String) async throws {
        let destination = try DatabaseQueue(path: path)
        try await pool.read { db in
            try destination.writeWithoutTransaction { destinationDB in
                try db.backup(to: destinationDB)
            }
        }
        try destination.close()
    }

    /// Whether the file holds any organization data (a freshly created file holds none).
    func isEmpty() throws -> Bool {
        try pool.read { db in
            try Int.fetchOne(db, sql: "SELECT (SELECT count(*) FROM subcommand) + (SELECT count(*) FROM unit)") == 0
        }
    }
}
