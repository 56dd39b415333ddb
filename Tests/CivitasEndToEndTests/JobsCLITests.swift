import CivitasCore
import CivitasTesting
import Foundation
import Testing
import Workers

/// `civitas jobs …` and `civitas schedule …` as district offices run them, against a
/// civitasd process. Output is a pipe here, so `watch` prints one line per change.
@Suite(.serialized) struct JobsCLITests {
    @Test func watchShowListAndSchedulesFromTheCommandLine() async throws {
        let scratch = try TemporaryDirectory(prefix: "civitas-jobs-cli")
        defer { scratch.remove() }
        let data = scratch.url.appendingPathComponent("data")
        let daemon = try await DaemonProcess.launch(data: data, arguments: ["--job-poll-seconds", "0.1"])
        let admin = daemon.environment(tokenFile: data.appendingPathComponent("operator.token").path)
        #expect(try await runCLI("civitas-admin", ["tenant", "create", "cli-city", "--name", "某市"], environment: admin).status == 0)
        let issued = try await runCLI("civitas-admin", ["credential", "issue", "--tenant", "cli-city", "--role", "hq"], environment: admin)
        let hqToken = scratch.url.appendingPathComponent("hq.token")
        try issued.stdout.write(to: hqToken, atomically: true, encoding: .utf8)
        let hq = daemon.environment(tokenFile: hqToken.path)

        let queue = try JobQueue(path: data.appendingPathComponent("jobs.sqlite").path, fsyncEveryCommit: false)
        defer { try? queue.close() }
        let job = try await queue.enqueue(NewJob(tenant: try TenantID("cli-city"), kind: "probe", argumentsJSON: #"{"seconds": 3}"#))

        let watched = try await runCLI("civitas", ["jobs", "watch", job.id], environment: hq)
        #expect(watched.status == 0, "\(watched.stderr)")
        let lines = watched.stdout.split(separator: "\n")
        #expect(lines.count >= 2, "one line per change: \(watched.stdout)")
        #expect(lines.last?.contains("job \(job.id) succeeded 100%") == true, "\(watched.stdout)")

        let shown = try await runCLI("civitas", ["jobs", "show", job.id], environment: hq)
        #expect(shown.stdout.contains("state      succeeded, attempt 1 of 5"), "\(shown.stdout)")
        let listed = try await runCLI("civitas", ["jobs", "list", "--state", "succeeded", "--json"], environment: hq)
        let json = try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [String: Any]
        #expect((json?["jobs"] as? [[String: Any]])?.compactMap { $0["id"] as? String } == [job.id])

        let badCron = try await runCLI("civitas", ["schedule", "create", "0 2 31 2 *", "--kind", "probe"], environment: hq)
        #expect(badCron.status == 4)
        #expect(badCron.stderr.contains("never runs"), "\(badCron.stderr)")
        let created = try await runCLI("civitas", ["schedule", "create", "0 2 1 * *", "--kind", "probe", "--arguments", #"{"period":"previous-month"}"#], environment: hq)
        #expect(created.status == 0, "\(created.stderr)")
        #expect(created.stdout.contains("T18:00:00Z"), "02:00 Shanghai is 18:00 UTC: \(created.stdout)")
        let schedules = try await runCLI("civitas", ["schedule", "list"], environment: hq)
        #expect(schedules.stdout.contains("0 2 1 * *") && schedules.stdout.contains("previous-month"), "\(schedules.stdout)")
        try await daemon.stop(with: SIGTERM)
    }
}
