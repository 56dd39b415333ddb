import CivitasClient
import CivitasProtos
import CivitasTesting
import Foundation
import GRPCCore
import SwiftProtobuf
import Testing

/// Exactly-once storage, history, streaming batches, dry runs, the audit log.
@Suite struct SubmissionTests {
    @Test func identicalRepeatIsIgnoredAndSameKeyWithOtherContentRefused() async throws {
        let server = try await SharedServer.get()
        let city = try await TenantFixture(server: server).makeSubmissionCity()
        try await server.with(token: city.hq) { civitas in
            let batch = [Sample.material("r-1"), Sample.material("r-2", unit: "u-2", value: 55)]
            let first = try await civitas.submissions.submitMaterialReports(.with { $0.reports = batch })
            #expect((first.stored, first.repeated, first.refused) == (2, 0, 0))
            #expect(first.lastSequence >= 2)
            let again = try await civitas.submissions.submitMaterialReports(.with { $0.reports = batch })
            #expect((again.stored, again.repeated, again.refused) == (0, 2, 0))
            #expect(again.lastSequence == 0, "a batch of repeats stores nothing and takes no sequence number")

            let changed = try await civitas.submissions.submitMaterialReports(.with {
                $0.reports = [Sample.material("r-3"), Sample.material("r-1", value: 81)]
            })
            #expect(changed.stored == 0)
            #expect(changed.batches.first?.errors.map(\.field) == ["key"])
            #expect(changed.batches.first?.errors.first?.reason.contains("already used for different content") == true)

            let withinBatch = try await civitas.submissions.submitMaterialReports(.with {
                $0.reports = [Sample.material("r-4"), Sample.material("r-4", value: 1)]
            })
            #expect(withinBatch.batches.first?.errors.first?.reason.contains("repeats the key of record 0") == true)

            let records = try await civitas.allRecords("material")
            #expect(records.map(\.key).sorted() == ["r-1", "r-2"], "neither r-3 nor r-4 was stored")
            #expect(Set(records.map(\.sequence)).count == 2)
        }
    }

    @Test func newerReportSupersedesOlderWithoutDeletingIt() async throws {
        let server = try await SharedServer.get()
        let city = try await TenantFixture(server: server).makeSubmissionCity()
        try await server.with(token: city.hq) { civitas in
            _ = try await civitas.submissions.submitMaterialReports(.with { $0.reports = [Sample.material("v1", value: 60)] })
            _ = try await civitas.submissions.submitMaterialReports(.with { $0.reports = [Sample.material("v2", value: 75)] })
            _ = try await civitas.submissions.submitMaterialReports(.with { $0.reports = [Sample.material("other-period", value: 10, period: "2026-09")] })
            let current = try await civitas.allRecords("material")
            #expect(Set(current.map(\.key)) == ["v2", "other-period"])
            let history = try await civitas.allRecords("material", includeSuperseded: true)
            #expect(history.map(\.key) == ["v1", "v2", "other-period"])
            #expect(history.map(\.superseded) == [true, false, false])
            #expect(history.first?.material.number == 60)
        }
    }

    @Test func streamedBatchesAreStoredOrRefusedEachOnTheirOwn() async throws {
        let server = try await SharedServer.get()
        let city = try await TenantFixture(server: server).makeSubmissionCity()
        try await server.with(token: city.hq) { civitas in
            let batches = [
                (0..<100).map { Sample.survey("a-\($0)") },
                (0..<100).map { $0 == 50 ? Sample.survey("b-\($0)", answers: ["q1": 0]) : Sample.survey("b-\($0)") },
                (0..<100).map { Sample.survey("c-\($0)", subcommand: "sc-2") },
            ]
            let reply = try await civitas.submitSurveys(batches)
            #expect((reply.stored, reply.repeated, reply.refused) == (200, 0, 100))
            #expect(reply.batches.map(\.batch) == [0, 1, 2])
            #expect(reply.batches[1].errors.map(\.index) == [50])
            let stored = try await civitas.allRecords("survey")
            #expect(stored.count == 200)
            #expect(!stored.contains { $0.key.hasPrefix("b-") })
            #expect(stored.first { $0.key == "a-7" }?.survey.answers.map { "\($0.question)=\($0.answer)" } == ["q1=4", "q2=5", "q3=3"])
        }
    }

    @Test func dryRunValidatesEverythingAndStoresNothing() async throws {
        let server = try await SharedServer.get()
        let city = try await TenantFixture(server: server).makeSubmissionCity()
        try await server.with(token: city.hq) { civitas in
            _ = try await civitas.submitSurveys([[Sample.survey("taken")]])
            let dry = try await civitas.submitSurveys([[Sample.survey("new-1"), Sample.survey("taken")]], dryRun: true)
            #expect(dry.dryRun)
            #expect((dry.stored, dry.repeated) == (1, 1))
            let clash = try await civitas.submitSurveys([[Sample.survey("taken", subcommand: "sc-2")]], dryRun: true)
            #expect(clash.refused == 1, "a dry run also finds keys reused with other content")
            let stored = try await civitas.allRecords("survey").map(\.key)
            #expect(stored == ["taken"])
        }
    }

    @Test func concurrentSubmissionsShareCommitsAndGetDistinctSequences() async throws {
        let server = try await SharedServer.get()
        let city = try await TenantFixture(server: server).makeSubmissionCity()
        try await server.with(token: city.hq) { civitas in
            try await withThrowingTaskGroup(of: UInt32.self) { group in
                for index in 0..<64 {
                    group.addTask {
                        try await civitas.submissions.submitMaterialReports(.with {
                            $0.reports = [Sample.material("c-\(index)", unit: index % 2 == 0 ? "u-1" : "u-2", value: Double(index))]
                        }).stored
                    }
                }
                var stored: UInt32 = 0
                for try await count in group { stored += count }
                #expect(stored == 64)
            }
            let records = try await civitas.allRecords("material", includeSuperseded: true)
            #expect(records.count == 64)
            #expect(Set(records.map(\.sequence)).count == 64)
        }
    }

    @Test func listingFiltersByBlockUnitAndPeriod() async throws {
        let server = try await SharedServer.get()
        let fixture = TenantFixture(server: server)
        let city = try await fixture.makeSubmissionCity()
        let october = ISO8601DateFormatter().date(from: "2026-10-15T10:00:00+08:00")!
        let november = ISO8601DateFormatter().date(from: "2026-11-01T00:30:00+08:00")!  // still October in UTC
        try await server.with(token: city.hq) { civitas in
            _ = try await civitas.submitFeeds([[Sample.feed("oct", at: october), Sample.feed("nov", at: november)]])
            _ = try await civitas.submitSurveys([[Sample.survey("one"), Sample.survey("two", subcommand: "sc-2")]])
            let octoberOnly = try await civitas.submissions.listRecords(.with { $0.channel = "feed"; $0.period.name = "2026-10" })
            #expect(octoberOnly.records.map(\.key) == ["oct"], "periods are in the tenant's time zone (Asia/Shanghai)")
        }
        let block = try await fixture.issue(tenant: city.tenant, role: "subcommand", scope: "sc-2").token
        try await server.with(token: block) { civitas in
            let visible = try await civitas.allRecords("survey").map(\.key)
            #expect(visible == ["two"])
            await expectRPCError(.permissionDenied) {
                _ = try await civitas.submissions.listRecords(.with { $0.channel = "survey"; $0.subcommand = "sc-1" })
            }
        }
    }

    @Test func auditLogDetectsTampering() async throws {
        let server = try await SharedServer.get()
        let city = try await TenantFixture(server: server).makeSubmissionCity()
        try await server.with(token: city.hq) { civitas in
            _ = try await civitas.submitSurveys([(0..<20).map { Sample.survey("t-\($0)") }])
            _ = try await civitas.submissions.submitMaterialReports(.with { $0.reports = [Sample.material("m-1")] })
            let clean = try await civitas.submissions.verifyAuditLog(.init())
            #expect(clean.intact, "\(clean.problem)")
            #expect(clean.records == 21)
        }
        // Change one stored answer behind the server's back.
        let file = server.dataDirectory.appendingPathComponent("tenants/\(city.tenant).sqlite").path
        let edit = try await run("/usr/bin/sqlite3", [file, "UPDATE survey_response SET answers = 'q1=5;q2=5;q3=5' WHERE key = 't-3'"], environment: [:])
        #expect(edit.status == 0, "\(edit.stderr)")
        let tampered = try await server.with(token: city.hq) { try await $0.submissions.verifyAuditLog(.init()) }
        #expect(!tampered.intact)
        #expect(tampered.problem.contains("was altered"), "\(tampered.problem)")
    }

    @Test func codeDeclarationsAreCheckedWithPaths() async throws {
        let server = try await SharedServer.get()
        let fixture = TenantFixture(server: server)
        let city = try await fixture.makeSubmissionCity()
        var codes = TenantFixture.smallCodes
        codes.indicators[0].units.append("u-ghost")
        codes.indicators[1].valueKind = "maybe"
        codes.feedMetrics[0].min = 600
        let reply = try await server.with(token: city.hq) { try await $0.submissions.declareCodes(.with { $0.codes = codes }) }
        #expect(reply.errors.map(\.field) == ["indicators[0].units[2]", "indicators[1].value_kind", "feed_metrics[0].min"])
        let current = try await server.with(token: city.hq) { try await $0.submissions.getCodes(.init()) }
        #expect(current.indicators.first { $0.code == "m-rate" }?.units == ["u-1", "u-2"], "a refused declaration changes nothing")
        let unit = try await fixture.issue(tenant: city.tenant, role: "unit", scope: "u-1").token
        await expectRPCError(.permissionDenied) {
            try await server.with(token: unit) { _ = try await $0.submissions.declareCodes(.with { $0.codes = codes }) }
        }
    }
}
