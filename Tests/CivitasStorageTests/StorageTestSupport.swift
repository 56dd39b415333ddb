import CivitasCore
import CivitasStorage
import CivitasTesting
import Foundation
import Logging
import Testing

/// A fresh directory per test, removed when the test ends (pass or fail).
@discardableResult
func withTemporaryDirectory<T>(_ body: (URL) async throws -> T) async throws -> T {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("civitas-storage-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: url) }
    return try await body(url)
}

/// A registry over `directory`, closed when `body` ends.
@discardableResult
func withRegistry<T>(
    in directory: URL, maximumOpen: Int = 64, _ body: (TenantRegistry) async throws -> T
) async throws -> T {
    let registry = try TenantRegistry(
        directory: directory, maximumOpen: maximumOpen, durability: .processCrash, logger: Logger(label: "test")
    )
    defer { registry.closeAll() }
    return try await body(registry)
}

/// One tenant's database in a fresh directory: the usual setting of organization tests.
@discardableResult
func withTenantDatabase<T: Sendable>(
    _ tenant: String = "demo-city", _ body: (TenantDatabase) async throws -> T
) async throws -> T {
    try await withTemporaryDirectory { directory in
        try await withRegistry(in: directory) { registry in
            try await registry.withDatabase(try TenantID(tenant)) { database in try await body(database) }
        }
    }
}

struct SQLiteCommandFailed: Error, CustomStringConvertible {
    var status: Int32
    var output: String
    var description: String { "sqlite3 exited with \(status): \(output)" }
}

/// Runs raw SQL with the sqlite3 command-line tool (GRDB is internal to CivitasStorage).
/// Only ever used on files no open connection holds.
@discardableResult
func sqlite3(_ path: String, _ sql: String) throws -> String {
    let process = try ChildProcess(executable: "/usr/bin/sqlite3", arguments: ["-batch", path, sql], environment: [:])
    let status = try process.waitForExitBlocking()
    let output = (process.stdout.text + process.stderr.text).trimmingCharacters(in: .whitespacesAndNewlines)
    guard status == 0 else { throw SQLiteCommandFailed(status: status, output: output) }
    return output
}

/// A date SQLite's text encoding keeps exactly (whole milliseconds).
func date(_ seconds: TimeInterval) -> Date { Date(timeIntervalSince1970: 1_700_000_000 + seconds) }

extension OrganizationWriteResult {
    var summary: OrganizationWriteSummary? {
        if case .written(let summary) = self { summary } else { nil }
    }

    var problems: [RecordProblem]? {
        if case .refused(let problems) = self { problems } else { nil }
    }
}

extension TenantDatabase {
    /// Every id of a listing, following all pages.
    func allIDs(_ kind: OrganizationKind, _ query: OrganizationQuery) async throws -> [String] {
        var ids: [String] = []
        var query = query
        while true {
            let (page, next): ([String], String?)
            switch kind {
            case .subcommand: let p = try await subcommands(query); (page, next) = (p.items.map(\.id), p.nextAfter)
            case .unit: let p = try await units(query); (page, next) = (p.items.map(\.id), p.nextAfter)
            case .point: let p = try await points(query); (page, next) = (p.items.map(\.id), p.nextAfter)
            }
            ids += page
            guard let next else { return ids }
            query.after = next
        }
    }
}
