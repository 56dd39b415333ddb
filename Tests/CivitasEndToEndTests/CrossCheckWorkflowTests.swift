import CivitasClient
import CivitasProtos
import CivitasTesting
import Foundation
import GRPCCore
import SwiftProtobuf
import Testing

/// Rectification through the API (DOMAIN §7): every move the workflow allows, every role
/// refusal at least once per action with the workflow's own sentence, state and argument
/// refusals, each move stored with who made it and when; and which findings each role
/// sees.
@Suite struct CrossCheckWorkflowTests {
    struct Roles {
        var hq: Civitas_V1_IssueCredentialResponse
        var sc1: String
        var sc2: Civitas_V1_IssueCredentialResponse
        var u5: Civitas_V1_IssueCredentialResponse
        var u6: String
        var reader: String
        var inspector: String
    }

    static func city(_ server: TestServer) async throws -> (tenant: String, roles: Roles) {
        let fixture = TenantFixture(server: server)
        let (tenant, _) = try await fixture.makeCrossCheckCity()
        func token(_ role: String, _ scope: String = "") async throws -> String { try await fixture.issue(tenant: tenant, role: role, scope: scope).token }
        let roles = Roles(
            hq: try await fixture.issue(tenant: tenant, role: "hq"), sc1: try await token("subcommand", "sc-1"), sc2: try await fixture.issue(tenant: tenant, role: "subcommand", scope: "sc-2"),
            u5: try await fixture.issue(tenant: tenant, role: "unit", scope: "u-5"), u6: try await token("unit", "u-6"), reader: try await token("reader"),
            inspector: try await token("inspector", "sc-2"))
        return (tenant, roles)
    }

    static let evidence = Civitas_V1_Evidence.with {
        $0.fileName = "整改照片.jpg"; $0.sha256 = CrossCheckSample.sha("e"); $0.size = 4096; $0.mediaType = "image/jpeg"
    }

    @Test func aFindingGoesThroughRectificationAndEveryRoleRefusalIsTheWorkflows() async throws {
        let server = try await CrossCheckServer.get()
        let (_, roles) = try await Self.city(server)
        let (outlier, shared) = try await server.with(token: roles.hq.token) { civitas in
            _ = try await CrossCheckSample.plant(civitas)
            _ = try await civitas.crossCheck()
            let findings = try await civitas.allFindings()
            return (try #require(findings.with(rule: "peer_outlier").first).id, try #require(findings.with(rule: "duplicate_evidence").first).id)
        }
        let due = CrossCheckSample.at(month: 11, 10)

        // assign — a reader moves nothing; a unit does not assign; another block does not see
        // it; its own block assigns only to its own units; then sc-2 assigns it to u-5.
        try await server.with(token: roles.reader) { civitas in
            await expectRPCError(.permissionDenied, containing: "Role reader may not move findings through rectification") {
                try await civitas.move(outlier, "assign", unit: "u-5", due: due)
            }
        }
        try await server.with(token: roles.u6) { civitas in
            await expectRPCError(.permissionDenied, containing: "may not assign finding \(outlier): HQ assigns findings") {
                try await civitas.move(outlier, "assign", unit: "u-6", due: due)
            }
        }
        try await server.with(token: roles.sc1) { civitas in
            await expectRPCError(.notFound, containing: "There is no finding \(outlier) in your view") {
                try await civitas.move(outlier, "assign", unit: "u-1", due: due)
            }
        }
        try await server.with(token: roles.sc2.token) { civitas in
            await expectRPCError(.permissionDenied, containing: "to unit u-1: the unit is not in its block") {
                try await civitas.move(outlier, "assign", unit: "u-1", due: due)
            }
            await expectRPCError(.invalidArgument, containing: "needs due_at") {
                try await civitas.move(outlier, "assign", unit: "u-5")
            }
            await expectRPCError(.invalidArgument, containing: "is not after the time of the move") {
                try await civitas.move(outlier, "assign", unit: "u-5", due: CrossCheckSample.at(month: 10, 1))
            }
            let assigned = try await civitas.move(outlier, "assign", unit: "u-5", due: due, note: "请复核台账")
            #expect(assigned.state == "assigned" && assigned.unit == "u-5" && assigned.subcommand == "sc-2" && assigned.level == 0)
            // verify — a sub-command does not verify, and an assigned finding is not yet to verify.
            await expectRPCError(.permissionDenied, containing: "only HQ verifies a rectification") {
                try await civitas.move(outlier, "verify")
            }
        }
        try await server.with(token: roles.hq.token) { civitas in
            await expectRPCError(.failedPrecondition, containing: "is assigned and cannot be verified now") {
                try await civitas.move(outlier, "verify")
            }
            // rectify — HQ never rectifies.
            await expectRPCError(.permissionDenied, containing: "may not rectify finding \(outlier)") {
                try await civitas.move(outlier, "rectify", note: "已整改", evidence: [Self.evidence])
            }
        }
        // u-6 no longer answers for it, so it no longer sees it.
        try await server.with(token: roles.u6) { civitas in
            await expectRPCError(.notFound) { try await civitas.move(outlier, "rectify", note: "已整改", evidence: [Self.evidence]) }
        }
        try await server.with(token: roles.u5.token) { civitas in
            await expectRPCError(.invalidArgument, containing: "needs evidence") {
                try await civitas.move(outlier, "rectify", note: "已整改")
            }
            var wrong = Self.evidence
            wrong.content = Data("照片".utf8)
            await expectRPCError(.invalidArgument, containing: "evidence[0].sha256 does not match the SHA-256 of the content sent") {
                try await civitas.move(outlier, "rectify", note: "已整改", evidence: [wrong])
            }
            let rectified = try await civitas.move(outlier, "rectify", note: "已重新统计并报送", evidence: [Self.evidence])
            #expect(rectified.state == "rectified")
            // verify, reopen, dismiss — a unit does none of them.
            await expectRPCError(.permissionDenied, containing: "only HQ verifies") { try await civitas.move(outlier, "verify") }
            await expectRPCError(.permissionDenied, containing: "only HQ reopens a finding") {
                try await civitas.move(outlier, "reopen", due: due, note: "未整改到位")
            }
            await expectRPCError(.permissionDenied, containing: "only HQ dismisses a finding") {
                try await civitas.move(outlier, "dismiss", note: "误报")
            }
        }
        try await server.with(token: roles.sc2.token) { civitas in
            await expectRPCError(.permissionDenied, containing: "only HQ reopens a finding") {
                try await civitas.move(outlier, "reopen", due: due, note: "未整改到位")
            }
            await expectRPCError(.permissionDenied, containing: "only HQ dismisses a finding") { try await civitas.move(outlier, "dismiss", note: "误报") }
        }
        try await server.with(token: roles.hq.token) { civitas in
            await expectRPCError(.invalidArgument, containing: "the reason for reopening is empty") {
                try await civitas.move(outlier, "reopen", due: due)
            }
            let reopened = try await civitas.move(outlier, "reopen", due: CrossCheckSample.at(month: 11, 20), note: "数据仍偏高")
            #expect(reopened.state == "reopened" && reopened.unit == "u-5")
        }
        try await server.with(token: roles.u5.token) { civitas in
            _ = try await civitas.move(outlier, "rectify", note: "已更正为 98", evidence: [Self.evidence])
        }
        try await server.with(token: roles.hq.token) { civitas in
            let verified = try await civitas.move(outlier, "verify", note: "现场核实")
            #expect(verified.state == "verified" && !verified.overdue)
            await expectRPCError(.failedPrecondition, containing: "is verified and cannot be dismissed now") {
                try await civitas.move(outlier, "dismiss", note: "误报")
            }
            await expectRPCError(.invalidArgument, containing: "the reason for dismissal is empty") { try await civitas.move(shared, "dismiss") }
            await expectRPCError(.invalidArgument, containing: "Action \"close\" is not assign, rectify, verify, reopen or dismiss") {
                try await civitas.move(shared, "close")
            }
            let dismissed = try await civitas.move(shared, "dismiss", note: "同一份台账合并报送，属实")
            #expect(dismissed.state == "dismissed")

            // Every move, with who made it and when (the server's clock, whole milliseconds).
            let history = try await civitas.crosschecks.getFinding(.with { $0.id = outlier }).history
            #expect(history.map(\.toState) == ["open", "assigned", "rectified", "reopened", "rectified", "verified"])
            #expect(history.map(\.fromState) == ["", "open", "assigned", "rectified", "reopened", "rectified"])
            let (hq, sc2, u5) = (roles.hq.credential.id, roles.sc2.credential.id, roles.u5.credential.id)
            #expect(history.map(\.by) == [history[0].by, sc2, u5, hq, u5, hq] && history[0].by.hasPrefix("system:"))
            #expect(history.map(\.note).suffix(2) == ["已更正为 98", "现场核实"])
            let times = history.map { $0.at.date }
            #expect(times == times.sorted() && times.allSatisfy { abs($0.timeIntervalSince(server.clock.now)) < 600 })
        }
    }

    @Test func eachRoleSeesItsOwnFindings() async throws {
        let server = try await CrossCheckServer.get()
        let (tenant, roles) = try await Self.city(server)
        let all = try await server.with(token: roles.hq.token) { civitas in
            _ = try await CrossCheckSample.plant(civitas)
            _ = try await civitas.crossCheck()
            return try await civitas.allFindings()
        }
        #expect(all.count == 6)
        // sc-1: u-1's contradiction; sc-2: u-6's outlier and u-4's duplicate; sc-3 the straight-liners.
        let sc1 = try await server.with(token: roles.sc1) { try await $0.allFindings() }
        #expect(sc1.map(\.rule) == ["inspection_contradiction"])
        let sc2 = try await server.with(token: roles.sc2.token) { try await $0.allFindings() }
        #expect(Set(sc2.map(\.rule)) == ["peer_outlier", "duplicate_evidence"])
        let inspector = try await server.with(token: roles.inspector) { try await $0.allFindings() }
        #expect(inspector.map(\.id) == sc2.map(\.id))
        let u6 = try await server.with(token: roles.u6) { try await $0.allFindings() }
        #expect(u6.map(\.rule) == ["peer_outlier"])
        let reader = try await server.with(token: roles.reader) { try await $0.allFindings() }
        #expect(reader.count == 6)

        // Filters: rule, state, block, overdue; a sub-command asking for another block is refused.
        try await server.with(token: roles.hq.token) { civitas in
            let survey = try await civitas.allFindings { $0.rule = "survey_integrity" }
            let sc3 = try await civitas.allFindings { $0.subcommand = "sc-3" }
            let assigned = try await civitas.allFindings { $0.state = "assigned" }
            let overdue = try await civitas.allFindings { $0.overdue = true }
            let september = try await civitas.allFindings { $0.period.name = "2026-09" }
            #expect(survey.count == 3 && sc3.count == 3)
            #expect(assigned.isEmpty && overdue.isEmpty && september.isEmpty)
            await expectRPCError(.invalidArgument, containing: "State \"closed\" is not one of open, assigned") {
                _ = try await civitas.allFindings { $0.state = "closed" }
            }
        }
        try await server.with(token: roles.sc1) { civitas in
            await expectRPCError(.permissionDenied, containing: "sees the findings of sub-command sc-1 only") {
                _ = try await civitas.allFindings { $0.subcommand = "sc-2" }
            }
            let outlier = try #require(u6.first)
            await expectRPCError(.notFound) { _ = try await civitas.crosschecks.getFinding(.with { $0.id = outlier.id; $0.tenant = tenant }) }
        }
    }
}
