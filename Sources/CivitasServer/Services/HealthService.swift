import CivitasProtos
import GRPCCore
import SwiftProtobuf
import Logging
import Synchronization

/// The standard `grpc.health.v1.Health` service. The overall server ("") and every
/// Civitas service report SERVING while the server accepts calls and NOT_SERVING once it
/// is shutting down, so that a load balancer stops sending traffic before the port closes.
final class HealthService: Grpc_Health_V1_Health.SimpleServiceProtocol, Sendable {
    typealias Status = Grpc_Health_V1_HealthCheckResponse.ServingStatus

    private let knownServices: Set<String>
    private let serving = Mutex(true)

    init(services: [String]) {
        knownServices = Set(services).union([""])
    }

    func markNotServing() { serving.withLock { $0 = false } }

    private func status(of service: String) -> Status? {
        guard knownServices.contains(service) else { return nil }
        return serving.withLock { $0 } ? .serving : .notServing
    }

    func check(
        request: Grpc_Health_V1_HealthCheckRequest, context: ServerContext
    ) async throws -> Grpc_Health_V1_HealthCheckResponse {
        guard let status = status(of: request.service) else {
            throw RPCError(code: .notFound, message: "Unknown service \"\(request.service.prefix(100))\".")
        }
        return .with { $0.status = status }
    }

    /// Sends the status now and on every change until the client goes away or the server
    /// stops serving. Polls once a second: status changes only at shutdown, and the poll
    /// lets the handler notice cancellation (the server does not cancel it for us).
    func watch(
        request: Grpc_Health_V1_HealthCheckRequest,
        response: RPCWriter<Grpc_Health_V1_HealthCheckResponse>,
        context: ServerContext
    ) async throws {
        var last: Status?
        while !context.cancellation.isCancelled, !Task.isCancelled {
            let current = status(of: request.service) ?? .serviceUnknown
            if current != last {
                try await response.write(.with { $0.status = current })
                last = current
            }
            if current == .notServing { return }
            try? await Task.sleep(for: .seconds(1))
        }
    }
}
