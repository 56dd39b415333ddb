import CivitasProtos
import Crypto
import Foundation
import Testing

/// The generated Swift is committed; this fails when a .proto changed without running
/// `Protocols/generate`, which would ship a wire API that differs from its definition.
@Suite struct GeneratedCodeIsCurrentTests {
    static let protocols = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Protocols")

    @Test func generatedCodeMatchesTheProtos() throws {
        let base = Self.protocols.standardizedFileURL.path + "/"
        let files = FileManager.default.enumerator(atPath: base)!
            .compactMap { $0 as? String }
            .filter { $0.hasSuffix(".proto") }
            .sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
        #expect(!files.isEmpty)
        var hash = SHA256()
        for file in files {
            hash.update(data: Data((file + "\n").utf8))
            hash.update(data: try Data(contentsOf: URL(fileURLWithPath: base + file)))
        }
        let digest = hash.finalize().map { String(format: "%02x", $0) }.joined()
        #expect(
            digest == ProtosDigest.sha256,
            "Protocols/ changed since the Swift was generated: run Protocols/generate and commit its output."
        )
    }

    @Test func everyServiceOfTheProductIsDefined() {
        let services = [
            Civitas_V1_TenantAdminService.descriptor, Civitas_V1_IdentityService.descriptor,
            Civitas_V1_OrganizationService.descriptor, Civitas_V1_FrameworkService.descriptor,
            Civitas_V1_SubmissionService.descriptor, Civitas_V1_EvaluationService.descriptor,
            Civitas_V1_CrossCheckService.descriptor, Civitas_V1_ScheduleService.descriptor,
            Civitas_V1_JobService.descriptor,
        ].map(\.fullyQualifiedService)
        #expect(services.allSatisfy { $0.hasPrefix("civitas.v1.") })
        #expect(Set(services).count == 9)
    }
}
