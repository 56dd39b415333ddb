import ArgumentParser
import CivitasCLISupport
import CivitasClient
import CivitasCore
import CivitasProtos
import Foundation

/// The options of `crosscheck findings` and its alias `findings list`.
struct FindingListOptions: ParsableArguments {
    @Option(help: "Only findings of this period (2026-10, 2026-Q4, 2026, 2026-10-01..2026-10-15).")
    var period: String?

    @Option(help: "Only findings in this state: open, assigned, rectified, verified, reopened or dismissed.")
    var state: String?

    @Option(help: "Only findings of this rule (e.g. peer_outlier, lateness; survey_integrity for its three rules).")
    var rule: String?

    @Option(help: "Only findings of this sub-command's block.")
    var subcommand: String?

    @Flag(help: "Only overdue findings, grouped by the level supervising them: unit, sub-command, HQ (分级督查).")
    var overdue = false

    @Option(help: "Show at most this many findings (0: all; pages are fetched until then).")
    var limit = 0

    @Flag(help: "Print JSON (stable snake_case keys, exact numbers) instead of tables.")
    var json = false

    @OptionGroup var display: FindingDisplayOptions

    func validate() throws {
        if let period { try CrossCheckArguments.checkPeriod(period) }
        if let state { try CrossCheckArguments.checkState(state) }
        if let rule { try CrossCheckArguments.checkRule(rule, allowed: CrossCheckRule.allCases.map(\.rawValue) + ["survey_integrity"]) }
        guard limit >= 0 else { throw ValidationError("--limit must be 0 (all) or more, not \(limit).") }
    }

    /// Fetches and prints the findings: a table, the overdue ones by level, or JSON.
    func list(tenant: String, connection: ConnectionOptions) async throws {
        let time = try display.time()
        try await connection.withConnection { civitas in
            let source = FindingSource(civitas: civitas, tenant: tenant)
            let filter = FindingSource.Filter(
                period: period ?? "", state: state ?? "", rule: rule ?? "", subcommand: subcommand ?? "", overdue: overdue)
            let (findings, truncated) = try await source.findings(filter, limit: limit)
            let names = await source.names()
            if json { return try Terminal.printJSON(FindingJSON.list(findings, truncated: truncated, names: names)) }
            let text = FindingListText(names: names, time: time, language: display.lang)
            print(overdue ? text.renderOverdue(findings, now: Date()) : text.render(findings))
            if truncated { Terminal.note("More findings than --limit \(limit); raise it (0: all) to see them.") }
        }
    }
}

struct CrossCheckFindings: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "findings",
        abstract: "List findings: by period, state, rule or block; --overdue shows what is late at each level.",
        discussion: "Ids are printed whole: `show`, and `civitas findings assign|rectify|…`, take them as printed."
    )

    @OptionGroup var options: FindingListOptions
    @OptionGroup var tenant: TenantOption
    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        try await options.list(tenant: tenant.value, connection: connection)
    }
}
