import CivitasClient
import CivitasCore
import CivitasProtos
import CivitasServer
import CivitasTesting
import Foundation
import GRPCCore
import SwiftProtobuf
import Testing
import Workers

/// JobService and ScheduleService over TLS against an in-process civitasd whose pool
/// polls quickly. Jobs are put in the server's queue file through the library (there is
/// no enqueue RPC: the server makes jobs itself), then followed through the API.
@Suite(.serialized) struct JobsAPITests {
    struct City {
        let server: TestServer
        let queue: JobQueue
        let tenant: String
        let hq: String
        let reader: String
    }

    private func withCity(_ body: (City) async throws -> Void) async throws {
        let server = try await TestServer.start { $0.jobs.pollSeconds = 0.05; $0.jobs.workers = 2 }
        let queue = try JobQueue(path: server.dataDirectory.appendingPathComponent("jobs.sqlite").path, fsyncEveryCommit: false)
        let fixture = TenantFixture(server: server)
        let tenant = TenantFixture.uniqueID("jobs")
        try await fixture.createTenant(tenant)
        let city = City(
            server: server, queue: queue, tenant: tenant,
            hq: try await fixture.issue(tenant: tenant, role: "hq").token,
            reader: try await fixture.issue(tenant: tenant, role: "reader").token
        )
        do {
            try await body(city)
        } catch {
            try? queue.close()
            try? await server.stopAndRemove()
            throw error
        }
        try? queue.close()
        try await server.stopAndRemove()
    }

    @Test func watchStreamsProgressUntilTheJobSucceeds() async throws {
        try await withCity { city in
            // Due in a second and running for two: the watch is attached before the job starts
            // and sees it run, even when a loaded machine (the whole suite on two cores) is slow
            // to connect — a 0.5 s job that started at once had finished before the first update.
            let job = try await city.queue.enqueue(NewJob(
                tenant: try TenantID(city.tenant), kind: "probe", argumentsJSON: #"{"seconds": 2}"#, runAt: Date().addingTimeInterval(1)
            ))
            let updates = try await city.server.with(token: city.reader) { civitas in
                try await civitas.jobs.watchJob(.with { $0.id = job.id }) { response in
                    var seen: [Civitas_V1_Job] = []
                    for try await update in response.messages { seen.append(update) }
                    return seen
                }
            }
            #expect(updates.first?.state == "available" || updates.first?.state == "running")
            #expect(updates.last?.state == "succeeded")
            #expect(updates.last?.progress == 1)
            let progress = updates.filter { $0.state == "running" }.map(\.progress)
            #expect(!progress.isEmpty && progress == progress.sorted(), "progress only grows: \(progress)")

            let listed = try await city.server.with(token: city.reader) { civitas in
                try await civitas.jobs.listJobs(.with { $0.state = "succeeded"; $0.kind = "probe" })
            }
            #expect(listed.jobs.map(\.id) == [job.id])
        }
    }

    @Test func onlyHQCancelsAndOtherTenantsSeeNothing() async throws {
        try await withCity { city in
            let job = try await city.queue.enqueue(NewJob(tenant: try TenantID(city.tenant), kind: "probe", runAt: Date().addingTimeInterval(3600)))
            try await city.server.with(token: city.reader) { civitas in
                await expectRPCError(.permissionDenied, containing: "Role reader may not cancel jobs") {
                    _ = try await civitas.jobs.cancelJob(.with { $0.id = job.id })
                }
            }
            let fixture = TenantFixture(server: city.server)
            let other = TenantFixture.uniqueID("jobs")
            try await fixture.createTenant(other)
            let otherHQ = try await fixture.issue(tenant: other, role: "hq").token
            try await city.server.with(token: otherHQ) { civitas in
                await expectRPCError(.notFound, containing: "has no job \(job.id)") {
                    _ = try await civitas.jobs.getJob(.with { $0.id = job.id })
                }
                await expectRPCError(.permissionDenied, containing: "cannot reach another tenant's data") {
                    _ = try await civitas.jobs.getJob(.with { $0.tenant = city.tenant; $0.id = job.id })
                }
                let visible = try await civitas.jobs.listJobs(.init()).jobs
                #expect(visible.isEmpty)
            }
            let cancelled = try await city.server.with(token: city.hq) { civitas in
                try await civitas.jobs.cancelJob(.with { $0.id = job.id })
            }
            #expect(cancelled.state == "cancelled")
            try await city.server.with(token: city.hq) { civitas in
                await expectRPCError(.failedPrecondition, containing: "has already finished (cancelled)") {
                    _ = try await civitas.jobs.cancelJob(.with { $0.id = job.id })
                }
            }
        }
    }

    @Test func schedulesAreCreatedListedPausedResumedAndDeleted() async throws {
        try await withCity { city in
            try await city.server.with(token: city.hq) { civitas in
                await expectRPCError(.invalidArgument, containing: "The hour field \"25\" is out of range") {
                    _ = try await civitas.schedules.createSchedule(.with { $0.cron = "0 25 * * *"; $0.jobKind = "probe" })
                }
                // The kinds are listed (probe, evaluation, and whatever else the server registers).
                await expectRPCError(.invalidArgument, containing: "is not one this server runs; known kinds:") {
                    _ = try await civitas.schedules.createSchedule(.with { $0.cron = "0 2 1 * *"; $0.jobKind = "nonsense" })
                }
                let created = try await civitas.schedules.createSchedule(.with {
                    $0.cron = "0 2 1 * *"; $0.jobKind = "probe"; $0.argumentsJson = #"{"period":"previous-month"}"#
                })
                // 02:00 on the 1st in the tenant's zone (Asia/Shanghai): 18:00 UTC the day before.
                #expect(created.nextRunAt.date.formatted(.iso8601).hasSuffix("T18:00:00Z"))
                let paused = try await civitas.schedules.pauseSchedule(.with { $0.id = created.id })
                #expect(paused.paused)
                let resumed = try await civitas.schedules.resumeSchedule(.with { $0.id = created.id })
                #expect(!resumed.paused)
                let listed = try await civitas.schedules.listSchedules(.init()).schedules
                #expect(listed.map(\.id) == [created.id])
                _ = try await civitas.schedules.deleteSchedule(.with { $0.id = created.id })
                let afterDelete = try await civitas.schedules.listSchedules(.init()).schedules
                #expect(afterDelete.isEmpty)
            }
            try await city.server.with(token: city.reader) { civitas in
                await expectRPCError(.permissionDenied, containing: "may not create, pause, resume or delete schedules") {
                    _ = try await civitas.schedules.createSchedule(.with { $0.cron = "0 2 1 * *"; $0.jobKind = "probe" })
                }
                let visible = try await civitas.schedules.listSchedules(.init()).schedules
                #expect(visible.isEmpty)
            }
        }
    }
}
