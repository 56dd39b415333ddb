import CivitasCore
import CivitasStorage
import Foundation
import Testing

/// Backups and restores: a backup must be a file the restore accepts, the restore must
/// refuse anything that is not this tenant's database, and replacing must really swap.
@Suite("Backup and restore")
struct TenantFileReplacementTests {
    static let cityA = try! TenantID("city-a")
    static let cityB = try! TenantID("city-b")

    static func subcommandIDs(_ registry: TenantRegistry, _ tenant: TenantID) async throws -> [String] {
        try await registry.withDatabase(tenant) { try await $0.allIDs(.subcommand, OrganizationQuery(block: .everything, includeInactive: true)) }
    }

    static func add(_ registry: TenantRegistry, _ tenant: TenantID, _ ids: String...) async throws {
        try await registry.withDatabase(tenant) { database in
            let result = try await database.writeOrganization(.subcommands(ids.map { Subcommand(id: $0, name: "Block \($0)") }), mode: .upsert)
            #expect(result.summary != nil)
        }
    }

    @Test("a backup is verified, and restoring it brings back exactly what it held")
    func backupAndRestore() async throws {
        try await withTemporaryDirectory { directory in
            try await withRegistry(in: directory.appendingPathComponent("tenants")) { registry in
                try await Self.add(registry, Self.cityA, "before-1", "before-2")
                let backup = directory.appendingPathComponent("backup.sqlite").path
                try await registry.withDatabase(Self.cityA) { try await $0.backup(to: backup) }
                try await Self.add(registry, Self.cityA, "after")
                #expect(try await Self.subcommandIDs(registry, Self.cityA) == ["after", "before-1", "before-2"])

                try registry.verifyBackup(at: backup, of: Self.cityA)
                try registry.replaceFile(of: Self.cityA, with: backup)

                // What was written after the backup is gone; the rest is back.
                #expect(try await Self.subcommandIDs(registry, Self.cityA) == ["before-1", "before-2"])
                // The candidate was moved, not copied.
                #expect(!FileManager.default.fileExists(atPath: backup))
                // The restored file is fully usable.
                try await Self.add(registry, Self.cityA, "later")
                #expect(try await Self.subcommandIDs(registry, Self.cityA) == ["before-1", "before-2", "later"])
            }
        }
    }

    @Test("a restored file survives a reopen (no stale write-ahead log is replayed into it)")
    func restoreSurvivesReopen() async throws {
        try await withTemporaryDirectory { directory in
            let tenants = directory.appendingPathComponent("tenants")
            let backup = directory.appendingPathComponent("backup.sqlite").path
            try await withRegistry(in: tenants) { registry in
                try await Self.add(registry, Self.cityA, "kept")
                try await registry.withDatabase(Self.cityA) { try await $0.backup(to: backup) }
                try await Self.add(registry, Self.cityA, "dropped")
                try registry.verifyBackup(at: backup, of: Self.cityA)
                try registry.replaceFile(of: Self.cityA, with: backup)
            }
            let ids = try await withRegistry(in: tenants) { registry in
                try await Self.subcommandIDs(registry, Self.cityA)
            }
            #expect(ids == ["kept"])
        }
    }

    @Test("a backup of a tenant that was never written to is still a valid backup")
    func backupOfFreshTenant() async throws {
        try await withTemporaryDirectory { directory in
            try await withRegistry(in: directory.appendingPathComponent("tenants")) { registry in
                try registry.createDatabase(Self.cityA)
                let backup = directory.appendingPathComponent("backup.sqlite").path
                try await registry.withDatabase(Self.cityA) { try await $0.backup(to: backup) }
                try registry.verifyBackup(at: backup, of: Self.cityA)
            }
        }
    }

    @Test("another tenant's backup is refused, naming both tenants")
    func otherTenantRefused() async throws {
        try await withTemporaryDirectory { directory in
            try await withRegistry(in: directory.appendingPathComponent("tenants")) { registry in
                try await Self.add(registry, Self.cityB, "b-block")
                let backup = directory.appendingPathComponent("backup.sqlite").path
                try await registry.withDatabase(Self.cityB) { try await $0.backup(to: backup) }
                let error = #expect(throws: CivitasError.self) { try registry.verifyBackup(at: backup, of: Self.cityA) }
                #expect(error?.code == .invalidArgument)
                #expect(error?.message.contains("city-b") == true)
                #expect(error?.message.contains("city-a") == true)
            }
        }
    }

    @Test(
        "files that are not SQLite databases are refused",
        arguments: [
            Data("id,name\nsc-1,North\n".utf8),  // a CSV uploaded by mistake
            Data(repeating: 0xAB, count: 8192),
        ]
    )
    func notSQLite(_ content: Data) async throws {
        try await withTemporaryDirectory { directory in
            try await withRegistry(in: directory.appendingPathComponent("tenants")) { registry in
                let candidate = directory.appendingPathComponent("upload.sqlite").path
                #expect(FileManager.default.createFile(atPath: candidate, contents: content))
                let error = #expect(throws: CivitasError.self) { try registry.verifyBackup(at: candidate, of: Self.cityA) }
                #expect(error?.code == .invalidArgument)
                #expect(error?.message.contains("not a SQLite database") == true)
            }
        }
    }

    @Test("a missing file is refused")
    func missingFile() async throws {
        try await withTemporaryDirectory { directory in
            try await withRegistry(in: directory.appendingPathComponent("tenants")) { registry in
                let error = #expect(throws: CivitasError.self) {
                    try registry.verifyBackup(at: directory.appendingPathComponent("none.sqlite").path, of: Self.cityA)
                }
                #expect(error?.code == .invalidArgument)
            }
        }
    }

    @Test("a SQLite database that is not a Civitas tenant database is refused")
    func foreignSQLite() async throws {
        try await withTemporaryDirectory { directory in
            try await withRegistry(in: directory.appendingPathComponent("tenants")) { registry in
                let candidate = directory.appendingPathComponent("other.sqlite").path
                try sqlite3(candidate, "CREATE TABLE t(x); INSERT INTO t VALUES (1);")
                let error = #expect(throws: CivitasError.self) { try registry.verifyBackup(at: candidate, of: Self.cityA) }
                #expect(error?.code == .invalidArgument)
                #expect(error?.message.contains("not a Civitas tenant database") == true)

                // A tenant_meta table without the tenant row is no better.
                try sqlite3(candidate, "CREATE TABLE tenant_meta(key TEXT PRIMARY KEY, value TEXT)")
                let again = #expect(throws: CivitasError.self) { try registry.verifyBackup(at: candidate, of: Self.cityA) }
                #expect(again?.code == .invalidArgument)
            }
        }
    }

    @Test("a backup written by a newer Civitas is refused")
    func newerBackupRefused() async throws {
        try await withTemporaryDirectory { directory in
            try await withRegistry(in: directory.appendingPathComponent("tenants")) { registry in
                try await Self.add(registry, Self.cityA, "a")
                let backup = directory.appendingPathComponent("backup.sqlite").path
                try await registry.withDatabase(Self.cityA) { try await $0.backup(to: backup) }
                try sqlite3(backup, "INSERT INTO grdb_migrations(identifier) VALUES ('v2: from the future')")
                let error = #expect(throws: CivitasError.self) { try registry.verifyBackup(at: backup, of: Self.cityA) }
                #expect(error?.code == .failedPrecondition)
                #expect(error?.message.contains("newer Civitas") == true)
            }
        }
    }

    @Test("a corrupted backup fails the integrity check")
    func corruptedBackup() async throws {
        try await withTemporaryDirectory { directory in
            try await withRegistry(in: directory.appendingPathComponent("tenants")) { registry in
                // Enough rows for the table to span several pages.
                try await registry.withDatabase(Self.cityA) { database in
                    let many = (0..<400).map { Subcommand(id: String(format: "sc-%03d", $0), name: String(repeating: "n", count: 150)) }
                    _ = try await database.writeOrganization(.subcommands(many), mode: .create)
                }
                let backup = directory.appendingPathComponent("backup.sqlite").path
                try await registry.withDatabase(Self.cityA) { try await $0.backup(to: backup) }
                // Overwrite the last page (a table or index page) with garbage, keeping the size.
                var bytes = try Data(contentsOf: URL(fileURLWithPath: backup))
                let pageSize = Int(bytes[16]) << 8 | Int(bytes[17])
                let start = bytes.count - pageSize
                bytes.replaceSubrange(start..<(start + pageSize), with: Data(repeating: 0x5A, count: pageSize))
                try bytes.write(to: URL(fileURLWithPath: backup))
                let error = #expect(throws: CivitasError.self) { try registry.verifyBackup(at: backup, of: Self.cityA) }
                #expect(error?.code == .invalidArgument)
            }
        }
    }

    @Test("a file in use cannot be replaced")
    func replaceInUse() async throws {
        try await withTemporaryDirectory { directory in
            try await withRegistry(in: directory.appendingPathComponent("tenants")) { registry in
                try await Self.add(registry, Self.cityA, "current")
                let backup = directory.appendingPathComponent("backup.sqlite").path
                try await registry.withDatabase(Self.cityA) { try await $0.backup(to: backup) }
                try await registry.withDatabase(Self.cityA) { _ in
                    let error = #expect(throws: CivitasError.self) { try registry.replaceFile(of: Self.cityA, with: backup) }
                    #expect(error?.code == .failedPrecondition)
                }
                // Nothing was moved.
                #expect(FileManager.default.fileExists(atPath: backup))
            }
        }
    }

    @Test("replacing with a missing candidate fails and keeps the current file")
    func replaceMissingCandidate() async throws {
        try await withTemporaryDirectory { directory in
            try await withRegistry(in: directory.appendingPathComponent("tenants")) { registry in
                try await Self.add(registry, Self.cityA, "current")
                // Fold the log into the file first: replaceFile drops the old -wal before renaming.
                try registry.withExclusiveFile(Self.cityA) { path in _ = try sqlite3(path, "PRAGMA wal_checkpoint(TRUNCATE)") }
                let error = #expect(throws: CivitasError.self) {
                    try registry.replaceFile(of: Self.cityA, with: directory.appendingPathComponent("none.sqlite").path)
                }
                #expect(error?.code == .internal)
                #expect(try await Self.subcommandIDs(registry, Self.cityA) == ["current"])
            }
        }
    }

    @Test("verifying a backup leaves nothing behind next to it")
    func verifyLeavesNoFiles() async throws {
        // The restore path verifies an upload in the scratch directory, renames only the
        // main file into place and deletes the rest: any sibling file verification
        // creates is left over for good.
        try await withTemporaryDirectory { directory in
            try await withRegistry(in: directory.appendingPathComponent("tenants")) { registry in
                try await Self.add(registry, Self.cityA, "a")
                let scratch = directory.appendingPathComponent("scratch")
                try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
                let backup = scratch.appendingPathComponent("backup.sqlite").path
                try await registry.withDatabase(Self.cityA) { try await $0.backup(to: backup) }
                #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.path) == ["backup.sqlite"])
                try registry.verifyBackup(at: backup, of: Self.cityA)
                let left = try FileManager.default.contentsOfDirectory(atPath: scratch.path).sorted()
                #expect(left == ["backup.sqlite"])
            }
        }
    }
}
