import ArgumentParser
import CivitasCLISupport
import CivitasClient
import CivitasProtos
import Foundation

/// The options of the findings report: `civitas crosscheck report`, and
/// `civitas report findings` once registered under `report`.
struct FindingsReportOptions: ParsableArguments {
    @Option(help: "Period: a month 2026-10, a quarter 2026-Q4, a year 2026, or 2026-10-01..2026-10-15.")
    var period: String

    @Option(help: "Only this sub-command's block (default: the whole city).")
    var subcommand: String?

    @Option(help: "List at most this many outstanding findings, the most pressing first (0: all; --json has all).")
    var top = 100

    @Flag(help: "Print JSON (stable snake_case keys, exact numbers) instead of tables.")
    var json = false

    @OptionGroup var display: FindingDisplayOptions

    func validate() throws {
        try CrossCheckArguments.checkPeriod(period)
        guard top >= 0 else { throw ValidationError("--top must be 0 (all) or more, not \(top).") }
    }

    func report(tenant: String, connection: ConnectionOptions) async throws {
        let time = try display.time()
        try await connection.withConnection { civitas in
            let source = FindingSource(civitas: civitas, tenant: tenant)
            let (findings, _) = try await source.findings(FindingSource.Filter(period: period, subcommand: subcommand ?? ""))
            let overview = FindingsOverview(
                period: period, subcommand: subcommand ?? "", findings: findings, names: await source.names(), time: time, outstandingLimit: top)
            if json { return print(ReportJSON.text(FindingJSON.report(overview))) }
            print(FindingsReportText.render(overview, language: display.lang))
        }
    }
}

/// `civitas report findings`: counts by rule and severity, then the outstanding findings
/// with level, responsible unit and due date. Meant for `ReportCommand`'s subcommands.
struct ReportFindings: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "findings",
        abstract: "The period's cross-check findings: counts by rule and severity, outstanding and overdue ones."
    )

    @OptionGroup var options: FindingsReportOptions
    @OptionGroup var tenant: TenantOption
    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        try await options.report(tenant: tenant.value, connection: connection)
    }
}

/// `civitas crosscheck report`: the same report, reachable from the cross-check group.
struct CrossCheckReport: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "The period's findings report: counts by rule and severity, outstanding and overdue ones."
    )

    @OptionGroup var options: FindingsReportOptions
    @OptionGroup var tenant: TenantOption
    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        try await options.report(tenant: tenant.value, connection: connection)
    }
}

extension ReportRun {
    /// The period's findings for the HTML page, limited to the report's scope; nil when
    /// they cannot be read (the page is still written without them). For `writeHTML`:
    /// `page.findings = await findingsOverview(names: names)`.
    func findingsOverview(names: ReportNames) async -> FindingsOverview? {
        let source = FindingSource(civitas: sources.civitas, tenant: sources.tenant)
        return await source.overview(
            period: options.target.period, scope: options.target.scope, names: names, time: FindingTime(timeZone: TimeZone(identifier: "Asia/Shanghai") ?? .gmt))
    }
}
