import CivitasClient
import CivitasProtos
import CivitasTesting
import Foundation
import GRPCCore
import SwiftProtobuf
import Testing

/// civitasd speaks TLS by default, with development certificates it makes itself, and
/// serves the standard health service to anyone (probes carry no credentials).
@Suite struct TransportSecurityTests {
    @Test func healthCheckOverTLSReportsServing() async throws {
        let server = try await SharedServer.get()
        let status = try await server.with(token: nil) { civitas in
            try await civitas.health.check(.with { $0.service = "" }).status
        }
        #expect(status == .serving)
    }

    @Test func healthCheckOfEachCivitasServiceAndUnknownOne() async throws {
        let server = try await SharedServer.get()
        try await server.with(token: nil) { civitas in
            let status = try await civitas.health.check(.with { $0.service = "civitas.v1.OrganizationService" }).status
            #expect(status == .serving)
            await expectRPCError(.notFound) {
                _ = try await civitas.health.check(.with { $0.service = "no.such.Service" })
            }
        }
    }

    @Test func plaintextClientIsRefused() async throws {
        let server = try await SharedServer.get()
        var settings = server.settings(token: nil)
        settings.security = .insecure
        settings.timeout = .seconds(5)
        await expectRPCError(.unavailable) {
            try await CivitasConnection.with(settings) { civitas in
                _ = try await civitas.health.check(.with { $0.service = "" })
            }
        }
    }

    @Test func clientNotTrustingTheDevelopmentCAIsRefused() async throws {
        let server = try await SharedServer.get()
        var settings = server.settings(token: nil)
        settings.security = .tls(caCertificate: nil, clientCertificate: nil, clientKey: nil)  // system roots only
        settings.timeout = .seconds(5)
        await expectRPCError(.unavailable) {
            try await CivitasConnection.with(settings) { civitas in
                _ = try await civitas.health.check(.with { $0.service = "" })
            }
        }
    }

    @Test func developmentMaterialIsReusedAcrossRestarts() async throws {
        let first = try await TestServer.start()
        let ca = try String(contentsOfFile: first.caPath, encoding: .utf8)
        let key = try FileManager.default.attributesOfItem(atPath: first.dataDirectory.appendingPathComponent("tls/server.key").path)
        #expect((key[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        let token = first.operatorToken
        try await first.stop()

        let second = try await TestServer.start(directory: first.directory)
        defer { first.directory.remove() }
        #expect(try String(contentsOfFile: second.caPath, encoding: .utf8) == ca)
        #expect(second.operatorToken == token, "the bootstrap token is written once, on first run")
        let status = try await second.with(token: nil) { try await $0.health.check(.with { $0.service = "" }).status }
        #expect(status == .serving)
        try await second.stop()
    }
}
