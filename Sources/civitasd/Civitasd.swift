import ArgumentParser
import CivitasServer
import CivitasStorage
import Foundation
import Logging
import ServiceLifecycle
import UnixSignals

/// `civitasd`: the Civitas server. Runs on embedded defaults with no options at all:
/// data in ./civitas-data, TLS with development certificates made on first run, a
/// bootstrap operator token in <data>/operator.token.
@main
struct Civitasd: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "civitasd",
        abstract: "The Civitas server: evaluates cities' Model City campaigns over gRPC (TLS)."
    )

    @Option(help: "Directory for the catalog, the tenants' databases, TLS material and the operator token.")
    var data = "civitas-data"

    @Option(help: "IP address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "Port to listen on (0: any free port).")
    var port = 7443

    @Flag(help: "Serve plaintext HTTP/2 instead of TLS. Only for a trusted network or a local test.")
    var insecure = false

    @Option(name: .customLong("tls-cert"), help: "Server certificate chain (PEM). Default: development material in <data>/tls.")
    var tlsCertificate: String?

    @Option(name: .customLong("tls-key"), help: "Server private key (PEM).")
    var tlsKey: String?

    @Option(name: .customLong("client-ca"), help: "Require client certificates signed by this CA (PEM): mutual TLS.")
    var clientCA: String?

    @Option(name: .customLong("max-message-bytes"), help: "Largest request message accepted.")
    var maximumMessageBytes = 16 << 20

    @Option(name: .customLong("max-open-tenants"), help: "Tenant databases kept open at once; idle ones beyond it are closed.")
    var maximumOpenTenants = 64

    @Option(name: .customLong("max-evidence-bytes"), help: "Largest evidence document stored with its bytes (larger: metadata only).")
    var maximumEvidenceBytes = 8 << 20

    @Option(help: "What an acknowledged write survives: full (power loss) or normal (process crash only; faster).")
    var synchronous = Durability.powerLoss.rawValue

    @Option(name: .customLong("job-workers"), help: "Background job workers (default: the core count).")
    var jobWorkers: Int?

    @Option(name: .customLong("job-lease-seconds"), help: "How long a running job is held without a heartbeat before another worker takes it over.")
    var jobLeaseSeconds: Double = 30

    @Option(name: .customLong("job-grace-seconds"), help: "After SIGTERM, how long running jobs may finish before they are released (keep it below 30).")
    var jobGraceSeconds: Double = 20

    @Option(name: .customLong("job-poll-seconds"), help: "How often idle workers look for jobs enqueued by other processes.")
    var jobPollSeconds: Double = 1

    @Option(name: .customLong("log-level"), help: "trace, debug, info, notice, warning, error or critical.")
    var logLevel = "info"

    @Flag(help: "Prepare the data directory (catalog, development TLS material, operator token) and exit.")
    var `init` = false

    func validate() throws {
        if (tlsCertificate == nil) != (tlsKey == nil) {
            throw ValidationError("--tls-cert and --tls-key go together.")
        }
        if insecure, tlsCertificate != nil || clientCA != nil {
            throw ValidationError("--insecure cannot be combined with --tls-cert, --tls-key or --client-ca.")
        }
        guard Durability(rawValue: synchronous) != nil else { throw ValidationError("--synchronous must be full or normal.") }
        guard Logger.Level(rawValue: logLevel) != nil else { throw ValidationError("--log-level \(logLevel) is not a level.") }
        guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535.") }
        guard jobWorkers.map({ $0 >= 1 }) ?? true else { throw ValidationError("--job-workers must be at least 1.") }
        guard jobLeaseSeconds >= 1, jobPollSeconds > 0 else { throw ValidationError("--job-lease-seconds must be at least 1 and --job-poll-seconds positive.") }
        guard (0..<30).contains(jobGraceSeconds) else {
            throw ValidationError("--job-grace-seconds must be at least 0 and below 30, the server's own shutdown grace period.")
        }
    }

    func run() async throws {
        let level = Logger.Level(rawValue: logLevel) ?? .info
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        let logger = Logger(label: "civitasd")

        var configuration = ServerConfiguration(dataDirectory: URL(fileURLWithPath: data, isDirectory: true).standardizedFileURL)
        configuration.host = host
        configuration.port = port
        configuration.security = insecure ? .insecure : .tls(certificate: tlsCertificate, key: tlsKey, clientCA: clientCA)
        configuration.maximumMessageBytes = maximumMessageBytes
        configuration.maximumOpenTenants = maximumOpenTenants
        configuration.maximumEvidenceBytes = maximumEvidenceBytes
        configuration.durability = Durability(rawValue: synchronous) ?? .powerLoss
        if let jobWorkers { configuration.jobs.workers = jobWorkers }
        configuration.jobs.leaseSeconds = jobLeaseSeconds
        configuration.jobs.shutdownGraceSeconds = jobGraceSeconds
        configuration.jobs.pollSeconds = jobPollSeconds

        let daemon = try await CivitasDaemon(configuration: configuration, logger: logger)
        if self.`init` {
            daemon.closeWithoutServing()
            print("Initialized \(configuration.dataDirectory.path)" + (daemon.developmentCA.map { "; clients trust \($0)" } ?? ""))
            return
        }
        let group = ServiceGroup(
            configuration: .init(
                services: [.init(service: daemon)],
                gracefulShutdownSignals: [.sigterm, .sigint],
                logger: logger
            ).withGracePeriod(.seconds(30))
        )
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            tasks.addTask { [configuration] in await Self.announceReady(daemon, configuration) }
            try await tasks.waitForAll()
        }
    }

    /// One line on stdout once the port is bound, for people and for scripts that wait on it.
    private static func announceReady(_ daemon: CivitasDaemon, _ configuration: ServerConfiguration) async {
        guard let (host, port) = await daemon.listeningAddress else { return }
        let address = host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
        var line = "civitasd ready on \(address) "
        if case .insecure = configuration.security {
            line += "(PLAINTEXT)"
        } else if let ca = daemon.developmentCA {
            line += "(TLS; clients trust \(ca))"
        } else {
            line += "(TLS)"
        }
        line += "; data in \(configuration.dataDirectory.path)"
        // Written straight to the file descriptor: stdout may be a pipe a script waits on,
        // and print() would buffer the line.
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }
}

extension ServiceGroupConfiguration {
    /// In-flight calls get this long to finish after SIGTERM before the group gives up.
    func withGracePeriod(_ duration: Duration) -> Self {
        var copy = self
        copy.maximumGracefulShutdownDuration = duration
        return copy
    }
}
