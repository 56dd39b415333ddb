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

/// DOMAIN §8: a record landing in a period that has a result marks it stale and queues
/// exactly one re-evaluation, whose result includes the record.
@Suite(.serialized) struct ReevaluationTests {
    @Test func lateRecordsMakeTheResultStaleAndQueueOneReevaluation() async throws {
        // Two workers, so one tenant runs one job at a time (the pool keeps a worker for
        // others): a probe job holds the tenant's slot while the late records land, until
        // it is cancelled (a short lease makes the worker hear of that within a second).
        let server = try await TestServer.start { $0.jobs.pollSeconds = 0.05; $0.jobs.workers = 2; $0.jobs.leaseSeconds = 3 }
        let queue = try JobQueue(path: server.dataDirectory.appendingPathComponent("jobs.sqlite").path, fsyncEveryCommit: false)
        defer { try? queue.close() }
        do {
            let (tenant, hq) = try await TenantFixture(server: server).makeEvaluationCity()
            try await server.with(token: hq) { civitas in
                _ = try await civitas.submitFeeds([[
                    EvaluationSample.aqi("a1", 50, day: 1), EvaluationSample.aqi("a2", 150, day: 2), EvaluationSample.aqi("a3", 110, day: 3),
                    EvaluationSample.aqi("a4", 90, day: 4),
                ]])
                // No result yet: landing records queue nothing.
                let none = try await civitas.jobs.listJobs(.with { $0.kind = "evaluation" }).jobs
                #expect(none.isEmpty)
                let first = try await civitas.evaluate()
                #expect(first.state == "succeeded")
                // Good days 1st and 4th of 4: 0.5 × 2 = 1.
                let before = try await civitas.latestResult()
                expectClose(before.earnedByLeaf["f-aqi"], 1, "f-aqi before")
                #expect(!before.stale)

                let blocker = try await queue.enqueue(NewJob(tenant: try TenantID(tenant), kind: "probe", argumentsJSON: #"{"seconds": 60}"#))
                while try await civitas.jobs.getJob(.with { $0.id = blocker.id }).state != "running" { try await Task.sleep(for: .milliseconds(20)) }

                // Two late batches, and one for April (another period: no effect on March).
                _ = try await civitas.submitFeeds([[EvaluationSample.aqi("late-1", 40, day: 5)]])
                _ = try await civitas.submitFeeds([[EvaluationSample.aqi("late-2", 60, day: 6)]])
                _ = try await civitas.submitFeeds([[EvaluationSample.aqi("april", 60, day: 1, month: 4)]])
                let stale = try await civitas.latestResult()
                #expect(stale.stale)
                let queued = try await civitas.jobs.listJobs(.with { $0.kind = "evaluation" }).jobs.filter { $0.id != first.id }
                #expect(queued.count == 1, "one re-evaluation for two late batches: \(queued.map(\.argumentsJson))")
                let reevaluation = try #require(queued.first)
                let queuedJob = try await queue.job(reevaluation.id, tenant: try TenantID(tenant))
                #expect(queuedJob.uniqueKey == "reevaluate:test-city:2025-03:city")
                _ = try await civitas.jobs.cancelJob(.with { $0.id = blocker.id })

                let finished = try await civitas.waitForJob(reevaluation.id)
                #expect(finished.state == "succeeded")
                let after = try await civitas.latestResult()
                #expect(!after.stale)
                // 4 feed points, the first evaluation, then 2 late March points and 1 April point.
                #expect(after.cutoffSequence == 7)
                // Good days 1st, 4th, 5th, 6th of 6: 4/6 × 2.
                expectClose(after.earnedByLeaf["f-aqi"], 2 * 4 / 6, "f-aqi after")
                let all = try await civitas.jobs.listJobs(.with { $0.kind = "evaluation" }).jobs
                #expect(all.count == 2, "the request and one re-evaluation, never a pile")
            }
        } catch {
            try? await server.stopAndRemove()
            throw error
        }
        try await server.stopAndRemove()
    }
}
