import ArgumentParser
import CivitasCLISupport
import CivitasClient
import CivitasProtos
import Foundation
import SwiftProtobuf

struct CrossCheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "crosscheck",
        abstract: "Cross-checks (交叉检查): run the rules, read the findings, assign cross-inspection.",
        discussion: """
            Findings are facts about submitted records for a person to look at, never silent \
            corrections. `civitas findings` moves them through rectification (整改): assign, \
            rectify, verify, reopen, dismiss.
            """,
        subcommands: [CrossCheckRun.self, CrossCheckFindings.self, CrossCheckShow.self, CrossCheckAssign.self, CrossCheckReport.self]
    )
}

struct CrossCheckRun: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Queue a cross-check of a period; with --wait, follow it and print the findings by rule and severity.",
        discussion: """
            Prints the job id on stdout. With --wait, progress goes to stderr (a bar on a terminal, \
            one line per change otherwise), then the period's findings of the rules run are counted \
            by rule and severity on stdout. Exits 1 when the job is discarded or cancelled.
            """
    )

    @Option(help: "Period: a month 2026-10, a quarter 2026-Q4, a year 2026, or 2026-10-01..2026-10-15.")
    var period: String

    @Option(help: ArgumentHelp(
        "Run only this rule (repeatable; default: every rule).",
        discussion: "One of \(CrossCheckArguments.requestableRules.joined(separator: ", "))."))
    var rule: [String] = []

    @Flag(help: "Follow the job until it ends, then print the findings summary.")
    var wait = false

    @OptionGroup var display: FindingDisplayOptions
    @OptionGroup var tenant: TenantOption
    @OptionGroup var connection: ConnectionOptions

    func validate() throws {
        try CrossCheckArguments.checkPeriod(period)
        for rule in rule { try CrossCheckArguments.checkRule(rule, allowed: CrossCheckArguments.requestableRules) }
    }

    func run() async throws {
        try await connection.withConnection { civitas in
            let reply = try await civitas.crosschecks.requestCrossCheck(.with {
                $0.tenant = tenant.value
                $0.period = .with { $0.name = period }
                $0.rules = rule
            }, options: civitas.options)
            let waiter = JobWaiter(civitas: civitas, tenant: tenant.value)
            guard let job = try await waiter.afterQueuing(reply.jobID, kind: "cross-check", wait: wait) else { return }
            try await printSummary(FindingSource(civitas: civitas, tenant: tenant.value), jobID: job.id)
        }
    }

    /// The period's findings of the rules that ran — all of them, not only the new ones,
    /// because a re-run finds again what was already found (same id) — and how many this
    /// run found first.
    private func printSummary(_ source: FindingSource, jobID: String) async throws {
        let rules = CrossCheckArguments.expanded(rule)
        let all = try await source.findings(FindingSource.Filter(period: period)).findings
        let findings = rules.isEmpty ? all : all.filter { rules.contains($0.rule) }
        let language = display.lang
        print("\(FindingLabel.summaryTitle.text(language)) — \(period)")
        print(FindingCounts(findings).render(language: language))
        let new = findings.filter { $0.runID == jobID }.count
        print(language == .zh ? "其中本次检查新发现 \(new) 条（任务 \(jobID)）" : "\(new) first found by this run (job \(jobID))")
        if !findings.isEmpty { Terminal.note("`civitas crosscheck findings --period \(period)` lists them.") }
    }
}

struct CrossCheckShow: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "One finding: what it is, its figures, its records by sequence number, and its history."
    )

    @Argument(help: "The finding's id.")
    var id: String

    @Flag(help: "Print JSON (stable snake_case keys, exact numbers) instead of text.")
    var json = false

    @OptionGroup var display: FindingDisplayOptions
    @OptionGroup var tenant: TenantOption
    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        let time = try display.time()
        try await connection.withConnection { civitas in
            let source = FindingSource(civitas: civitas, tenant: tenant.value)
            let finding = try await source.finding(id)
            let names = await source.names()
            if json { return try Terminal.printJSON(FindingJSON.finding(finding, names: names)) }
            print(FindingDetailText(names: names, time: time, language: display.lang).render(finding))
        }
    }
}
