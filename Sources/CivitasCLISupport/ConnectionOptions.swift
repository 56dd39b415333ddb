import ArgumentParser
import CivitasClient
import Foundation

/// The connection options both CLIs share. Each falls back to an environment variable,
/// so that scripts set them once: CIVITAS_SERVER, CIVITAS_CA, CIVITAS_TOKEN or
/// CIVITAS_TOKEN_FILE.
public struct ConnectionOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("civitasd address, host:port.", discussion: "Default: $CIVITAS_SERVER, else 127.0.0.1:7443."))
    var server: String?

    @Option(name: .long, help: ArgumentHelp("PEM file of the CA that signed the server's certificate.", discussion: "Default: $CIVITAS_CA, else the system's trust roots. A server on embedded defaults made its CA at <data>/tls/ca.pem."))
    var ca: String?

    @Option(name: .customLong("token-file"), help: ArgumentHelp("File holding the bearer token.", discussion: "Default: $CIVITAS_TOKEN (the token itself), else $CIVITAS_TOKEN_FILE."))
    var tokenFile: String?

    @Option(name: .long, help: "Client certificate (PEM), for servers that require mutual TLS.")
    var cert: String?

    @Option(name: .long, help: "Key of the client certificate (PEM).")
    var key: String?

    @Flag(name: .long, help: "Talk plaintext HTTP/2 to a server started with --insecure.")
    var insecure = false

    @Option(name: .long, help: "Seconds to wait for each call.")
    var timeout: Int = 60

    public init() {}

    public func settings(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> ConnectionSettings {
        let endpoint = try ServerEndpoint(parsing: server ?? environment["CIVITAS_SERVER"] ?? "127.0.0.1:\(ServerEndpoint.defaultPort)")
        let token: String?
        if let tokenFile {
            token = try ConnectionSettings.readToken(file: tokenFile)
        } else if let value = environment["CIVITAS_TOKEN"], !value.isEmpty {
            token = value.trimmingCharacters(in: .whitespacesAndNewlines)
        } else if let file = environment["CIVITAS_TOKEN_FILE"], !file.isEmpty {
            token = try ConnectionSettings.readToken(file: file)
        } else {
            token = nil
        }
        let caPath = ca ?? environment["CIVITAS_CA"].flatMap { $0.isEmpty ? nil : $0 }
        if let caPath, !FileManager.default.isReadableFile(atPath: caPath) {
            throw ClientError("Cannot read the CA file \(caPath).")
        }
        guard timeout > 0 else { throw ClientError("--timeout must be at least 1 second.") }
        return ConnectionSettings(
            endpoint: endpoint,
            security: insecure ? .insecure : .tls(caCertificate: caPath, clientCertificate: cert, clientKey: key),
            token: token, timeout: .seconds(timeout)
        )
    }
}

/// `--json` for every listing: one JSON document on stdout, for scripts.
public struct OutputOptions: ParsableArguments {
    @Flag(name: .long, help: "Print JSON instead of a table.")
    public var json = false

    public init() {}
}
