import CivitasCLISupport
import CivitasProtos
import Foundation
import SwiftProtobuf

/// How `civitas jobs` prints a job.
enum JobText {
    static func percent(_ fraction: Double) -> String { "\(Int((min(max(fraction, 0), 1) * 100).rounded()))%" }

    /// `[##########----------]  50%  running (attempt 1/5)  step 5 of 10`
    static func bar(_ job: Civitas_V1_Job, width: Int = 30) -> String {
        let filled = Int((min(max(job.progress, 0), 1) * Double(width)).rounded())
        let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
        let percent = percent(job.progress)
        let padded = String(repeating: " ", count: max(0, 4 - percent.count)) + percent
        return "job \(job.id) [\(bar)] \(padded)  \(job.state) (attempt \(job.attempt)/\(job.maxAttempts))"
            + (job.progressMessage.isEmpty ? "" : "  \(job.progressMessage)")
    }

    /// One line per change, for logs and pipes.
    static func line(_ job: Civitas_V1_Job) -> String {
        "\(Date().formatted(.iso8601)) job \(job.id) \(job.state) \(percent(job.progress)) attempt \(job.attempt)/\(job.maxAttempts)"
            + (job.progressMessage.isEmpty ? "" : " \(job.progressMessage)")
    }

    static func details(_ job: Civitas_V1_Job) -> String {
        var lines = [
            "job        \(job.id) (\(job.kind)) of tenant \(job.tenant)",
            "state      \(job.state), attempt \(job.attempt) of \(job.maxAttempts), priority \(job.priority)",
            "progress   \(percent(job.progress))\(job.progressMessage.isEmpty ? "" : " — \(job.progressMessage)")",
            "arguments  \(job.argumentsJson)",
            "run at     \(job.runAt.text(ifSet: job.hasRunAt))",
            "created    \(job.createdAt.text(ifSet: job.hasCreatedAt))",
            "finished   \(job.finishedAt.text(ifSet: job.hasFinishedAt))",
        ]
        if !job.resultRef.isEmpty { lines.append("result     \(job.resultRef)") }
        for error in job.errors {
            lines.append("error      attempt \(error.attempt) at \(error.at.text(ifSet: error.hasAt)): \(error.message)")
        }
        return lines.joined(separator: "\n")
    }
}
