import CivitasClient
import CivitasProtos
import CivitasTesting
import Foundation
import GRPCCore
import SwiftProtobuf
import Testing

/// Every refusal rule of DOMAIN §4: the bad record is sent between two good ones; the
/// reply names its index, field and reason, and nothing of that batch is stored.
@Suite struct SubmissionRefusalTests {
    struct Case: CustomStringConvertible, Sendable {
        var description: String
        var channel: String
        /// The role sending the batch (scoped as in `scope`).
        var role = "hq"
        var scope = ""
        var bad: @Sendable (String) -> Record
        var field: String
        var reason: String
    }

    enum Record: Sendable {
        case material(Civitas_V1_MaterialReport)
        case inspection(Civitas_V1_InspectionRecord)
        case survey(Civitas_V1_SurveyResponse)
        case feed(Civitas_V1_FeedPoint)
    }

    static let future = Date().addingTimeInterval(3600)

    static let cases: [Case] = [
        Case(description: "unknown indicator", channel: "material", bad: { .material(Sample.material($0, indicator: "m-none")) }, field: "indicator", reason: "is not declared"),
        Case(description: "unknown unit", channel: "material", bad: { .material(Sample.material($0, unit: "u-none")) }, field: "unit", reason: "does not exist"),
        Case(description: "value above range", channel: "material", bad: { .material(Sample.material($0, value: 100.5)) }, field: "number", reason: "outside the declared range"),
        Case(description: "NaN", channel: "material", bad: { .material(Sample.material($0, value: .nan)) }, field: "number", reason: "not a finite number"),
        Case(description: "infinity", channel: "material", bad: { .material(Sample.material($0, value: .infinity)) }, field: "number", reason: "not a finite number"),
        Case(description: "period that does not parse", channel: "material", bad: { .material(Sample.material($0, period: "2026-13")) }, field: "period", reason: "is not a month"),
        Case(description: "indicator not assigned to the unit", channel: "material", bad: { key in
            var report = Sample.material(key, unit: "u-2", indicator: "m-plan")
            report.provided = true
            return .material(report)
        }, field: "indicator", reason: "is not assigned indicator m-plan"),
        Case(description: "number for a provided flag", channel: "material", bad: { .material(Sample.material($0, indicator: "m-plan")) }, field: "number", reason: "takes a provided flag"),
        Case(description: "inspection indicator reported as material", channel: "material", bad: { .material(Sample.material($0, indicator: "i-clean")) }, field: "indicator", reason: "measured by inspection"),
        Case(description: "unit writing for another unit", channel: "material", role: "unit", scope: "u-1", bad: { .material(Sample.material($0, unit: "u-2")) }, field: "unit", reason: "cannot report for unit u-2"),
        Case(description: "sub-command writing outside its block", channel: "material", role: "subcommand", scope: "sc-1", bad: { .material(Sample.material($0, unit: "u-2")) }, field: "unit", reason: "not in sub-command sc-1's block"),
        Case(description: "evidence whose bytes do not match", channel: "material", bad: { key in
            var report = Sample.material(key)
            report.evidence = [.with { $0.fileName = "照片.jpg"; $0.content = Data("abc".utf8); $0.size = 3; $0.sha256 = String(repeating: "0", count: 64); $0.mediaType = "image/jpeg" }]
            return .material(report)
        }, field: "evidence[0].sha256", reason: "does not match"),
        Case(description: "unknown point", channel: "inspection", bad: { .inspection(Sample.inspection($0, point: "p-none")) }, field: "point", reason: "does not exist"),
        Case(description: "inspection in the future", channel: "inspection", bad: { .inspection(Sample.inspection($0, at: future)) }, field: "observed_at", reason: "lies in the future"),
        Case(description: "unknown check", channel: "inspection", bad: { key in
            var record = Sample.inspection(key)
            record.checks.append(.with { $0.check = "c-none"; $0.passed = true })
            return .inspection(record)
        }, field: "checks[2].check", reason: "is not declared"),
        Case(description: "sub-command inspecting another block", channel: "inspection", role: "subcommand", scope: "sc-1", bad: { .inspection(Sample.inspection($0, point: "p-2")) }, field: "point", reason: "not in sub-command sc-1's block"),
        Case(description: "unknown survey", channel: "survey", bad: { key in
            var response = Sample.survey(key)
            response.survey = "s-none"
            return .survey(response)
        }, field: "survey", reason: "is not declared"),
        Case(description: "unknown question", channel: "survey", bad: { .survey(Sample.survey($0, answers: ["q1": 4, "q9": 3])) }, field: "answers[q9]", reason: "has no question q9"),
        Case(description: "question answered twice", channel: "survey", bad: { key in
            var response = Sample.survey(key)
            response.answers.append(.with { $0.question = "q2"; $0.answer = 1 })
            return .survey(response)
        }, field: "answers[q2]", reason: "question q2 is answered twice"),
        Case(description: "answer out of 1-5", channel: "survey", bad: { .survey(Sample.survey($0, answers: ["q1": 6])) }, field: "answers[q1]", reason: "is not an answer from 1 to 5"),
        Case(description: "response in the future", channel: "survey", bad: { .survey(Sample.survey($0, at: future)) }, field: "submitted_at", reason: "lies in the future"),
        Case(description: "unknown sub-command", channel: "survey", bad: { .survey(Sample.survey($0, subcommand: "sc-none")) }, field: "subcommand", reason: "does not exist"),
        Case(description: "sub-command writing another block's survey", channel: "survey", role: "subcommand", scope: "sc-1", bad: { .survey(Sample.survey($0, subcommand: "sc-2")) }, field: "subcommand", reason: "own block"),
        Case(description: "unknown metric", channel: "feed", bad: { key in
            var point = Sample.feed(key)
            point.metric = "pm-none"
            return .feed(point)
        }, field: "metric", reason: "is not declared"),
        Case(description: "feed value out of range", channel: "feed", bad: { .feed(Sample.feed($0, value: 501)) }, field: "value", reason: "outside the declared range"),
        Case(description: "feed NaN", channel: "feed", bad: { .feed(Sample.feed($0, value: .nan)) }, field: "value", reason: "not a finite number"),
        Case(description: "feed in the future", channel: "feed", bad: { .feed(Sample.feed($0, at: future)) }, field: "observed_at", reason: "lies in the future"),
    ]

    @Test(arguments: cases)
    func badRecordRefusesItsWholeBatch(_ testCase: Case) async throws {
        let server = try await SharedServer.get()
        let fixture = TenantFixture(server: server)
        let city = try await fixture.makeSubmissionCity()
        let token = testCase.role == "hq" ? city.hq : try await fixture.issue(tenant: city.tenant, role: testCase.role, scope: testCase.scope).token
        let keys = ["good-a", "bad", "good-b"]
        let reply = try await server.with(token: token) { civitas in
            try await Self.send(testCase.channel, keys.map { $0 == "bad" ? testCase.bad($0) : Self.good(testCase.channel, $0) }, civitas)
        }
        #expect(reply.stored == 0)
        #expect(reply.refused == 3)
        let errors = reply.batches.flatMap(\.errors)
        #expect(errors.count == 1, "\(errors)")
        #expect(errors.first?.index == 1)
        #expect(errors.first?.record == "bad")
        #expect(errors.first?.field == testCase.field)
        #expect(errors.first?.reason.contains(testCase.reason) == true, "\(errors.first?.reason ?? "")")
        let stored = try await server.with(token: city.hq) { try await $0.allRecords(testCase.channel) }
        #expect(stored.isEmpty, "nothing of the refused batch may be stored")
    }

    static func good(_ channel: String, _ key: String) -> Record {
        switch channel {
        case "material": .material(Sample.material(key))
        case "inspection": .inspection(Sample.inspection(key))
        case "survey": .survey(Sample.survey(key))
        default: .feed(Sample.feed(key))
        }
    }

    static func send(_ channel: String, _ records: [Record], _ civitas: CivitasConnection) async throws -> Civitas_V1_SubmitResponse {
        switch channel {
        case "material":
            return try await civitas.submissions.submitMaterialReports(.with {
                $0.reports = records.compactMap { if case .material(let r) = $0 { r } else { nil } }
            })
        case "inspection":
            return try await civitas.submissions.submitInspections(.with {
                $0.records = records.compactMap { if case .inspection(let r) = $0 { r } else { nil } }
            })
        case "survey":
            return try await civitas.submitSurveys([records.compactMap { if case .survey(let r) = $0 { r } else { nil } }])
        default:
            return try await civitas.submitFeeds([records.compactMap { if case .feed(let r) = $0 { r } else { nil } }])
        }
    }

    @Test func rolesThatMayNotUseAChannelAreDeniedOutright() async throws {
        let server = try await SharedServer.get()
        let fixture = TenantFixture(server: server)
        let city = try await fixture.makeSubmissionCity()
        let reader = try await fixture.issue(tenant: city.tenant, role: "reader").token
        let unit = try await fixture.issue(tenant: city.tenant, role: "unit", scope: "u-1").token
        await expectRPCError(.permissionDenied, containing: "may not submit material reports") {
            try await server.with(token: reader) { _ = try await $0.submissions.submitMaterialReports(.with { $0.reports = [Sample.material("k")] }) }
        }
        await expectRPCError(.permissionDenied, containing: "may not submit inspection records") {
            try await server.with(token: unit) { _ = try await $0.submissions.submitInspections(.with { $0.records = [Sample.inspection("k")] }) }
        }
        await expectRPCError(.permissionDenied, containing: "may not submit feed points") {
            try await server.with(token: unit) { _ = try await $0.submitFeeds([[Sample.feed("k")]]) }
        }
    }
}
