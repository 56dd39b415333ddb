import CivitasCore
import GRPCCore
import Logging

/// Authenticates every call except the standard health checks (which load balancers and
/// probes make without credentials) and hands the principal to the handler.
struct AuthenticationInterceptor: ServerInterceptor {
    static let unauthenticatedServices: Set<String> = ["grpc.health.v1.Health"]

    let authenticator: Authenticator
    let logger: Logger

    func intercept<Input: Sendable, Output: Sendable>(
        request: StreamingServerRequest<Input>,
        context: ServerContext,
        next: @Sendable (StreamingServerRequest<Input>, ServerContext) async throws -> StreamingServerResponse<Output>
    ) async throws -> StreamingServerResponse<Output> {
        var request = request
        if Self.unauthenticatedServices.contains(context.descriptor.service.fullyQualifiedService) {
            PrincipalMetadata.strip(from: &request.metadata)
            return try await next(request, context)
        }
        do {
            let principal = try await authenticator.authenticate(request.metadata)
            PrincipalMetadata.replace(in: &request.metadata, with: principal)
        } catch {
            throw RPCErrorMapping.rpcError(for: error, logger: logger, method: context.descriptor)
        }
        return try await next(request, context)
    }
}
