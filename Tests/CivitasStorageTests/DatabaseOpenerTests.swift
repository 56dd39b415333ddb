import CivitasCore
import CivitasStorage
import Foundation
import Testing

/// Every Civitas file is opened through the same opener, which refuses a file written by
/// a newer Civitas rather than guessing at a schema it does not know (a downgrade must
/// not corrupt data).
@Suite("DatabaseOpener")
struct DatabaseOpenerTests {
    @Test("the catalog refuses a file with an unknown migration")
    func catalogNewerSchema() async throws {
        try await withTemporaryDirectory { directory in
            let path = directory.appendingPathComponent("catalog.sqlite").path
            try Catalog(path: path).close()
            let known = try sqlite3(path, "SELECT count(*) FROM grdb_migrations")
            try sqlite3(path, "INSERT INTO grdb_migrations(identifier) VALUES ('v999: sessions')")
            let error = #expect(throws: CivitasError.self) { try Catalog(path: path) }
            #expect(error?.code == .failedPrecondition)
            #expect(error?.message.contains("newer Civitas") == true)
            #expect(error?.message.contains("v999: sessions") == true)
            // The file is not migrated further or emptied.
            #expect(try sqlite3(path, "SELECT count(*) FROM grdb_migrations") == String(Int(known)! + 1))
        }
    }

    @Test("the catalog opens an up-to-date file again and again")
    func catalogReopens() async throws {
        try await withTemporaryDirectory { directory in
            let path = directory.appendingPathComponent("catalog.sqlite").path
            try Catalog(path: path, durability: .processCrash).close()
            let migrations = try sqlite3(path, "SELECT identifier FROM grdb_migrations ORDER BY identifier")
            #expect(!migrations.isEmpty)
            for _ in 0..<2 { try Catalog(path: path, durability: .processCrash).close() }
            #expect(try sqlite3(path, "SELECT identifier FROM grdb_migrations ORDER BY identifier") == migrations)
        }
    }

    @Test("a tenant file with an unknown migration is refused by the registry")
    func tenantNewerSchema() async throws {
        try await withTemporaryDirectory { directory in
            let tenant = try TenantID("demo-city")
            try await withRegistry(in: directory) { registry in try registry.createDatabase(tenant) }
            try sqlite3(directory.appendingPathComponent("demo-city.sqlite").path,
                        "INSERT INTO grdb_migrations(identifier) VALUES ('v999: reports')")
            try await withRegistry(in: directory) { registry in
                let error = #expect(throws: CivitasError.self) { try registry.createDatabase(tenant) }
                #expect(error?.code == .failedPrecondition)
                #expect(error?.message.contains("newer Civitas") == true)
                #expect(error?.message.contains("demo-city") == true)
            }
        }
    }

    @Test("a file that is not a database is not opened")
    func garbageFile() async throws {
        try await withTemporaryDirectory { directory in
            let path = directory.appendingPathComponent("catalog.sqlite").path
            #expect(FileManager.default.createFile(atPath: path, contents: Data(repeating: 0x42, count: 4096)))
            #expect(throws: (any Error).self) { try Catalog(path: path) }
        }
    }

    @Test("both durability modes give a WAL database that stores and reopens", arguments: Durability.allCases)
    func durability(_ durability: Durability) async throws {
        // The synchronous setting itself is only visible from inside the connection; WAL
        // mode is what both guarantees ("survives kill -9") rest on.
        try await withTemporaryDirectory { directory in
            let path = directory.appendingPathComponent("catalog.sqlite").path
            let catalog = try Catalog(path: path, durability: durability)
            _ = try await catalog.createTenant(
                TenantRecord(id: "demo-city", name: "Demo", state: "active", timeZone: "UTC", createdAt: date(0), updatedAt: date(0)),
                whileInserting: {}
            )
            try catalog.close()
            #expect(try sqlite3(path, "PRAGMA journal_mode") == "wal")
            #expect(try sqlite3(path, "SELECT id FROM tenant") == "demo-city")
        }
    }
}
