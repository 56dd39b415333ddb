import ArgumentParser
import CivitasCLISupport
import CivitasClient
import CivitasProtos
import Foundation
import SwiftProtobuf

struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Read evaluation results: the score, the monthly dispatch ranking, the gap analysis, the findings.",
        discussion: """
            Tables have Chinese headings unless --lang en; numbers are rounded to two decimals for \
            display only (--json carries the unrounded values). --html FILE writes one self-contained, \
            printable page with the score, the gates, the ranking, the gap analysis and the \
            cross-check findings, whichever \
            report was asked for.
            """,
        subcommands: [ReportScore.self, ReportRanking.self, ReportGap.self, ReportFindings.self]
    )
}

/// The options every `civitas report` shares.
struct ReportOptions: ParsableArguments {
    @OptionGroup var target: EvaluationArguments

    @Option(help: "Language of headings and names: zh or en.")
    var lang: ReportLanguage = .zh

    @Flag(help: "Print JSON (stable snake_case keys, unrounded numbers) instead of tables.")
    var json = false

    @Option(help: "Write the full report as one self-contained HTML page to this file.")
    var html: String?

    @Option(help: "Show at most this many indicators per gap list (0: all).")
    var top = 10

    func validate() throws {
        guard target.scope != "subcommands" else {
            throw ValidationError("--scope subcommands is for `civitas evaluate`; a report reads city or subcommand:ID (the ranking covers every sub-command).")
        }
        guard !(json && html != nil) else { throw ValidationError("Choose --json or --html, not both.") }
        guard top >= 0 else { throw ValidationError("--top must be 0 (all) or more.") }
    }
}

/// A `civitas report` subcommand. They share the options, the connection and `--html`
/// (one page with everything, whichever report was asked for); each only says how it
/// prints itself as JSON or as a table.
protocol ReportSubcommand: AsyncParsableCommand {
    var options: ReportOptions { get }
    var tenant: TenantOption { get }
    var connection: ConnectionOptions { get }

    /// Prints the report on stdout: JSON with `--json`, else the table (never for `--html`).
    func printReport(_ report: ReportRun) async throws
}

extension ReportSubcommand {
    func run() async throws {
        try await connection.withConnection { civitas in
            let report = ReportRun(civitas: civitas, tenant: tenant.value, options: options)
            if let file = options.html { return try await report.writeHTML(to: file) }
            try await printReport(report)
        }
    }
}

struct ReportScore: ReportSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "score", abstract: "The score of one scope: total, eligibility, gates, categories, items and every indicator."
    )

    @OptionGroup var options: ReportOptions
    @OptionGroup var tenant: TenantOption
    @OptionGroup var connection: ConnectionOptions

    func printReport(_ report: ReportRun) async throws {
        let (result, published, names) = try await report.scoredResult()
        if options.json { return print(ReportJSON.text(ReportJSON.score(result, passScore: published.passScore, names: names))) }
        print(ScoreReportText.render(result, passScore: published.passScore, names: names, language: options.lang))
    }
}

struct ReportRanking: ReportSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "ranking", abstract: "The monthly dispatch ranking (月调度排名) of the sub-commands."
    )

    @OptionGroup var options: ReportOptions
    @OptionGroup var tenant: TenantOption
    @OptionGroup var connection: ConnectionOptions

    func printReport(_ report: ReportRun) async throws {
        let (ranking, stale, names) = try await report.ranking()
        if options.json { return print(ReportJSON.text(ReportJSON.ranking(ranking, staleResults: stale, names: names))) }
        print(RankingReportText.render(ranking, staleResults: stale, names: names, language: options.lang))
    }
}

struct ReportGap: ReportSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "gap",
        abstract: "Where points are lost (差距): top indicators, distance to target, failed gates, change, weakest per sub-command."
    )

    @OptionGroup var options: ReportOptions
    @OptionGroup var tenant: TenantOption
    @OptionGroup var connection: ConnectionOptions

    func printReport(_ report: ReportRun) async throws {
        let (result, _, names) = try await report.scoredResult()
        let analysis = try await report.sources.gap(framework: options.target.framework, period: options.target.period, scope: options.target.scope)
        if options.json { return print(ReportJSON.text(ReportJSON.gap(analysis, result: result, names: names))) }
        print(GapReportText.render(analysis, result: result, top: options.top, names: names, language: options.lang))
    }
}
