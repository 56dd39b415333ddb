import CivitasCore
import CivitasStorage
import Foundation
import Logging
import Testing

/// The registry is the one place tenant files are opened: it decides which file a
/// tenant gets, how many stay open, and refuses files that are not the tenant's.
/// Paths of the files this process has open (Linux: /proc/self/fd).
func openFiles() -> Set<String> {
    let files = FileManager.default
    let descriptors = (try? files.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
    return Set(descriptors.compactMap { try? files.destinationOfSymbolicLink(atPath: "/proc/self/fd/\($0)") })
}

@Suite("TenantRegistry")
struct TenantRegistryTests {
    static let cityA = try! TenantID("city-a")
    static let cityB = try! TenantID("city-b")
    static let cityC = try! TenantID("city-c")

    /// Whether this process holds the tenant's file open: the registry's only outside
    /// trace of which databases it keeps. (The -wal/-shm files are no guide: GRDB leaves
    /// them behind on close.)
    static func isOpen(_ registry: TenantRegistry, _ tenant: TenantID) -> Bool {
        openFiles().contains(registry.path(for: tenant))
    }

    static func addSubcommand(_ database: TenantDatabase, _ id: String) async throws {
        let result = try await database.writeOrganization(.subcommands([Subcommand(id: id, name: "Block \(id)")]), mode: .upsert)
        #expect(result.summary != nil)
    }

    @Test("a tenant's file is <directory>/<id>.sqlite")
    func path() async throws {
        try await withTemporaryDirectory { directory in
            try await withRegistry(in: directory) { registry in
                #expect(registry.path(for: Self.cityA) == directory.appendingPathComponent("city-a.sqlite").path)
                #expect(registry.directory == directory)
                #expect(!FileManager.default.fileExists(atPath: registry.path(for: Self.cityA)))
                let tenant = try await registry.withDatabase(Self.cityA) { $0.tenant }
                #expect(tenant == Self.cityA)
                #expect(FileManager.default.fileExists(atPath: registry.path(for: Self.cityA)))
            }
        }
    }

    @Test("the registry creates its directory")
    func createsDirectory() async throws {
        try await withTemporaryDirectory { directory in
            let nested = directory.appendingPathComponent("data/tenants")
            try await withRegistry(in: nested) { registry in
                try await registry.withDatabase(Self.cityA) { _ in }
                #expect(FileManager.default.fileExists(atPath: nested.appendingPathComponent("city-a.sqlite").path))
            }
        }
    }

    @Test("tenants never see each other's data")
    func isolation() async throws {
        try await withTemporaryDirectory { directory in
            try await withRegistry(in: directory) { registry in
                try await registry.withDatabase(Self.cityA) { try await Self.addSubcommand($0, "sc-a") }
                try await registry.withDatabase(Self.cityB) { try await Self.addSubcommand($0, "sc-b") }
                let a = try await registry.withDatabase(Self.cityA) { try await $0.allIDs(.subcommand, .init(block: .everything)) }
                let b = try await registry.withDatabase(Self.cityB) { try await $0.allIDs(.subcommand, .init(block: .everything)) }
                #expect(a == ["sc-a"])
                #expect(b == ["sc-b"])
            }
        }
    }

    @Test("data survives the registry being closed and a new one opening the files")
    func persistence() async throws {
        try await withTemporaryDirectory { directory in
            try await withRegistry(in: directory) { registry in
                try await registry.withDatabase(Self.cityA) { try await Self.addSubcommand($0, "sc-1") }
            }
            let ids = try await withRegistry(in: directory) { registry in
                try await registry.withDatabase(Self.cityA) { try await $0.allIDs(.subcommand, .init(block: .everything)) }
            }
            #expect(ids == ["sc-1"])
        }
    }

    // MARK: The cap on open files

    @Test("at most maximumOpen files stay open; the least recently used idle one is closed")
    func leastRecentlyUsedEviction() async throws {
        try await withTemporaryDirectory { directory in
            try await withRegistry(in: directory, maximumOpen: 2) { registry in
                #expect(registry.openCount == 0)
                try await registry.withDatabase(Self.cityA) { _ in }
                try await registry.withDatabase(Self.cityB) { _ in }
                #expect(registry.openCount == 2)
                #expect(Self.isOpen(registry, Self.cityA) && Self.isOpen(registry, Self.cityB))

                // Touch A again so that B becomes the least recently used.
                try await registry.withDatabase(Self.cityA) { _ in }
                try await registry.withDatabase(Self.cityC) { _ in }
                #expect(registry.openCount == 2)
                #expect(Self.isOpen(registry, Self.cityA))
                #expect(!Self.isOpen(registry, Self.cityB))
                #expect(Self.isOpen(registry, Self.cityC))

                // A closed file reopens transparently on the next use.
                try await registry.withDatabase(Self.cityB) { try await Self.addSubcommand($0, "sc-b") }
                #expect(registry.openCount == 2)
                #expect(!Self.isOpen(registry, Self.cityA))
            }
        }
    }

    @Test("a maximum below one is treated as one")
    func minimumCap() async throws {
        try await withTemporaryDirectory { directory in
            try await withRegistry(in: directory, maximumOpen: 0) { registry in
                try await registry.withDatabase(Self.cityA) { _ in }
                #expect(registry.openCount == 1)
                try await registry.withDatabase(Self.cityB) { _ in }
                #expect(registry.openCount == 1)
            }
        }
    }

    @Test("a database in use is not closed by eviction; the cap is restored once it is idle")
    func busyDatabaseNotEvicted() async throws {
        try await withTemporaryDirectory { directory in
            try await withRegistry(in: directory, maximumOpen: 1) { registry in
                try await registry.withDatabase(Self.cityA) { a in
                    try await registry.withDatabase(Self.cityB) { b in
                        // Both in use: the cap is exceeded rather than A closed under its user.
                        #expect(registry.openCount == 2)
                        try await Self.addSubcommand(b, "sc-b")
                    }
                    // B, idle, went; A, still in use, stayed and still works.
                    #expect(registry.openCount == 1)
                    #expect(Self.isOpen(registry, Self.cityA))
                    #expect(!Self.isOpen(registry, Self.cityB))
                    try await Self.addSubcommand(a, "sc-a")
                    #expect(try await a.allIDs(.subcommand, .init(block: .everything)) == ["sc-a"])
                }
                #expect(registry.openCount == 1)
            }
        }
    }

    @Test("concurrent users of one tenant share a single open file")
    func concurrentLeases() async throws {
        try await withTemporaryDirectory { directory in
            try await withRegistry(in: directory, maximumOpen: 1) { registry in
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for index in 0..<8 {
                        group.addTask {
                            try await registry.withDatabase(Self.cityA) { try await Self.addSubcommand($0, "sc-\(index)") }
                        }
                    }
                    try await group.waitForAll()
                }
                #expect(registry.openCount == 1)
                let ids = try await registry.withDatabase(Self.cityA) { try await $0.allIDs(.subcommand, .init(block: .everything)) }
                #expect(ids == (0..<8).map { "sc-\($0)" })
            }
        }
    }

    @Test("an error thrown by the body still releases the lease")
    func releaseOnError() async throws {
        struct Boom: Error {}
        try await withTemporaryDirectory { directory in
            try await withRegistry(in: directory, maximumOpen: 1) { registry in
                await #expect(throws: Boom.self) { try await registry.withDatabase(Self.cityA) { _ in throw Boom() } }
                // A's lease is gone, so opening B can evict it.
                try await registry.withDatabase(Self.cityB) { _ in }
                #expect(registry.openCount == 1)
                #expect(!Self.isOpen(registry, Self.cityA))
                // And nothing holds A: its file can be taken exclusively.
                try registry.withExclusiveFile(Self.cityA) { _ in }
            }
        }
    }

    // MARK: Refusing files that are not the tenant's

    @Test("a file copied under another tenant's name is refused on open")
    func foreignFileRefused() async throws {
        try await withTemporaryDirectory { directory in
            try await withRegistry(in: directory) { registry in
                try await registry.withDatabase(Self.cityA) { try await Self.addSubcommand($0, "sc-a") }
            }
            // A proper copy: fold the write-ahead log into the file first (see
            // `closeLeavesSelfContainedFile` for why the bare file is not enough today).
            try sqlite3(directory.appendingPathComponent("city-a.sqlite").path, "PRAGMA wal_checkpoint(TRUNCATE)")
            try FileManager.default.copyItem(
                atPath: directory.appendingPathComponent("city-a.sqlite").path,
                toPath: directory.appendingPathComponent("city-b.sqlite").path
            )
            try await withRegistry(in: directory) { registry in
                let error = await #expect(throws: CivitasError.self) {
                    try await registry.withDatabase(Self.cityB) { _ in }
                }
                #expect(error?.code == .failedPrecondition)
                #expect(error?.message.contains("belongs to tenant city-a") == true)
                #expect(registry.openCount == 0)
                // The refusal does not poison the registry: the rightful owner still opens.
                try await registry.withDatabase(Self.cityA) { _ in }
            }
        }
    }

    @Test("a file written by a newer Civitas is refused and left as it was")
    func newerSchemaRefused() async throws {
        try await withTemporaryDirectory { directory in
            try await withRegistry(in: directory) { registry in
                try await registry.withDatabase(Self.cityA) { try await Self.addSubcommand($0, "sc-a") }
            }
            let path = directory.appendingPathComponent("city-a.sqlite").path
            let known = try sqlite3(path, "SELECT identifier FROM grdb_migrations ORDER BY identifier")
            try sqlite3(path, "INSERT INTO grdb_migrations(identifier) VALUES ('v99: from the future')")
            try await withRegistry(in: directory) { registry in
                let error = await #expect(throws: CivitasError.self) {
                    try await registry.withDatabase(Self.cityA) { _ in }
                }
                #expect(error?.code == .failedPrecondition)
                #expect(error?.message.contains("newer Civitas") == true)
                #expect(error?.message.contains("v99: from the future") == true)
                #expect(registry.openCount == 0)
            }
            // Not migrated, not emptied.
            #expect(try sqlite3(path, "SELECT identifier FROM grdb_migrations ORDER BY identifier")
                == known + "\nv99: from the future")
            #expect(try sqlite3(path, "SELECT id FROM subcommand") == "sc-a")
        }
    }

    // MARK: Shutdown

    @Test("after closeAll the .sqlite file alone holds the tenant's committed data")
    func closeLeavesSelfContainedFile() async throws {
        // Operators copy `<id>.sqlite` of a stopped server (and the file-copy check above
        // relies on the tenant id being in that file). A file whose data lives only in its
        // -wal is silently empty once copied or moved on its own.
        try await withTemporaryDirectory { directory in
            try await withRegistry(in: directory) { registry in
                try await registry.withDatabase(Self.cityA) { try await Self.addSubcommand($0, "sc-a") }
                registry.closeAll()
                #expect(!Self.isOpen(registry, Self.cityA))
                let copy = directory.appendingPathComponent("copy.sqlite").path
                try FileManager.default.copyItem(atPath: registry.path(for: Self.cityA), toPath: copy)
                // close() checkpoints first: the copy of the .sqlite alone holds everything.
                let owner = try sqlite3(copy, "SELECT value FROM tenant_meta WHERE key = 'tenant_id'")
                #expect(owner == "city-a")
                let ids = try sqlite3(copy, "SELECT id FROM subcommand")
                #expect(ids == "sc-a")
                // Nothing is lost as long as the -wal stays with the file.
                #expect(try sqlite3(registry.path(for: Self.cityA), "SELECT id FROM subcommand") == "sc-a")
            }
        }
    }

    @Test("after closeAll every lease is refused as unavailable")
    func closeAll() async throws {
        try await withTemporaryDirectory { directory in
            let registry = try TenantRegistry(directory: directory, logger: Logger(label: "test"))
            try await registry.withDatabase(Self.cityA) { _ in }
            registry.closeAll()
            #expect(registry.openCount == 0)
            #expect(!Self.isOpen(registry, Self.cityA))
            for tenant in [Self.cityA, Self.cityB] {
                let error = await #expect(throws: CivitasError.self) {
                    try await registry.withDatabase(tenant) { _ in }
                }
                #expect(error?.code == .unavailable)
            }
            let error = #expect(throws: CivitasError.self) { try registry.createDatabase(Self.cityC) }
            #expect(error?.code == .unavailable)
            #expect(!FileManager.default.fileExists(atPath: registry.path(for: Self.cityC)))
        }
    }

    // MARK: Creating a tenant's file

    @Test("createDatabase creates the file, and reuses one left empty by a crashed attempt")
    func createDatabase() async throws {
        try await withTemporaryDirectory { directory in
            try await withRegistry(in: directory) { registry in
                try registry.createDatabase(Self.cityA)
                #expect(FileManager.default.fileExists(atPath: registry.path(for: Self.cityA)))
                // The file exists but holds nothing: a retry must succeed.
                try registry.createDatabase(Self.cityA)
            }
        }
    }

    @Test("createDatabase refuses an existing file that holds data")
    func createDatabaseRefusesData() async throws {
        try await withTemporaryDirectory { directory in
            try await withRegistry(in: directory) { registry in
                try registry.createDatabase(Self.cityA)
                try await registry.withDatabase(Self.cityA) { try await Self.addSubcommand($0, "sc-a") }
                let error = #expect(throws: CivitasError.self) { try registry.createDatabase(Self.cityA) }
                #expect(error?.code == .failedPrecondition)
                // The data is untouched.
                let ids = try await registry.withDatabase(Self.cityA) { try await $0.allIDs(.subcommand, .init(block: .everything)) }
                #expect(ids == ["sc-a"])
            }
        }
    }

    @Test("createDatabase refuses a file with only units too (no sub-command)")
    func createDatabaseRefusesUnitsOnly() async throws {
        try await withTemporaryDirectory { directory in
            try await withRegistry(in: directory) { registry in
                try await registry.withDatabase(Self.cityA) { database in
                    let result = try await database.writeOrganization(.units([WorkUnit(id: "u1", name: "HQ line", subcommand: nil)]), mode: .create)
                    #expect(result.summary?.created == 1)
                }
                let error = #expect(throws: CivitasError.self) { try registry.createDatabase(Self.cityA) }
                #expect(error?.code == .failedPrecondition)
            }
        }
    }

    // MARK: Exclusive access

    @Test("a file in use cannot be taken exclusively")
    func exclusiveWhileInUse() async throws {
        try await withTemporaryDirectory { directory in
            try await withRegistry(in: directory) { registry in
                try await registry.withDatabase(Self.cityA) { _ in
                    let error = #expect(throws: CivitasError.self) { try registry.withExclusiveFile(Self.cityA) { _ in } }
                    #expect(error?.code == .failedPrecondition)
                }
            }
        }
    }

    @Test("while a file is held exclusively it is closed and no lease is granted")
    func exclusiveBlocksLeases() async throws {
        try await withTemporaryDirectory { directory in
            try await withRegistry(in: directory) { registry in
                try await registry.withDatabase(Self.cityA) { _ in }
                #expect(registry.openCount == 1)
                let path = try registry.withExclusiveFile(Self.cityA) { path in
                    #expect(registry.openCount == 0)
                    #expect(!Self.isOpen(registry, Self.cityA))
                    let lease = #expect(throws: CivitasError.self) { try registry.createDatabase(Self.cityA) }
                    #expect(lease?.code == .unavailable)
                    let nested = #expect(throws: CivitasError.self) { try registry.withExclusiveFile(Self.cityA) { _ in } }
                    #expect(nested?.code == .unavailable)
                    // Other tenants are unaffected.
                    try registry.createDatabase(Self.cityB)
                    return path
                }
                #expect(path == registry.path(for: Self.cityA))
                // Released afterwards.
                try await registry.withDatabase(Self.cityA) { _ in }
            }
        }
    }
}
