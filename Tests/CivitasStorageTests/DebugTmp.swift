import CivitasCore
import CivitasStorage
import Foundation
import Logging
import Testing

@Test func debugTmp() async throws {
    try await withTemporaryDirectory { directory in
        let registry = try TenantRegistry(directory: directory, logger: Logger(label: "test"))
        let a = try TenantID("city-a")
        try await registry.withDatabase(a) { db in
            _ = try await db.writeOrganization(.subcommands([Subcommand(id: "x", name: "y")]), mode: .upsert)
            try await db.backup(to: directory.appendingPathComponent("b.sqlite").path)
        }
        let fds = try FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd").compactMap { try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/fd/\($0)") }.filter { $0.contains(directory.lastPathComponent) }
        print("FDS", fds)
        registry.closeAll()
        let fds2 = try FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd").compactMap { try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/fd/\($0)") }.filter { $0.contains(directory.lastPathComponent) }
        print("FDS2", fds2)
        for f in try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() {
            print("FILE", f, try FileManager.default.attributesOfItem(atPath: directory.appendingPathComponent(f).path)[.size]!)
        }
        do { try registry.verifyBackup(at: directory.appendingPathComponent("b.sqlite").path, of: a); print("VERIFY ok") } catch { print("VERIFY", error) }
        for f in try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() { print("FILE2", f) }
    }
}
