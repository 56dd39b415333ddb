import CivitasCore
import Foundation
internal import GRDB

/// What an acknowledged write survives. Both survive `kill -9` of the server (SQLite's
/// WAL is in the OS page cache by then); only `powerLoss` also survives a machine that
/// loses power, at the cost of an fsync per commit.
public enum Durability: String, Sendable, CaseIterable {
    /// `synchronous = FULL`: the default.
    case powerLoss = "full"
    /// `synchronous = NORMAL`: faster commits; a power cut may lose the last ones.
    case processCrash = "normal"
}

/// Opens every Civitas database the same way: one WAL `DatabasePool` per file, a busy
/// timeout, foreign keys, and the file's migrations, refusing a file written by a newer
/// Civitas rather than guessing at its schema.
enum DatabaseOpener {
    static func openPool(
        path: String, migrator: DatabaseMigrator, durability: Durability, description: String
    ) throws -> DatabasePool {
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        configuration.foreignKeysEnabled = true
        configuration.maximumReaderCount = 4
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = \(durability == .powerLoss ? "FULL" : "NORMAL")")
        }
        let pool = try DatabasePool(path: path, configuration: configuration)
        do {
            try refuseNewerSchema(pool, migrator: migrator, description: description)
            try migrator.migrate(pool)
        } catch {
            try? pool.close()
            throw error
        }
        return pool
    }

    /// Folds the write-ahead log into the main file, then closes. Without the checkpoint,
    /// GRDB closes the writer before its readers and committed data may stay in the
    /// `-wal` file, so a copy of the `.sqlite` alone would miss it.
    static func checkpointAndClose(_ pool: DatabasePool) throws {
        try pool.writeWithoutTransaction { db in _ = try Row.fetchAll(db, sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
        try pool.close()
    }

    private static func refuseNewerSchema(
        _ pool: DatabasePool, migrator: DatabaseMigrator, description: String
    ) throws {
        let unknown = try pool.read { db in
            try migrator.appliedIdentifiers(db).subtracting(migrator.migrations)
        }
        guard unknown.isEmpty else {
            throw CivitasError.failedPrecondition(
                "\(description) was written by a newer Civitas (it has migrations this binary does not know: "
                    + "\(unknown.sorted().joined(separator: ", "))); refusing to open it. Upgrade civitasd."
            )
        }
    }
}
