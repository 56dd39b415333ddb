import CivitasClient
import CivitasProtos
import CivitasTesting
import Foundation
import GRPCCore
import SwiftProtobuf
import Testing

/// PublishFramework, ListFrameworks, GetFramework over TLS.
@Suite struct FrameworkServiceTests {
    static func document(replacing old: String, with new: String) -> Data {
        let text = String(decoding: TenantFixture.smallFrameworkJSON(), as: UTF8.self)
        precondition(text.contains(old), "the fixture no longer contains \(old)")
        return Data(text.replacingOccurrences(of: old, with: new).utf8)
    }

    /// A tenant with the small organization but no framework yet.
    static func city() async throws -> (server: TestServer, hq: String, unit: String) {
        let server = try await SharedServer.get()
        let fixture = TenantFixture(server: server)
        let tenant = TenantFixture.uniqueID("fw")
        try await fixture.createTenant(tenant)
        let hq = try await fixture.issue(tenant: tenant, role: "hq").token
        try await fixture.importSmallOrganization(tenant: tenant, hqToken: hq)
        return (server, hq, try await fixture.issue(tenant: tenant, role: "unit", scope: "u-1").token)
    }

    @Test func aRefusedDocumentNamesThePathAndNothingIsPublished() async throws {
        let (server, hq, _) = try await Self.city()
        try await server.with(token: hq) { civitas in
            let broken = try await civitas.frameworks.publishFramework(.with {
                $0.document = Self.document(replacing: #""floor": 0, "target": 100"#, with: #""floor": 100, "target": 100"#)
            })
            #expect(broken.problems.map(\.path) == ["categories[0].items[0].indicators[0].scoring.floor"])
            #expect(!broken.hasFramework)
            let unknownUnit = try await civitas.frameworks.publishFramework(.with {
                $0.document = Self.document(replacing: #""units": ["u-1", "u-2"]"#, with: #""units": ["u-1", "u-404"]"#)
            })
            #expect(unknownUnit.problems.map(\.path) == ["categories[0].items[0].indicators[0].units[1]"])
            #expect(unknownUnit.problems.first?.reason.contains("u-404") == true)
            let listed = try await civitas.frameworks.listFrameworks(.init()).frameworks
            #expect(listed.isEmpty)
            // Nothing of the refused documents reached the code registry either.
            let codes = try await civitas.submissions.getCodes(.init())
            #expect(codes.indicators.isEmpty)
        }
    }

    @Test func publishingVersionsIsIdempotentAndDeclaresTheCodes() async throws {
        let (server, hq, unit) = try await Self.city()
        try await server.with(token: hq) { civitas in
            let dry = try await civitas.frameworks.publishFramework(.with { $0.document = TenantFixture.smallFrameworkJSON(); $0.dryRun = true })
            #expect(dry.problems.isEmpty && dry.framework.version == 1)
            let afterDryRun = try await civitas.frameworks.listFrameworks(.init()).frameworks
            #expect(afterDryRun.isEmpty)

            let first = try await civitas.frameworks.publishFramework(.with { $0.document = TenantFixture.smallFrameworkJSON() })
            let rerun = try await civitas.frameworks.publishFramework(.with { $0.document = TenantFixture.smallFrameworkJSON() })
            let second = try await civitas.frameworks.publishFramework(.with { $0.document = TenantFixture.smallFrameworkJSON(title: "测试测评体系（第二版）") })
            #expect(first.framework.version == 1 && rerun.framework == first.framework && second.framework.version == 2)
            #expect(first.framework.total == 10 && first.framework.passScore == 6)
            // civ is spiritual: 4 of 10 points.
            #expect(first.framework.spiritualShare == 0.4)

            let codes = try await civitas.submissions.getCodes(.init())
            let rate = try #require(codes.indicators.first { $0.code == "m-rate" })
            #expect(rate.method == "material" && rate.units.sorted() == ["u-1", "u-2"])
            #expect(codes.feedMetrics.map(\.code) == ["aqi"])
        }
        // Everyone in the tenant reads frameworks; only HQ publishes.
        try await server.with(token: unit) { civitas in
            let listed = try await civitas.frameworks.listFrameworks(.init()).frameworks
            #expect(listed.map(\.version) == [1, 2] && listed.allSatisfy { $0.document.isEmpty })
            let latest = try await civitas.frameworks.getFramework(.with { $0.code = "test-city" })
            #expect(latest.version == 2 && latest.title == "测试测评体系（第二版）")
            let document = try JSONSerialization.jsonObject(with: latest.document) as? [String: Any]
            #expect(document?["code"] as? String == "test-city")
            let first = try await civitas.frameworks.getFramework(.with { $0.code = "test-city"; $0.version = 1 })
            #expect(first.title == "测试测评体系" && first.documentSha256 != latest.documentSha256)
            await expectRPCError(.notFound, containing: "no version 3 of framework test-city") {
                _ = try await civitas.frameworks.getFramework(.with { $0.code = "test-city"; $0.version = 3 })
            }
            await expectRPCError(.permissionDenied, containing: "may not publish evaluation frameworks") {
                _ = try await civitas.frameworks.publishFramework(.with { $0.document = TenantFixture.smallFrameworkJSON() })
            }
        }
    }
}
