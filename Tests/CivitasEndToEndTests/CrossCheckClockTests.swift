import CivitasClient
import CivitasProtos
import CivitasTesting
import Foundation
import GRPCCore
import SwiftProtobuf
import Testing

/// What time decides, on a private server whose clock the test moves: a record received
/// after the deadline is late, and an overdue finding climbs unit → sub-command → HQ
/// through the hourly `escalation` schedule.
@Suite struct CrossCheckClockTests {
    static let hour: TimeInterval = 3600

    @Test func aLateRecordIsFoundAndAnOverdueFindingEscalatesOnSchedule() async throws {
        let server = try await CrossCheckServer.start(at: CrossCheckSample.at(month: 10, 28))
        do {
            try await Self.lateAndOverdue(server)
        } catch {
            try? await server.stopAndRemove()
            throw error
        }
        try await server.stopAndRemove()
    }

    static func lateAndOverdue(_ server: TestServer) async throws {
        let fixture = TenantFixture(server: server)
        let (tenant, hq) = try await fixture.makeCrossCheckCity()
        let sc2 = try await fixture.issue(tenant: tenant, role: "subcommand", scope: "sc-2").token
        try await server.with(token: hq) { civitas in
            _ = try await CrossCheckSample.plant(civitas)

            // Nov 5, 12:00: a day and a half after the deadline (Oct 31 + 3 grace days = Nov 4, 00:00),
            // an inspection observed on Oct 27 arrives.
            server.clock.advance(by: CrossCheckSample.at(month: 11, 5).timeIntervalSince(server.clock.now))
            let late = try await civitas.submissions.submitInspections(.with {
                $0.records = [.with {
                    $0.key = "late-1"; $0.point = "p-4"; $0.inspector = "王五"; $0.observedAt = Google_Protobuf_Timestamp(date: CrossCheckSample.at(month: 10, 27))
                    $0.checks = [.with { $0.check = "c-clean"; $0.passed = true }]
                }]
            })
            let job = try await civitas.crossCheck(rules: ["lateness", "peer_outlier"])
            #expect(job.state == "succeeded", "errors: \(job.errors.map(\.message))")
            let lateness = try await civitas.allFindings { $0.rule = "lateness" }
            // Only the one record: everything planted arrived on Oct 28.
            let finding = try #require(lateness.only)
            #expect(finding.sequences == [late.lastSequence] && finding.subcommand == "sc-2" && finding.figures["graceDays"] == 3)
            #expect(abs((finding.figures["daysLate"] ?? 0) - 1.5) < 0.01 && finding.figures["lateRecords"] == 1)
            #expect(finding.subject == "channel=inspection;subcommand=sc-2;period=2026-10")

            // A second late inspection of p-4: the next run refreshes the same finding, now of two records.
            let later = try await civitas.submissions.submitInspections(.with {
                $0.records = [.with {
                    $0.key = "late-2"; $0.point = "p-4"; $0.inspector = "王五"; $0.observedAt = Google_Protobuf_Timestamp(date: CrossCheckSample.at(month: 10, 29))
                    $0.checks = [.with { $0.check = "c-clean"; $0.passed = false }]
                }]
            })
            let rerun = try await civitas.crossCheck(rules: ["lateness"])
            #expect(rerun.state == "succeeded", "errors: \(rerun.errors.map(\.message))")
            let grown = try #require(try await civitas.allFindings { $0.rule = "lateness" }.only)
            #expect(grown.id == finding.id && grown.sequences == [late.lastSequence, later.lastSequence] && grown.figures["lateRecords"] == 2)
            #expect(grown.runID == job.id)

            // u-6's outlier is assigned on Nov 5 to u-6, due Nov 7 12:00: a window of two days.
            let outlier = try #require(try await civitas.allFindings { $0.rule = "peer_outlier" }.only)
            let due = CrossCheckSample.at(month: 11, 7)
            _ = try await civitas.move(outlier.id, "assign", unit: "u-6", due: due)
            _ = try await civitas.schedules.createSchedule(.with { $0.cron = "0 * * * *"; $0.jobKind = "escalation"; $0.argumentsJson = "{}" })

            // Nov 7, 13:30: overdue; the next hourly run hands it to sub-command sc-2, due two days on.
            server.clock.advance(by: due.addingTimeInterval(1.5 * Self.hour).timeIntervalSince(server.clock.now))
            let atSubcommand = try await Self.waitForLevel(1, of: outlier.id, civitas)
            #expect(atSubcommand.state == "assigned" && atSubcommand.overdue == false)
            let firstDue = atSubcommand.dueAt.date
            #expect(abs(firstDue.timeIntervalSince(due.addingTimeInterval(1.5 * Self.hour + 2 * 24 * Self.hour))) < 600)
            let overdue = try await civitas.allFindings { $0.overdue = true }
            #expect(overdue.isEmpty)

            // Two hours past that due date: HQ.
            server.clock.advance(by: firstDue.addingTimeInterval(2 * Self.hour).timeIntervalSince(server.clock.now))
            let atHQ = try await Self.waitForLevel(2, of: outlier.id, civitas)
            let moves = atHQ.history.suffix(2)
            let escalations = try await civitas.jobs.listJobs(.with { $0.kind = "escalation"; $0.state = "succeeded" }).jobs.map(\.id)
            #expect(moves.allSatisfy { $0.fromState == "assigned" && $0.toState == "assigned" })
            #expect(moves.allSatisfy { move in escalations.contains { "system:\($0)" == move.by } })
            #expect(moves.first?.note.contains("escalated from unit to sub-command sc-2") == true)
            #expect(moves.last?.note.contains("escalated from sub-command to HQ") == true)
            // Each move names its action, the mover's role, and the level, unit and due date after it.
            #expect(atHQ.history.map(\.action) == ["open", "assign", "escalate", "escalate"])
            #expect(atHQ.history.map(\.role) == ["system", "hq", "system", "system"])
            #expect(atHQ.history.map(\.level) == [0, 0, 1, 2] && atHQ.history.allSatisfy { $0.unit == "u-6" })
            #expect(!atHQ.history[0].hasDueAt && atHQ.history[1].dueAt.date == due)
            #expect(atHQ.history[2].dueAt.date == firstDue && atHQ.history[3].dueAt.date == atHQ.dueAt.date)
        }
        // The sub-command saw it while it supervised it.
        try await server.with(token: sc2) { civitas in
            let supervised = try await civitas.allFindings { $0.rule = "peer_outlier" }
            #expect(supervised.count == 1)
        }
    }

    @Test func aMonthlyScheduleChecksThePreviousMonth() async throws {
        let server = try await CrossCheckServer.start(at: CrossCheckSample.at(month: 10, 28))
        do {
            let (_, hq) = try await TenantFixture(server: server).makeCrossCheckCity()
            try await server.with(token: hq) { civitas in
                _ = try await CrossCheckSample.plant(civitas)
                _ = try await civitas.schedules.createSchedule(.with {
                    $0.cron = "0 3 1 * *"; $0.jobKind = "crosscheck"; $0.argumentsJson = #"{"period": "previous-month"}"#
                })
                // Nov 1, 03:30 Shanghai: the 1st-of-the-month run checks October.
                server.clock.advance(by: CrossCheckSample.at(month: 11, 1, hour: 3, minute: 30).timeIntervalSince(server.clock.now))
                let deadline = Date().addingTimeInterval(60)
                var jobs: [Civitas_V1_Job] = []
                while jobs.isEmpty, Date() < deadline {
                    try await Task.sleep(for: .milliseconds(100))
                    jobs = try await civitas.jobs.listJobs(.with { $0.kind = "crosscheck"; $0.state = "succeeded" }).jobs
                }
                let job = try #require(jobs.only)
                let october = try await civitas.allFindings { $0.period.name = "2026-10" }
                #expect(october.count == 6 && october.allSatisfy { $0.runID == job.id })
            }
        } catch {
            try? await server.stopAndRemove()
            throw error
        }
        try await server.stopAndRemove()
    }

    /// Polls finding `id` until its supervision level is `level` (at most a minute).
    static func waitForLevel(_ level: UInt32, of id: String, _ civitas: CivitasConnection) async throws -> Civitas_V1_Finding {
        let deadline = Date().addingTimeInterval(60)
        while true {
            let finding = try await civitas.crosschecks.getFinding(.with { $0.id = id })
            if finding.level == level { return finding }
            guard Date() < deadline else { throw ClientError("Finding \(id) stayed at level \(finding.level), not \(level).") }
            try await Task.sleep(for: .milliseconds(100))
        }
    }
}

extension Array {
    /// The single element, or nil when there are none or several.
    var only: Element? { count == 1 ? first : nil }
}
