import CivitasProtos
import Foundation
import SwiftProtobuf

/// A period's findings as the reports show them: counts by rule and severity, and the
/// outstanding ones (overdue first) with who must act by when. Used by
/// `civitas report findings` and by the findings section of the HTML report.
public struct FindingsOverview: Sendable {
    public var period: String
    /// The block the findings were limited to; empty for the whole city.
    public var subcommand: String
    /// Every finding of the period (all states), as the server listed them.
    public var findings: [Civitas_V1_Finding]
    public var names: ReportNames
    /// The zone due dates are shown in.
    public var time: FindingTime
    /// Outstanding findings listed at most (0: all). A month can hold thousands of
    /// lateness findings: a printed page lists the most pressing and says how to list all.
    public var outstandingLimit: Int

    public init(
        period: String, subcommand: String = "", findings: [Civitas_V1_Finding], names: ReportNames = ReportNames(), time: FindingTime,
        outstandingLimit: Int = 100
    ) {
        self.period = period
        self.subcommand = subcommand
        self.findings = findings
        self.names = names
        self.time = time
        self.outstandingLimit = outstandingLimit
    }

    public var counts: FindingCounts { FindingCounts(findings) }

    /// The findings not yet rectified, verified or dismissed, most pressing first:
    /// overdue, then by severity (high first), then by due date (none last), then by id.
    public var outstanding: [Civitas_V1_Finding] {
        let rank = ["high": 0, "medium": 1, "low": 2]
        return findings.filter { !FindingVocabulary.isFinished($0.state) }.sorted { a, b in
            let (dueA, dueB) = (a.hasDueAt ? a.dueAt.date : .distantFuture, b.hasDueAt ? b.dueAt.date : .distantFuture)
            let (severityA, severityB) = (rank[a.severity] ?? 3, rank[b.severity] ?? 3)
            if a.overdue != b.overdue { return a.overdue }
            return (severityA, dueA, a.id) < (severityB, dueB, b.id)
        }
    }

    /// ``outstanding`` cut to ``outstandingLimit``, and how many were left out.
    public var listedOutstanding: (findings: [Civitas_V1_Finding], omitted: Int) {
        let all = outstanding
        guard outstandingLimit > 0, all.count > outstandingLimit else { return (all, 0) }
        return (Array(all.prefix(outstandingLimit)), all.count - outstandingLimit)
    }

    /// `仅列出最紧要的 100 条，另有 5712 条未列出：…` — what a cut list owes the reader.
    public func omittedNote(_ omitted: Int, _ language: ReportLanguage) -> String {
        let command = "civitas crosscheck findings --period \(period)" + (subcommand.isEmpty ? "" : " --subcommand \(subcommand)")
        return language.pick(
            "仅列出最紧要的 \(outstandingLimit) 条，另有 \(omitted) 条未列出；`\(command)` 列出全部。",
            "Only the \(outstandingLimit) most pressing are listed; \(omitted) more are not. `\(command)` lists them all.")
    }

    /// `全市` or the sub-command's name.
    public func scope(_ language: ReportLanguage) -> String {
        subcommand.isEmpty ? language.pick("全市", "city") : language.pick("分指挥部 ", "sub-command ") + names.subcommand(subcommand)
    }
}

/// `civitas report findings`: the title, the counts by rule and severity, then the
/// outstanding findings with their level, responsible unit and due date.
public enum FindingsReportText {
    public static func render(_ overview: FindingsOverview, language: ReportLanguage) -> String {
        let label = { (label: FindingLabel) in label.text(language) }
        var lines = [
            "\(label(.findingsTitle)) — \(overview.period) · \(overview.scope(language))",
            "", label(.summaryTitle), overview.counts.render(language: language),
        ]
        let (outstanding, omitted) = overview.listedOutstanding
        lines += ["", label(.outstandingTitle)]
        if outstanding.isEmpty {
            lines.append(ReportLabel.none.text(language))
        } else {
            let list = FindingListText(names: overview.names, time: overview.time, language: language)
            lines.append(list.render(outstanding))
            if omitted > 0 { lines.append(overview.omittedNote(omitted, language)) }
        }
        return lines.joined(separator: "\n")
    }
}
