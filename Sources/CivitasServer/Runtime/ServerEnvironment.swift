import CivitasCore
import CivitasStorage
import Foundation
import GRPCCore
import Logging

/// What every service shares: the catalog, the tenants' files, the clock and the log.
struct ServerEnvironment: Sendable {
    let catalog: Catalog
    let tenants: TenantRegistry
    let logger: Logger
    let now: @Sendable () -> Date
    /// Scratch space on the same file system as the data, so renames are atomic.
    let scratchDirectory: URL

    /// Runs one call: reads the principal the interceptor attached, runs `body`, and maps
    /// whatever it throws to the status the client sees.
    func handle<Response>(
        _ metadata: Metadata, _ context: ServerContext, _ body: (Principal) async throws -> Response
    ) async throws -> Response {
        do {
            return try await body(try PrincipalMetadata.principal(in: metadata))
        } catch {
            throw RPCErrorMapping.rpcError(for: error, logger: logger, method: context.descriptor)
        }
    }

    /// Runs `body` with the database of the tenant the principal may reach for `action`.
    func withTenant<T: Sendable>(
        _ principal: Principal, _ action: TenantAction, requested: String,
        _ body: (TenantDatabase, BlockFilter) async throws -> T
    ) async throws -> T {
        let (tenant, block) = try AccessPolicy.authorize(principal, action, requestedTenant: requested)
        return try await tenants.withDatabase(tenant) { database in try await body(database, block) }
    }
}
