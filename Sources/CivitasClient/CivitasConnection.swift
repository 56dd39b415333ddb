import CivitasProtos
import GRPCCore
import GRPCNIOTransportHTTP2

/// The typed clients of every Civitas service over one HTTP/2 connection.
public struct CivitasConnection: Sendable {
    public let identity: Civitas_V1_IdentityService.Client<HTTP2ClientTransport.Posix>
    public let tenantAdmin: Civitas_V1_TenantAdminService.Client<HTTP2ClientTransport.Posix>
    public let organization: Civitas_V1_OrganizationService.Client<HTTP2ClientTransport.Posix>
    public let submissions: Civitas_V1_SubmissionService.Client<HTTP2ClientTransport.Posix>
    public let jobs: Civitas_V1_JobService.Client<HTTP2ClientTransport.Posix>
    public let schedules: Civitas_V1_ScheduleService.Client<HTTP2ClientTransport.Posix>
    public let frameworks: Civitas_V1_FrameworkService.Client<HTTP2ClientTransport.Posix>
    public let evaluations: Civitas_V1_EvaluationService.Client<HTTP2ClientTransport.Posix>
    public let crosschecks: Civitas_V1_CrossCheckService.Client<HTTP2ClientTransport.Posix>
    public let health: Grpc_Health_V1_Health.Client<HTTP2ClientTransport.Posix>
    public let settings: ConnectionSettings

    /// Call options with the configured deadline.
    public var options: CallOptions {
        var options = CallOptions.defaults
        options.timeout = settings.timeout
        return options
    }

    /// For a client stream that carries many batches (an upload of up to fifty): ten
    /// times the per-call deadline, so that a slow machine is not cut off mid-upload and
    /// sent back to re-send what it already delivered, while a hung server still ends.
    public var streamOptions: CallOptions {
        var options = CallOptions.defaults
        options.timeout = settings.timeout * 10
        return options
    }

    /// Opens a connection, runs `body`, and closes the connection.
    public static func with<Result: Sendable>(
        _ settings: ConnectionSettings, _ body: (CivitasConnection) async throws -> Result
    ) async throws -> Result {
        let transport = try HTTP2ClientTransport.Posix(
            target: target(for: settings.endpoint),
            transportSecurity: try transportSecurity(settings.security),
            config: .defaults { config in
                config.http2.maxFrameSize = 1 << 20
            }
        )
        var interceptors: [any ClientInterceptor] = []
        if let token = settings.token { interceptors.append(BearerTokenInterceptor(token: token)) }
        return try await withGRPCClient(transport: transport, interceptors: interceptors) { client in
            let connection = CivitasConnection(
                identity: .init(wrapping: client), tenantAdmin: .init(wrapping: client),
                organization: .init(wrapping: client), submissions: .init(wrapping: client),
                jobs: .init(wrapping: client), schedules: .init(wrapping: client),
                frameworks: .init(wrapping: client), evaluations: .init(wrapping: client),
                crosschecks: .init(wrapping: client),
                health: .init(wrapping: client), settings: settings
            )
            return try await body(connection)
        }
    }

    /// An IP literal is dialled as such (the dev certificate carries IP SANs); a name goes
    /// through DNS, which also sends SNI.
    private static func target(for endpoint: ServerEndpoint) -> any ResolvableTarget {
        if endpoint.isIPv4Literal { return .ipv4(address: endpoint.host, port: endpoint.port) }
        if endpoint.host.contains(":") { return .ipv6(address: endpoint.host, port: endpoint.port) }
        return .dns(host: endpoint.host, port: endpoint.port)
    }

    private static func transportSecurity(
        _ security: ConnectionSettings.Security
    ) throws(ClientError) -> HTTP2ClientTransport.Posix.TransportSecurity {
        switch security {
        case .insecure:
            return .plaintext
        case .tls(let ca, let certificate, let key):
            if (certificate == nil) != (key == nil) {
                throw ClientError("A client certificate needs its key and the key its certificate (--cert and --key).")
            }
            return .tls { config in
                if let ca { config.trustRoots = .certificates([.file(path: ca, format: .pem)]) }
                if let certificate, let key {
                    config.certificateChain = [.file(path: certificate, format: .pem)]
                    config.privateKey = .file(path: key, format: .pem)
                }
            }
        }
    }
}

/// Adds `authorization: Bearer <token>` to every call.
struct BearerTokenInterceptor: ClientInterceptor {
    let token: String

    func intercept<Input: Sendable, Output: Sendable>(
        request: StreamingClientRequest<Input>,
        context: ClientContext,
        next: (StreamingClientRequest<Input>, ClientContext) async throws -> StreamingClientResponse<Output>
    ) async throws -> StreamingClientResponse<Output> {
        var request = request
        request.metadata.replaceOrAddString("Bearer \(token)", forKey: "authorization")
        return try await next(request, context)
    }
}
