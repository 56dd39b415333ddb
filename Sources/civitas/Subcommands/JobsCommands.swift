import ArgumentParser
import CivitasCLISupport
import CivitasClient
import CivitasProtos
import Foundation
import GRPCCore
import SwiftProtobuf

struct JobsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "jobs",
        abstract: "Background jobs (evaluations, cross-checks, …): list, show, cancel, watch.",
        subcommands: [JobsList.self, JobsShow.self, JobsCancel.self, JobsWatch.self]
    )
}

struct JobsList: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the tenant's jobs, oldest first.")

    @Option(help: "Only jobs in this state: available, running, succeeded, retrying, discarded or cancelled.")
    var state: String?

    @Option(help: "Only jobs of this kind (e.g. probe, evaluation).")
    var kind: String?

    @Option(help: "Show at most this many jobs (pages are fetched until then).")
    var limit = 100

    @OptionGroup var tenant: TenantOption
    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        try await connection.withConnection { civitas in
            var jobs: [Civitas_V1_Job] = []
            var token = ""
            repeat {
                let reply = try await civitas.jobs.listJobs(.with {
                    $0.tenant = tenant.value
                    $0.state = state ?? ""
                    $0.kind = kind ?? ""
                    $0.page = .with { $0.pageSize = UInt32(min(max(limit - jobs.count, 1), 1000)); $0.pageToken = token }
                }, options: civitas.options)
                jobs += reply.jobs
                token = reply.nextPageToken
            } while !token.isEmpty && jobs.count < limit
            if output.json { return try Terminal.printJSON(Civitas_V1_ListJobsResponse.with { $0.jobs = jobs; $0.nextPageToken = token }) }
            var table = Table("ID", "KIND", "STATE", "ATTEMPT", "PROGRESS", "RUN AT", "FINISHED")
            for job in jobs {
                table.add(
                    job.id, job.kind, job.state, "\(job.attempt)/\(job.maxAttempts)", JobText.percent(job.progress),
                    job.runAt.text(ifSet: job.hasRunAt), job.finishedAt.text(ifSet: job.hasFinishedAt)
                )
            }
            print(table.render())
            if !token.isEmpty { Terminal.note("More jobs than --limit \(limit); raise it to see them.") }
        }
    }
}

struct JobsShow: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show one job, with the error of each failed attempt.")

    @Argument(help: "The job id.")
    var id: String

    @OptionGroup var tenant: TenantOption
    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        try await connection.withConnection { civitas in
            let job = try await civitas.jobs.getJob(.with { $0.tenant = tenant.value; $0.id = id }, options: civitas.options)
            if output.json { return try Terminal.printJSON(job) }
            print(JobText.details(job))
        }
    }
}

struct JobsCancel: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cancel",
        abstract: "Cancel a job: at once if it waits; a running one stops at its next check (HQ only)."
    )

    @Argument(help: "The job id.")
    var id: String

    @OptionGroup var tenant: TenantOption
    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        try await connection.withConnection { civitas in
            let job = try await civitas.jobs.cancelJob(.with { $0.tenant = tenant.value; $0.id = id }, options: civitas.options)
            print(job.state == "cancelled" ? "Cancelled job \(job.id)." : "Asked running job \(job.id) to stop; `civitas jobs watch \(job.id)` follows it.")
        }
    }
}

struct JobsWatch: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch",
        abstract: "Follow a job until it ends: a progress bar on a terminal, one line per change otherwise.",
        discussion: "Exits 0 when the job succeeded, 1 when it was discarded or cancelled."
    )

    @Argument(help: "The job id.")
    var id: String

    @OptionGroup var tenant: TenantOption
    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        var final: Civitas_V1_Job?
        try await connection.withConnection { civitas in
            final = try await JobWaiter(civitas: civitas, tenant: tenant.value, output: .standardOutput).stream(id)
        }
        guard let final else { return }
        if !final.errors.isEmpty, final.state != "succeeded" {
            Terminal.note("last error (attempt \(final.errors.last!.attempt)): \(final.errors.last!.message)")
        }
        if final.state != "succeeded" { throw ExitCode(1) }
    }
}
