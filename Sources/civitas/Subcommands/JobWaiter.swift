import ArgumentParser
import CivitasCLISupport
import CivitasClient
import CivitasProtos
import Foundation
import GRPCCore
import SwiftProtobuf

/// Follows a job's changes over `WatchJob`: a progress bar redrawn in place on a
/// terminal, one line per change otherwise. `civitas jobs watch` draws on stdout (the
/// progress is its output); `evaluate --wait` and `crosscheck run --wait` draw on stderr so
/// that stdout keeps only the job id and the summary a script reads.
struct JobWaiter {
    enum Output {
        case standardOutput
        case standardError
    }

    let civitas: CivitasConnection
    let tenant: String
    var output = Output.standardError

    /// Draws every change of the job until the stream ends and returns the last one (nil
    /// when the stream sent none), ending a drawn bar with a newline.
    func stream(_ id: String) async throws -> Civitas_V1_Job? {
        let drawsBar = isatty(output == .standardOutput ? STDOUT_FILENO : STDERR_FILENO) == 1
        // No deadline: a job may run for longer than --timeout.
        let last = try await civitas.jobs.watchJob(.with { $0.tenant = tenant; $0.id = id }, options: .defaults) { response in
            var last: Civitas_V1_Job?
            for try await job in response.messages {
                draw(drawsBar ? "\r\u{1B}[K" + JobText.bar(job) : JobText.line(job), asLine: !drawsBar)
                last = job
            }
            return last
        }
        if drawsBar, last != nil { draw("", asLine: true) }
        return last
    }

    /// The job once it has ended: streamed, and asked for once more when the stream closed
    /// before an end state (a job already finished may send no message).
    func follow(_ id: String) async throws -> Civitas_V1_Job {
        if let last = try await stream(id), Self.hasEnded(last.state) { return last }
        return try await civitas.jobs.getJob(.with { $0.tenant = tenant; $0.id = id }, options: civitas.options)
    }

    /// What a command that queues a job does next: the job id on stdout, then — without
    /// `wait` — a hint and nil; with it, the job followed on stderr and returned once it
    /// succeeded. A job that ended otherwise is reported with every attempt's error and
    /// exits 1.
    func afterQueuing(_ id: String, kind: String, wait: Bool) async throws -> Civitas_V1_Job? {
        print(id)
        guard wait else {
            Terminal.note("Queued; `civitas jobs watch \(id)` follows it.")
            return nil
        }
        let job = try await follow(id)
        guard job.state == "succeeded" else {
            Terminal.error("\(kind) job \(job.id) ended \(job.state).")
            for error in job.errors { Terminal.note("attempt \(error.attempt): \(error.message)") }
            throw ExitCode(1)
        }
        return job
    }

    static func hasEnded(_ state: String) -> Bool {
        ["succeeded", "discarded", "cancelled"].contains(state)
    }

    /// A bar is written unbuffered so that it shows without a newline; lines on stdout go
    /// through `print` like every other line of output.
    private func draw(_ text: String, asLine: Bool) {
        switch output {
        case .standardOutput where asLine: print(text)
        case .standardOutput: FileHandle.standardOutput.write(Data(text.utf8))
        case .standardError: Terminal.progress(asLine ? text + "\n" : text)
        }
    }
}

extension Terminal {
    /// Raw text on stderr (a bar redrawn in place needs no newline).
    static func progress(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
