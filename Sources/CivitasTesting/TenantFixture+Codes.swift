import CivitasClient
import CivitasProtos
import Foundation
import SwiftProtobuf

extension TenantFixture {
    /// Codes for the small organization (see ``importSmallOrganization(tenant:hqToken:)``):
    /// material indicators `m-rate` (number 0…100, units u-1 and u-2) and `m-plan`
    /// (provided, unit u-1); checklist items `c-clean`, `c-order`; survey `s-1` with
    /// questions q1…q6 and a 60 s minimum; feed metric `aqi` (0…500).
    public static var smallCodes: Civitas_V1_CodeRegistry {
        .with {
            $0.indicators = [
                .with { $0.code = "m-rate"; $0.method = "material"; $0.valueKind = "number"; $0.hasRange_p = true; $0.min = 0; $0.max = 100; $0.units = ["u-1", "u-2"] },
                .with { $0.code = "m-plan"; $0.method = "material"; $0.valueKind = "provided"; $0.units = ["u-1"] },
                .with { $0.code = "i-clean"; $0.method = "inspection" },
            ]
            $0.checklistItems = [
                .with { $0.code = "c-clean"; $0.description_p = "地面整洁" },
                .with { $0.code = "c-order"; $0.description_p = "秩序良好" },
            ]
            $0.surveys = [.with { $0.code = "s-1"; $0.questions = (1...6).map { "q\($0)" }; $0.minDurationSeconds = 60 }]
            $0.feedMetrics = [.with { $0.code = "aqi"; $0.unit = "AQI"; $0.min = 0; $0.max = 500 }]
        }
    }

    /// A tenant with the small organization and codes, and its HQ token.
    public func makeSubmissionCity(_ id: String = TenantFixture.uniqueID("sub")) async throws -> (tenant: String, hq: String) {
        try await createTenant(id)
        let hq = try await issue(tenant: id, role: "hq").token
        try await importSmallOrganization(tenant: id, hqToken: hq)
        let reply = try await server.with(token: hq) { civitas in
            try await civitas.submissions.declareCodes(.with { $0.codes = TenantFixture.smallCodes })
        }
        guard reply.errors.isEmpty else { throw ClientError("The small codes were refused: \(reply.errors)") }
        return (id, hq)
    }
}
