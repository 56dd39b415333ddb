import Foundation

/// How to reach and authenticate to civitasd. The CLIs fill it from their options and
/// the environment; scripts using the library fill it directly.
public struct ConnectionSettings: Sendable {
    public enum Security: Sendable {
        /// Plaintext: only for a server started with `--insecure`.
        case insecure
        /// TLS, trusting `caCertificate` (PEM), or the system's roots when nil. With a
        /// client certificate and key, for servers that require mutual TLS.
        case tls(caCertificate: String?, clientCertificate: String?, clientKey: String?)
    }

    public var endpoint: ServerEndpoint
    public var security: Security
    /// The bearer token (`cvt_…`), if any.
    public var token: String?
    /// Deadline for each call.
    public var timeout: Duration
    /// The largest message the client sends or accepts.
    public var maximumMessageBytes: Int

    public init(
        endpoint: ServerEndpoint, security: Security, token: String?, timeout: Duration = .seconds(60),
        maximumMessageBytes: Int = 16 << 20
    ) {
        self.endpoint = endpoint
        self.security = security
        self.token = token
        self.timeout = timeout
        self.maximumMessageBytes = maximumMessageBytes
    }

    /// Reads a token file: the first line, without surrounding whitespace.
    public static func readToken(file path: String) throws(ClientError) -> String {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw ClientError("Cannot read the token file \(path).")
        }
        let token = text.split(whereSeparator: \.isNewline).first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
        guard !token.isEmpty else { throw ClientError("The token file \(path) is empty.") }
        return token
    }
}
