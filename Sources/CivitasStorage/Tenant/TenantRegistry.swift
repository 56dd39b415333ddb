import CivitasCore
import Foundation
import Logging
internal import GRDB
import Synchronization

/// Opens tenants' database files lazily, once each, and keeps at most `maximumOpen`
/// of them open, closing the least recently used idle one when over the cap.
///
/// GRDB's rule is "connect to a database file only once": this registry is that one
/// place. A file in use by a request is never closed under it: callers lease a
/// database with ``withDatabase(_:_:)`` and the lease count keeps it open.
public final class TenantRegistry: Sendable {
    public let directory: URL
    let maximumOpen: Int
    let durability: Durability
    let logger: Logger
    private let state = Mutex(State())

    private struct Entry {
        var database: TenantDatabase
        var leases: Int
        var lastUse: UInt64
    }

    private struct State {
        var entries: [TenantID: Entry] = [:]
        /// Tenants whose file is being replaced (restore): no lease is granted meanwhile.
        var locked: Set<TenantID> = []
        var clock: UInt64 = 0
        var closed = false
    }

    public init(directory: URL, maximumOpen: Int = 64, durability: Durability = .powerLoss, logger: Logger) throws {
        self.directory = directory
        self.maximumOpen = max(1, maximumOpen)
        self.durability = durability
        self.logger = logger
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    /// The tenant's file. `TenantID` is validated on construction, so this never escapes
    /// `directory`.
    public func path(for tenant: TenantID) -> String {
        directory.appendingPathComponent("\(tenant.rawValue).sqlite").path
    }

    /// Runs `body` with the tenant's database, opening (and migrating) it first if needed.
    public func withDatabase<T: Sendable>(
        _ tenant: TenantID, _ body: (TenantDatabase) async throws -> T
    ) async throws -> T {
        let database = try lease(tenant)
        defer { release(tenant) }
        return try await body(database)
    }

    /// Creates the tenant's file. A file left behind by an earlier attempt that crashed
    /// before its catalog row was committed holds no data and is reused; any other
    /// existing file is refused rather than silently adopted.
    public func createDatabase(_ tenant: TenantID) throws {
        let existed = FileManager.default.fileExists(atPath: path(for: tenant))
        let database = try lease(tenant)
        defer { release(tenant) }
        if existed, try !database.isEmpty() {
            throw CivitasError.failedPrecondition(
                "A database file with data already exists for tenant \(tenant); restore it or move it away first."
            )
        }
    }

    /// Closes the tenant's file and keeps it closed while `body` runs (e.g. to replace it
    /// with a restored copy). Fails if a request is using it right now.
    public func withExclusiveFile<T>(_ tenant: TenantID, _ body: (String) throws -> T) throws -> T {
        let toClose: TenantDatabase? = try state.withLock { state in
            guard !state.locked.contains(tenant) else {
                throw CivitasError(.unavailable, "Tenant \(tenant)'s database is being replaced; try again shortly.")
            }
            if let entry = state.entries[tenant], entry.leases > 0 {
                throw CivitasError.failedPrecondition(
                    "Tenant \(tenant)'s database is in use by \(entry.leases) request(s); suspend the tenant and retry."
                )
            }
            state.locked.insert(tenant)
            return state.entries.removeValue(forKey: tenant)?.database
        }
        defer { _ = state.withLock { $0.locked.remove(tenant) } }
        try toClose?.close()
        return try body(path(for: tenant))
    }

    /// Closes every open file; later leases are refused. Called once at shutdown, after the
    /// server has finished its in-flight calls.
    public func closeAll() {
        let databases = state.withLock { state in
            state.closed = true
            defer { state.entries.removeAll() }
            return state.entries.values.map(\.database)
        }
        for database in databases {
            do { try database.close() } catch {
                logger.error("Closing tenant database failed", metadata: ["tenant": "\(database.tenant)", "error": "\(error)"])
            }
        }
    }

    public var openCount: Int { state.withLock { $0.entries.count } }

    // Opening happens under the lock: it is rare, takes milliseconds, and doing it once
    // per file is the point. Closing idle files happens outside it.
    private func lease(_ tenant: TenantID) throws -> TenantDatabase {
        let (database, evicted): (TenantDatabase, [TenantDatabase]) = try state.withLock { state in
            guard !state.closed else { throw CivitasError(.unavailable, "The server is shutting down.") }
            guard !state.locked.contains(tenant) else {
                throw CivitasError(.unavailable, "Tenant \(tenant)'s database is being replaced; try again shortly.")
            }
            state.clock += 1
            if var entry = state.entries[tenant] {
                entry.leases += 1
                entry.lastUse = state.clock
                state.entries[tenant] = entry
                return (entry.database, [])
            }
            let database = try TenantDatabase.open(tenant: tenant, path: path(for: tenant), durability: durability)
            state.entries[tenant] = Entry(database: database, leases: 1, lastUse: state.clock)
            return (database, Self.evictIdle(&state, keeping: maximumOpen))
        }
        for old in evicted { try? old.close() }
        return database
    }

    private func release(_ tenant: TenantID) {
        let evicted = state.withLock { state -> [TenantDatabase] in
            state.entries[tenant]?.leases -= 1
            return Self.evictIdle(&state, keeping: maximumOpen)
        }
        for old in evicted { try? old.close() }
    }

    /// Removes least-recently-used idle entries until at most `keeping` remain. Busy
    /// entries are never removed, so the cap may be exceeded while they are all in use.
    private static func evictIdle(_ state: inout State, keeping limit: Int) -> [TenantDatabase] {
        guard state.entries.count > limit else { return [] }
        let idle = state.entries.filter { $0.value.leases == 0 }.sorted { $0.value.lastUse < $1.value.lastUse }
        return idle.prefix(state.entries.count - limit).map { key, entry in
            state.entries.removeValue(forKey: key)
            return entry.database
        }
    }
}
