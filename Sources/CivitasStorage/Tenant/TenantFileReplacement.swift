import CivitasCore
import Foundation
internal import GRDB

extension TenantRegistry {
    /// Checks that `candidate` is a sound database of `tenant` that this binary can open:
    /// SQLite's integrity check passes, it names the same tenant, and its schema is not
    /// newer than ours. Run before a restore replaces anything.
    public func verifyBackup(at candidate: String, of tenant: TenantID) throws {
        var configuration = Configuration()
        configuration.readonly = true
        let queue: DatabaseQueue
        do {
            queue = try DatabaseQueue(path: candidate, configuration: configuration)
        } catch {
            throw CivitasError.invalidArgument("The backup is not a SQLite database.")
        }
        defer {
            try? queue.close()
            // Reading a WAL-mode file makes SQLite create its -wal/-shm companions; a
            // read-only check leaves nothing in them, so nothing is lost removing them.
            for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: candidate + suffix) }
        }
        try queue.read { db in
            let integrity: String?
            do {
                integrity = try String.fetchOne(db, sql: "PRAGMA integrity_check(1)")
            } catch {
                throw CivitasError.invalidArgument("The backup is not a SQLite database.")
            }
            guard integrity == "ok" else {
                throw CivitasError.invalidArgument("The backup fails SQLite's integrity check: \(integrity ?? "no answer").")
            }
            guard try db.tableExists("tenant_meta"),
                let owner = try String.fetchOne(db, sql: "SELECT value FROM tenant_meta WHERE key = 'tenant_id'")
            else {
                throw CivitasError.invalidArgument("The backup is not a Civitas tenant database.")
            }
            guard owner == tenant.rawValue else {
                throw CivitasError.invalidArgument("The backup belongs to tenant \(owner), not to \(tenant).")
            }
            let migrator = TenantSchema.migrator
            let unknown = try migrator.appliedIdentifiers(db).subtracting(migrator.migrations)
            guard unknown.isEmpty else {
                throw CivitasError.failedPrecondition("The backup was written by a newer Civitas; upgrade civitasd first.")
            }
        }
    }

    /// Replaces the tenant's file with `candidate` (already verified), atomically. Any
    /// write-ahead log of the old file is removed first: SQLite would otherwise replay the
    /// old file's log into the new one.
    public func replaceFile(of tenant: TenantID, with candidate: String) throws {
        try withExclusiveFile(tenant) { path in
            let files = FileManager.default
            for suffix in ["-wal", "-shm"] where files.fileExists(atPath: path + suffix) {
                try files.removeItem(atPath: path + suffix)
            }
            guard rename(candidate, path) == 0 else {
                throw CivitasError(.internal, "Replacing the database file of tenant \(tenant) failed (errno \(errno)).")
            }
        }
    }
}
