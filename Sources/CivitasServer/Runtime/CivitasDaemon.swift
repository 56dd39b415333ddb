import CivitasProtos
import CivitasStorage
import Foundation
import GRPCCore
import GRPCNIOTransportHTTP2
import Logging
import ServiceLifecycle

/// The whole server: catalog, tenants' files, gRPC services over HTTP/2 (+TLS). A
/// `Service`, so `civitasd` runs it in a `ServiceGroup` that turns SIGTERM/SIGINT into
/// a graceful shutdown: stop accepting, finish in-flight calls, close every database.
public final class CivitasDaemon: Service, Sendable {
    public let configuration: ServerConfiguration
    private let catalog: Catalog
    private let tenants: TenantRegistry
    private let health: HealthService
    private let jobs: JobRuntime
    private let server: GRPCServer<HTTP2ServerTransport.Posix>
    private let logger: Logger
    /// The CA clients should trust, when the server made its own development material.
    public let developmentCA: String?

    public init(configuration: ServerConfiguration, logger: Logger) async throws {
        self.configuration = configuration
        self.logger = logger
        let files = FileManager.default
        try files.createDirectory(at: configuration.dataDirectory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        try? files.removeItem(at: configuration.scratchDirectory)  // leftovers of an interrupted backup or restore
        try files.createDirectory(at: configuration.scratchDirectory, withIntermediateDirectories: true)

        let (security, developmentCA) = try Self.transportSecurity(configuration, logger: logger)
        self.developmentCA = developmentCA
        catalog = try Catalog(path: configuration.catalogPath, durability: configuration.durability)
        do {
            tenants = try TenantRegistry(
                directory: configuration.tenantsDirectory, maximumOpen: configuration.maximumOpenTenants,
                durability: configuration.durability, logger: logger
            )
            try await OperatorBootstrap.run(
                catalog: catalog, tokenPath: configuration.operatorTokenPath, now: configuration.now(), logger: logger
            )
            jobs = try JobRuntime(
                path: configuration.jobsPath, fsyncEveryCommit: configuration.durability == .powerLoss,
                configuration: configuration.jobs,
                kinds: [
                    EvaluationJob(tenants: tenants, catalog: catalog, now: configuration.now),
                    CrossCheckJob(tenants: tenants, now: configuration.now),
                    EscalationJob(tenants: tenants, now: configuration.now),
                ],
                now: configuration.now, logger: logger
            )
        } catch {
            try? catalog.close()
            throw error
        }

        let environment = ServerEnvironment(
            catalog: catalog, tenants: tenants, logger: logger, now: configuration.now,
            scratchDirectory: configuration.scratchDirectory
        )
        let submission = SubmissionService(
            environment: environment, maximumEvidenceBytes: configuration.maximumEvidenceBytes,
            reevaluation: EvaluationTrigger(queue: jobs.queue, logger: logger)
        )
        let services: [any RegistrableRPCService] = [
            IdentityService(environment: environment),
            TenantAdminService(environment: environment),
            OrganizationService(environment: environment),
            JobService(environment: environment, jobs: jobs),
            ScheduleService(environment: environment, jobs: jobs),
            submission,
            SurveyUploadRoute(service: submission),
            FrameworkService(environment: environment),
            EvaluationService(environment: environment, jobs: jobs),
            CrossCheckService(environment: environment, jobs: jobs),
        ]
        health = HealthService(services: [
            Civitas_V1_IdentityService.descriptor.fullyQualifiedService,
            Civitas_V1_TenantAdminService.descriptor.fullyQualifiedService,
            Civitas_V1_OrganizationService.descriptor.fullyQualifiedService,
            Civitas_V1_JobService.descriptor.fullyQualifiedService,
            Civitas_V1_ScheduleService.descriptor.fullyQualifiedService,
            Civitas_V1_SubmissionService.descriptor.fullyQualifiedService,
            Civitas_V1_FrameworkService.descriptor.fullyQualifiedService,
            Civitas_V1_EvaluationService.descriptor.fullyQualifiedService,
            Civitas_V1_CrossCheckService.descriptor.fullyQualifiedService,
        ])
        let transportConfig = HTTP2ServerTransport.Posix.Config.defaults { config in
            config.rpc.maxRequestPayloadSize = configuration.maximumMessageBytes
            config.http2.maxConcurrentStreams = configuration.maximumConcurrentStreams
            config.http2.targetWindowSize = configuration.flowControlWindowBytes
        }
        server = GRPCServer(
            transport: .http2NIOPosix(
                address: configuration.host.contains(":")
                    ? .ipv6(host: configuration.host, port: configuration.port)
                    : .ipv4(host: configuration.host, port: configuration.port),
                transportSecurity: security, config: transportConfig
            ),
            services: services + [health],
            interceptors: [AuthenticationInterceptor(authenticator: Authenticator(catalog: catalog, now: configuration.now), logger: logger)]
        )
    }

    /// The bound address (useful with port 0), once the server listens; nil if it failed.
    public var listeningAddress: (host: String, port: Int)? {
        get async {
            guard let address = try? await server.listeningAddress else { return nil }
            if let v4 = address.ipv4 { return (v4.host, v4.port) }
            if let v6 = address.ipv6 { return (v6.host, v6.port) }
            return nil
        }
    }

    /// Serves until a graceful shutdown (signal through the service group, or
    /// ``beginGracefulShutdown()``), then closes every database.
    public func run() async throws {
        defer { closeDatabases() }
        // The worker pool and the scheduler run alongside the server: they stop claiming
        // when the graceful shutdown begins, and running jobs get their grace period once
        // serving has stopped (or failed).
        jobs.start()
        do {
            try await withGracefulShutdownHandler {
                try await server.serve()
            } onGracefulShutdown: {
                self.beginGracefulShutdown()
            }
        } catch {
            await jobs.finish()
            throw error
        }
        await jobs.finish()
    }

    /// Reports NOT_SERVING to health checks, stops accepting connections and lets
    /// in-flight calls finish.
    public func beginGracefulShutdown() {
        health.markNotServing()
        jobs.beginShutdown()
        server.beginGracefulShutdown()
    }

    /// Closes the databases of a daemon that was set up but never run (`civitasd --init`).
    public func closeWithoutServing() {
        jobs.closeWithoutStarting()
        closeDatabases()
    }

    private func closeDatabases() {
        tenants.closeAll()
        do { try catalog.close() } catch { logger.error("Closing the catalog failed", metadata: ["error": "\(error)"]) }
        logger.info("Databases closed")
    }

    private static func transportSecurity(
        _ configuration: ServerConfiguration, logger: Logger
    ) throws -> (HTTP2ServerTransport.Posix.TransportSecurity, String?) {
        switch configuration.security {
        case .insecure:
            logger.warning("Serving PLAINTEXT (--insecure): credentials and data cross the network unencrypted")
            return (.plaintext, nil)
        case .tls(let certificate, let key, let clientCA):
            var developmentCA: String?
            let (chain, privateKey): (String, String)
            if let certificate, let key {
                (chain, privateKey) = (certificate, key)
            } else {
                let (paths, created) = try DevelopmentCertificates.ensure(in: configuration.tlsDirectory)
                if created { logger.notice("Development TLS material created", metadata: ["directory": "\(paths.directory.path)"]) }
                (chain, privateKey) = (paths.serverCertificate, paths.serverKey)
                developmentCA = paths.caCertificate
            }
            let certificates: [TLSConfig.CertificateSource] = [.file(path: chain, format: .pem)]
            let keySource = TLSConfig.PrivateKeySource.file(path: privateKey, format: .pem)
            guard let clientCA else { return (.tls(certificateChain: certificates, privateKey: keySource), developmentCA) }
            let security = HTTP2ServerTransport.Posix.TransportSecurity.mTLS(certificateChain: certificates, privateKey: keySource) {
                $0.trustRoots = .certificates([.file(path: clientCA, format: .pem)])
            }
            return (security, developmentCA)
        }
    }
}
