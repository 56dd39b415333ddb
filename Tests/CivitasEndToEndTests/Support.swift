import CivitasClient
import CivitasTesting
import Foundation
import GRPCCore
import SwiftProtobuf
import Testing

/// One server for the whole suite: starting one costs a TLS setup and a catalog, and
/// tests keep out of each other's way by using tenants of their own. Tests that need a
/// clock of their own, or to stop the server, start a private one.
actor SharedServer {
    static let shared = SharedServer()
    private var server: TestServer?

    static func get() async throws -> TestServer {
        try await shared.start()
    }

    private func start() async throws -> TestServer {
        if let server { return server }
        let started = try await TestServer.start()
        server = started
        return started
    }
}

/// Runs `body` expecting an RPC failure with `code` whose message contains `fragment`.
func expectRPCError(
    _ code: RPCError.Code, containing fragment: String? = nil, sourceLocation: SourceLocation = #_sourceLocation,
    _ body: () async throws -> Void
) async {
    do {
        try await body()
        Issue.record("Expected \(code), but the call succeeded", sourceLocation: sourceLocation)
    } catch let error as RPCError {
        #expect(error.code == code, "message: \(error.message)", sourceLocation: sourceLocation)
        if let fragment {
            #expect(error.message.contains(fragment), "\"\(error.message)\" lacks \"\(fragment)\"", sourceLocation: sourceLocation)
        }
    } catch {
        Issue.record("Expected an RPCError \(code), got \(error)", sourceLocation: sourceLocation)
    }
}
