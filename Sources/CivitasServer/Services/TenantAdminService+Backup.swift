import CivitasCore
import CivitasProtos
import CivitasStorage
import Crypto
import Foundation
import GRPCCore
import SwiftProtobuf
import Logging

extension TenantAdminService {
    static let chunkSize = 1 << 20

    /// Copies the tenant's database from one read snapshot (writers go on meanwhile) into
    /// a scratch file, then streams it with its SHA-256 in the last chunk.
    func backupTenant(
        request: ServerRequest<Civitas_V1_BackupTenantRequest>, context: ServerContext
    ) async throws -> StreamingServerResponse<Civitas_V1_BackupChunk> {
        let environment = environment
        let snapshot: String = try await environment.handle(request.metadata, context) { principal in
            try AccessPolicy.requireOperator(principal, toDo: "back up tenants")
            let id = try await existingTenant(request.message.id).tenantID
            let path = environment.scratchDirectory.appendingPathComponent("backup-\(id)-\(UUID().uuidString).sqlite").path
            do {
                try await environment.tenants.withDatabase(id) { try await $0.backup(to: path) }
            } catch {
                try? FileManager.default.removeItem(atPath: path)
                throw error
            }
            environment.logger.notice("Tenant backup started", metadata: ["tenant": "\(id)", "by": "\(principal.credentialID)"])
            return path
        }
        return StreamingServerResponse { writer in
            defer { try? FileManager.default.removeItem(atPath: snapshot) }
            guard let handle = FileHandle(forReadingAtPath: snapshot) else {
                throw RPCError(code: .internalError, message: "The backup snapshot could not be read.")
            }
            defer { try? handle.close() }
            let total = UInt64((try? FileManager.default.attributesOfItem(atPath: snapshot)[.size] as? NSNumber)?.uint64Value ?? 0)
            var hash = SHA256()
            var sent: UInt64 = 0
            repeat {
                if context.cancellation.isCancelled { throw RPCError(code: .cancelled, message: "The backup was cancelled.") }
                let data = try handle.read(upToCount: Self.chunkSize) ?? Data()
                hash.update(data: data)
                sent += UInt64(data.count)
                var chunk = Civitas_V1_BackupChunk()
                chunk.data = data
                chunk.totalSize = total
                if sent >= total { chunk.sha256 = hash.finalize().hexString }
                try await writer.write(chunk)
            } while sent < total
            return [:]
        }
    }

    /// Receives a backup into a scratch file, checks its size and SHA-256 against the
    /// header and its contents against the tenant, and only then swaps it in. The tenant
    /// must be suspended, so that nobody writes to the file being replaced.
    func restoreTenant(
        request: StreamingServerRequest<Civitas_V1_RestoreTenantRequest>, context: ServerContext
    ) async throws -> ServerResponse<Civitas_V1_RestoreTenantResponse> {
        try await environment.handle(request.metadata, context) { principal in
            try AccessPolicy.requireOperator(principal, toDo: "restore tenants")
            var messages = request.messages.makeAsyncIterator()
            guard let first = try await messages.next(), case .header(let header)? = first.part else {
                throw CivitasError.invalidArgument("A restore must start with its header (tenant id, size, sha256).")
            }
            let tenant = try await existingTenant(header.id)
            let id = try tenant.tenantID
            guard tenant.tenantState == .suspended else {
                throw CivitasError.failedPrecondition(
                    "Tenant \(id) is \(tenant.state); suspend it before restoring, so that no one writes meanwhile."
                )
            }
            let path = environment.scratchDirectory.appendingPathComponent("restore-\(id)-\(UUID().uuidString).sqlite").path
            defer { try? FileManager.default.removeItem(atPath: path) }
            guard FileManager.default.createFile(atPath: path, contents: nil), let handle = FileHandle(forWritingAtPath: path) else {
                throw CivitasError(.internal, "The server could not create a scratch file for the restore.")
            }
            var hash = SHA256()
            var received: UInt64 = 0
            do {
                defer { try? handle.close() }
                while let message = try await messages.next() {
                    guard case .data(let data)? = message.part else {
                        throw CivitasError.invalidArgument("A restore carries one header, then only data.")
                    }
                    received += UInt64(data.count)
                    guard received <= header.size else {
                        throw CivitasError.invalidArgument("The restore sent more than the \(header.size) bytes its header announced.")
                    }
                    hash.update(data: data)
                    try handle.write(contentsOf: data)
                }
                try handle.synchronize()
            }
            guard received == header.size else {
                throw CivitasError.invalidArgument("The restore sent \(received) of the \(header.size) bytes its header announced.")
            }
            guard hash.finalize().hexString == header.sha256.lowercased() else {
                throw CivitasError.invalidArgument("The restored bytes do not match the sha256 in the header.")
            }
            try environment.tenants.verifyBackup(at: path, of: id)
            try environment.tenants.replaceFile(of: id, with: path)
            environment.logger.notice("Tenant restored", metadata: ["tenant": "\(id)", "bytes": "\(received)", "by": "\(principal.credentialID)"])
            return ServerResponse(message: .with {
                $0.tenant = Civitas_V1_Tenant(tenant)
                $0.bytes = received
            })
        }
    }
}
