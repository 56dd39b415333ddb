import ArgumentParser
import CivitasCLISupport
import Foundation

extension Terminal {
    /// Writes `data` to the file at `path` atomically, so that a reader never sees half a
    /// page or sheet; a failure is reported on stderr naming the file and exits 1.
    static func write(_ data: Data, toFile path: String) throws {
        do {
            try data.write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            Terminal.error("Cannot write \(path): \(error.localizedDescription)")
            throw ExitCode(1)
        }
    }
}
