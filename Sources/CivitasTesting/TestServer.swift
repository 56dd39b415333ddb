import CivitasClient
import CivitasServer
import CivitasStorage
import Foundation
import Logging

/// A real civitasd — the same ``CivitasDaemon`` the executable runs, with TLS and its
/// development certificates — in this process, on an ephemeral loopback port, with its
/// own data directory and an adjustable clock.
public final class TestServer: Sendable {
    public let daemon: CivitasDaemon
    public let directory: TemporaryDirectory
    public let clock: TestClock
    public let port: Int
    public let operatorToken: String
    private let task: Task<Void, any Error>

    public var dataDirectory: URL { directory.url }
    public var caPath: String { directory.url.appendingPathComponent("tls/ca.pem").path }
    public var endpoint: ServerEndpoint { ServerEndpoint(host: "127.0.0.1", port: port) }

    public static func start(
        directory: TemporaryDirectory? = nil, configure: (inout ServerConfiguration) -> Void = { _ in }
    ) async throws -> TestServer {
        let directory = try directory ?? TemporaryDirectory()
        let clock = TestClock()
        var configuration = ServerConfiguration(dataDirectory: directory.url)
        configuration.port = 0
        configuration.now = { clock.now }
        configuration.durability = .processCrash
        configure(&configuration)
        var logger = Logger(label: "civitasd-test")
        logger.logLevel = ProcessInfo.processInfo.environment["CIVITAS_TEST_LOG"] == nil ? .critical : .debug
        let daemon = try await CivitasDaemon(configuration: configuration, logger: logger)
        let task = Task { try await daemon.run() }
        guard let (_, port) = await daemon.listeningAddress else {
            task.cancel()
            _ = try? await task.value
            throw ClientError("The test server did not start listening.")
        }
        let token = try ConnectionSettings.readToken(file: configuration.operatorTokenPath)
        return TestServer(daemon: daemon, directory: directory, clock: clock, port: port, operatorToken: token, task: task)
    }

    private init(daemon: CivitasDaemon, directory: TemporaryDirectory, clock: TestClock, port: Int, operatorToken: String, task: Task<Void, any Error>) {
        self.daemon = daemon
        self.directory = directory
        self.clock = clock
        self.port = port
        self.operatorToken = operatorToken
        self.task = task
    }

    /// Connection settings that trust this server's development CA.
    public func settings(token: String?) -> ConnectionSettings {
        ConnectionSettings(endpoint: endpoint, security: .tls(caCertificate: caPath, clientCertificate: nil, clientKey: nil), token: token, timeout: .seconds(30))
    }

    /// Connects with `token` and runs `body`.
    public func with<Result: Sendable>(token: String?, _ body: (CivitasConnection) async throws -> Result) async throws -> Result {
        try await CivitasConnection.with(settings(token: token), body)
    }

    /// Graceful shutdown; waits until every database is closed. Keeps the directory.
    public func stop() async throws {
        daemon.beginGracefulShutdown()
        try await task.value
    }

    /// Stops and removes the data directory.
    public func stopAndRemove() async throws {
        try await stop()
        directory.remove()
    }
}
