import CivitasCore
import CivitasTesting
import Foundation
import Testing
import Workers

/// kill -9 of civitasd while 20 jobs run: after a restart every job ends `succeeded`
/// exactly once and none stays `running` past its lease.
///
/// How the jobs get in: JobService has no enqueue call (jobs are created by the server
/// itself: evaluation and cross-check requests, schedules). The test plays that
/// producer through the same `JobQueue` library, opening the server's own
/// `<data>/jobs.sqlite` from this process (SQLite WAL is safe across processes); the
/// running civitasd picks the jobs up by polling, as it would jobs another server enqueued.
@Suite(.serialized) struct JobsKillTests {
    static let lease = 2.0
    static let serverArguments = ["--job-workers", "20", "--job-lease-seconds", "\(lease)", "--job-poll-seconds", "0.1", "--synchronous", "normal"]

    @Test func killDashNineWhileTwentyJobsRunLosesNoneAndRunsNoneTwiceToCompletion() async throws {
        let scratch = try TemporaryDirectory(prefix: "civitasd-jobs-kill9")
        defer { scratch.remove() }
        let data = scratch.url.appendingPathComponent("data")
        let first = try await DaemonProcess.launch(data: data, arguments: Self.serverArguments)

        let queue = try JobQueue(path: data.appendingPathComponent("jobs.sqlite").path, fsyncEveryCommit: false)
        defer { try? queue.close() }
        var ids: [String] = []
        var tenantOf: [String: TenantID] = [:]
        for index in 0..<20 {
            let tenant = try TenantID(index % 2 == 0 ? "kill-a" : "kill-b")
            // Each run takes about six seconds, in ten progress steps: long enough for all
            // twenty to be claimed and running at once even on a loaded machine.
            let id = try await queue.enqueue(NewJob(tenant: tenant, kind: "probe", argumentsJSON: #"{"seconds": 6}"#)).id
            ids.append(id)
            tenantOf[id] = tenant
        }
        let tenants = try ["kill-a", "kill-b"].map(TenantID.init)

        func states() async throws -> [String: JobState] {
            var result: [String: JobState] = [:]
            for tenant in tenants {
                for job in try await queue.jobs(JobQuery(tenant: tenant, limit: 100)).jobs { result[job.id] = job.state }
            }
            return result
        }

        try await waitFor("all 20 jobs run", timeout: .seconds(60)) { try await states().values.filter { $0 == .running }.count == 20 }
        try await first.stop(with: SIGKILL)
        let killedAt = Date()
        #expect(try await states().values.allSatisfy { $0 == .running }, "the kill left every job running, its lease held by a dead server")
        #expect(try ids.allSatisfy { try queue.runCounts($0) == (completions: 0, probeStarts: 1) })

        let second = try await DaemonProcess.launch(data: data, arguments: Self.serverArguments)
        // Leases expire within `lease` seconds of the kill; the reruns take about six.
        try await waitFor("every job succeeded", timeout: .seconds(60)) { try await states().values.allSatisfy { $0 == .succeeded } }
        #expect(Date().timeIntervalSince(killedAt) < Self.lease + 6 + 30, "no job stayed running long past its lease")

        for id in ids {
            let job = try await queue.job(id, tenant: try #require(tenantOf[id]))
            let counts = try queue.runCounts(id)
            #expect(job.state == .succeeded)
            #expect(counts.completions == 1, "job \(id) succeeded \(counts.completions) times")
            #expect(counts.probeStarts == 2, "job \(id): one run cut short by the kill, one to completion; saw \(counts.probeStarts)")
            #expect(job.attempt == 2)
            #expect(job.errors.map(\.attempt) == [1])
            #expect(job.errors.first?.message.contains("lease expired") == true)
        }
        try await second.stop(with: SIGTERM)
    }

    @Test func sigtermReleasesJobsStillRunningAfterTheGracePeriodWithoutCountingTheAttempt() async throws {
        let scratch = try TemporaryDirectory(prefix: "civitasd-jobs-term")
        defer { scratch.remove() }
        let data = scratch.url.appendingPathComponent("data")
        let daemon = try await DaemonProcess.launch(data: data, arguments: Self.serverArguments + ["--job-grace-seconds", "0.5", "--log-level", "info"])
        let queue = try JobQueue(path: data.appendingPathComponent("jobs.sqlite").path, fsyncEveryCommit: false)
        defer { try? queue.close() }
        let tenant = try TenantID("term-city")
        let long = try await queue.enqueue(NewJob(tenant: tenant, kind: "probe", argumentsJSON: #"{"seconds": 60}"#))
        try await waitFor("the job runs", timeout: .seconds(30)) { try await queue.job(long.id, tenant: tenant).state == .running }

        let status = try await daemon.stop(with: SIGTERM)
        #expect(status == 0)
        let released = try await queue.job(long.id, tenant: tenant)
        #expect(released.state == .available)
        #expect(released.attempt == 0)
        #expect(released.errors.isEmpty)
        #expect(daemon.stderr.text.contains("released jobs still running after the grace period"))
    }
}

/// Bounded polling for a condition another process brings about.
func waitFor(_ what: String, timeout: Duration, _ condition: () async throws -> Bool) async throws {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if try await condition() { return }
        try await Task.sleep(for: .milliseconds(100))
    }
    throw ProcessFailure("Timed out after \(timeout) waiting until \(what).")
}
