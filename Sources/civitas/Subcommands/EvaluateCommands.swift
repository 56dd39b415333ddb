import ArgumentParser
import CivitasCLISupport
import CivitasClient
import CivitasProtos
import Foundation
import GRPCCore
import SwiftProtobuf

struct EvaluateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Queue an evaluation of a period and scope; with --wait, follow it and print the score.",
        discussion: """
            Prints the job id on stdout. With --wait, progress goes to stderr (a bar on a terminal, \
            one line per change otherwise), then the score summary — or, for --scope subcommands, the \
            ranking — goes to stdout. Exits 1 when the job is discarded or cancelled, with its errors.
            """
    )

    @OptionGroup var target: EvaluationArguments

    @Option(name: .customLong("version"), help: "Framework version (default: the latest).")
    var frameworkVersion: UInt32 = 0

    @Flag(help: "Follow the job until it ends, then print the score summary.")
    var wait = false

    @Option(help: "Language of the summary: zh or en.")
    var lang: ReportLanguage = .zh

    @OptionGroup var tenant: TenantOption
    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        try await connection.withConnection { civitas in
            let reply = try await civitas.evaluations.requestEvaluation(.with {
                $0.tenant = tenant.value
                $0.framework = target.framework
                $0.frameworkVersion = frameworkVersion
                $0.period = .with { $0.name = target.period }
                $0.scope = .with { $0.name = target.scope }
            }, options: civitas.options)
            let waiter = JobWaiter(civitas: civitas, tenant: tenant.value)
            guard let job = try await waiter.afterQueuing(reply.jobID, kind: "evaluation", wait: wait) else { return }
            try await printSummary(civitas, job: job)
        }
    }

    private func printSummary(_ civitas: CivitasConnection, job: Civitas_V1_Job) async throws {
        let sources = ReportSources(civitas: civitas, tenant: tenant.value)
        if target.scope == "subcommands" {
            let names = await sources.names(framework: nil)
            guard let ranking = try await sources.ranking(framework: target.framework, period: target.period) else {
                return print(ReportLabel.noRanking.text(lang))
            }
            let stale = try await sources.staleResults(framework: target.framework, period: target.period)
            return print(RankingReportText.render(ranking, staleResults: stale, names: names, language: lang))
        }
        let result = try await latestResult(sources, resultRef: job.resultRef)
        let (published, framework) = try await sources.framework(code: result.framework, version: result.frameworkVersion)
        let names = await sources.names(framework: framework)
        print(EvaluationSummaryText.render(result, passScore: published.passScore, names: names, language: lang))
    }

    /// The job's own result when it names one, else the latest of this framework, period
    /// and scope (what the job just stored).
    private func latestResult(_ sources: ReportSources, resultRef: String) async throws -> Civitas_V1_EvaluationResult {
        if !resultRef.isEmpty {
            do {
                return try await sources.result(id: resultRef, framework: target.framework, period: target.period, scope: target.scope)
            } catch let error as RPCError where error.code == .notFound || error.code == .invalidArgument {
                // result_ref is not a result id in this server's spelling: ask by fields instead.
            }
        }
        return try await sources.result(framework: target.framework, period: target.period, scope: target.scope)
    }
}
