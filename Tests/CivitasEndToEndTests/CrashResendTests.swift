import CivitasClient
import CivitasProtos
import CivitasTesting
import Foundation
import GRPCCore
import SwiftProtobuf
import Synchronization
import Testing

/// A district uploads a big survey wave; the server is killed with -9 in the middle. The
/// office re-sends the whole file with the same keys: every row ends up stored exactly once.
@Suite(.serialized) struct CrashResendTests {
    @Test func killDashNineMidUploadThenResendStoresEachRowOnce() async throws {
        let scratch = try TemporaryDirectory(prefix: "civitasd-crash-resend")
        defer { scratch.remove() }
        let data = scratch.url.appendingPathComponent("data")
        let first = try await DaemonProcess.launch(data: data)
        let operatorToken = try ConnectionSettings.readToken(file: data.appendingPathComponent("operator.token").path)
        func settings(_ daemon: DaemonProcess, _ token: String) -> ConnectionSettings {
            ConnectionSettings(
                endpoint: ServerEndpoint(host: "127.0.0.1", port: daemon.port),
                security: .tls(caCertificate: data.appendingPathComponent("tls/ca.pem").path, clientCertificate: nil, clientKey: nil),
                token: token, timeout: .seconds(30)
            )
        }
        let hq = try await CivitasConnection.with(settings(first, operatorToken)) { civitas in
            _ = try await civitas.tenantAdmin.createTenant(.with { $0.id = "crash-city"; $0.name = "某市" })
            return try await civitas.tenantAdmin.issueCredential(.with { $0.tenant = "crash-city"; $0.role = "hq" }).token
        }
        try await CivitasConnection.with(settings(first, hq)) { civitas in
            _ = try await civitas.organization.importOrganization(.with {
                $0.subcommands = [.with { $0.id = "sc-1"; $0.name = "一"; $0.active = true }]
            })
            _ = try await civitas.submissions.declareCodes(.with { $0.codes = TenantFixture.smallCodes.withoutMaterialIndicators })
        }

        let batches = (0..<20).map { batch in (0..<500).map { Sample.survey("w-\(batch)-\($0)") } }
        let sent = SentCounter()
        // First attempt: the server dies after about half the batches went out.
        do {
            _ = try await CivitasConnection.with(settings(first, hq)) { civitas in
                try await civitas.submissions.submitSurveyResponses { writer in
                    for batch in batches {
                        try await writer.write(.with { $0.responses = batch })
                        if sent.count.add(1, ordering: .relaxed).newValue == 10 {
                            try await Task.sleep(for: .milliseconds(300))  // let some batches commit
                            kill(first.process.processIdentifier, SIGKILL)
                        }
                    }
                }
            }
            Issue.record("The upload should have failed when the server was killed.")
        } catch {
            // Expected: the connection dropped.
        }
        try await first.stop(with: SIGKILL)

        let second = try await DaemonProcess.launch(data: data)
        let (before, resend, after, audit) = try await CivitasConnection.with(settings(second, hq)) { civitas in
            let before = try await civitas.allRecords("survey").count
            let resend = try await civitas.submitSurveys(batches)
            let after = try await civitas.allRecords("survey")
            let audit = try await civitas.submissions.verifyAuditLog(.init())
            return (before, resend, after, audit)
        }
        #expect(before > 0 && before < 10_000, "part of the first upload was stored before the kill (\(before))")
        #expect(resend.stored + resend.repeated == 10_000)
        #expect(Int(resend.repeated) == before, "everything stored before the kill comes back as a repeat")
        #expect(after.count == 10_000)
        #expect(Set(after.map(\.key)).count == 10_000)
        #expect(audit.intact, "\(audit.problem)")
        try await second.stop(with: SIGTERM)
    }
}

extension Civitas_V1_CodeRegistry {
    /// The small codes without material indicators, for a city with no units.
    var withoutMaterialIndicators: Civitas_V1_CodeRegistry {
        var copy = self
        copy.indicators.removeAll { $0.method == "material" }
        return copy
    }
}

final class SentCounter: Sendable {
    let count = Atomic<Int>(0)
}
