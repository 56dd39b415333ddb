import CivitasProtos
import Crypto
import Foundation
import GRPCCore
import SwiftProtobuf

/// Moves tenant backups between civitasd and local files, checking every byte against
/// the SHA-256 the sender computed. A download lands in `<file>.partial` and is renamed
/// only once complete and verified, so a failed transfer never leaves a file that
/// looks like a backup.
public enum TenantBackupTransfer {
    public struct Summary: Sendable {
        public var bytes: UInt64
        public var sha256: String
    }

    /// Called after each chunk with (bytes so far, total bytes).
    public typealias Progress = @Sendable (UInt64, UInt64) -> Void

    public static func download(
        tenant: String, to path: String, over connection: CivitasConnection, progress: Progress? = nil
    ) async throws -> Summary {
        let partial = path + ".partial"
        guard FileManager.default.createFile(atPath: partial, contents: nil), let handle = FileHandle(forWritingAtPath: partial) else {
            throw ClientError("Cannot create \(partial).")
        }
        do {
            let summary = try await connection.tenantAdmin.backupTenant(
                .with { $0.id = tenant }, options: transferOptions
            ) { response in
                var hash = SHA256()
                var received: UInt64 = 0
                var announced: String?
                for try await chunk in response.messages {
                    try handle.write(contentsOf: chunk.data)
                    hash.update(data: chunk.data)
                    received += UInt64(chunk.data.count)
                    if !chunk.sha256.isEmpty { announced = chunk.sha256 }
                    progress?(received, chunk.totalSize)
                }
                let digest = hex(hash.finalize())
                guard let announced else { throw ClientError("The backup ended without its checksum; it is incomplete.") }
                guard announced == digest else { throw ClientError("The backup's checksum does not match its bytes.") }
                return Summary(bytes: received, sha256: digest)
            }
            try handle.synchronize()
            try handle.close()
            guard rename(partial, path) == 0 else { throw ClientError("Cannot move \(partial) to \(path).") }
            return summary
        } catch {
            try? handle.close()
            try? FileManager.default.removeItem(atPath: partial)
            throw error
        }
    }

    public static func upload(
        tenant: String, from path: String, over connection: CivitasConnection, progress: Progress? = nil
    ) async throws -> Civitas_V1_RestoreTenantResponse {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw ClientError("Cannot read \(path).") }
        defer { try? handle.close() }
        var hash = SHA256()
        var size: UInt64 = 0
        while let data = try handle.read(upToCount: chunkSize), !data.isEmpty {
            hash.update(data: data)
            size += UInt64(data.count)
        }
        let digest = hex(hash.finalize())
        try handle.seek(toOffset: 0)
        let total = size
        return try await connection.tenantAdmin.restoreTenant(options: transferOptions) { writer in
            try await writer.write(.with {
                $0.header = .with { header in header.id = tenant; header.size = total; header.sha256 = digest }
            })
            var sent: UInt64 = 0
            while let data = try handle.read(upToCount: chunkSize), !data.isEmpty {
                try await writer.write(.with { $0.data = data })
                sent += UInt64(data.count)
                progress?(sent, total)
            }
        }
    }

    static let chunkSize = 1 << 20

    private static func hex(_ digest: SHA256.Digest) -> String {
        digest.map { String(format: "%02x", $0) }.joined()
    }

    /// Transfers run as long as they need: a deadline would cut off a large tenant.
    static var transferOptions: CallOptions {
        var options = CallOptions.defaults
        options.timeout = nil
        return options
    }
}
