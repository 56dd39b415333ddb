/// Where civitasd listens: `host:port`, `[v6]:port`, or a bare host (port 7443).
public struct ServerEndpoint: Hashable, Sendable, CustomStringConvertible {
    public static let defaultPort = 7443

    public var host: String
    public var port: Int

    public init(host: String, port: Int = ServerEndpoint.defaultPort) {
        self.host = host
        self.port = port
    }

    public init(parsing text: String) throws(ClientError) {
        var host = Substring(text)
        var port = Self.defaultPort
        if host.hasPrefix("[") {
            guard let close = host.firstIndex(of: "]") else { throw ClientError("Server address \"\(text)\" has an unclosed '['.") }
            let rest = host[host.index(after: close)...]
            host = host[host.index(after: host.startIndex)..<close]
            if !rest.isEmpty {
                guard rest.hasPrefix(":"), let value = Int(rest.dropFirst()) else {
                    throw ClientError("Server address \"\(text)\" must look like [::1]:7443.")
                }
                port = value
            }
        } else if let colon = host.lastIndex(of: ":"), host.firstIndex(of: ":") == colon {
            guard let value = Int(host[host.index(after: colon)...]) else {
                throw ClientError("Server address \"\(text)\" has a port that is not a number.")
            }
            port = value
            host = host[..<colon]
        }
        guard !host.isEmpty else { throw ClientError("Server address \"\(text)\" names no host.") }
        guard (1...65535).contains(port) else { throw ClientError("Port \(port) is not between 1 and 65535.") }
        self.host = String(host)
        self.port = port
    }

    public var description: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }

    var isIPv4Literal: Bool {
        let parts = host.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts.allSatisfy { UInt8($0) != nil }
    }
}

/// A problem on the client side (bad option, unreadable file) before any call is made.
public struct ClientError: Error, CustomStringConvertible, Sendable {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
