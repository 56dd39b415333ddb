import Foundation

/// The built-in no-op kind `probe`: what operators run to check the pool, and what the
/// tests and the benchmark use. Arguments (all optional):
/// `{"seconds": 0.5, "fail_times": 2}` — take this long (in ten progress steps, stopping
/// early when cancelled), and fail the first `fail_times` attempts.
///
/// It records every run it starts (job id and attempt) in `jobs.sqlite`, so that anyone
/// can count how often a job's handler really ran. It writes no result, so running it
/// again changes nothing: it is idempotent, as every handler must be.
public struct ProbeJob: JobHandler {
    public let kind = "probe"

    public init() {}

    struct Arguments: Decodable {
        var seconds: Double?
        var fail_times: Int?
    }

    public func run(_ job: Job, context: JobContext) async throws -> JobResult {
        let arguments: Arguments
        do {
            arguments = try JSONDecoder().decode(Arguments.self, from: Data(job.argumentsJSON.utf8))
        } catch {
            throw ProbeFailure("The probe's arguments are not {\"seconds\": N, \"fail_times\": N}: \(error).")
        }
        try await context.queue.recordProbeRun(context.rowID, attempt: job.attempt)
        if let failures = arguments.fail_times, job.attempt <= failures {
            throw ProbeFailure("Probe attempt \(job.attempt) failed on purpose (fail_times is \(failures)).")
        }
        let seconds = max(arguments.seconds ?? 0, 0)
        if seconds > 0 {
            for step in 1...10 {
                try context.checkCancellation()
                try await Task.sleep(for: .milliseconds(Int(seconds * 100)))
                try await context.reportProgress(Double(step) / 10, "step \(step) of 10")
            }
        }
        return JobResult(reference: "probe:\(job.id)")
    }
}

struct ProbeFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
