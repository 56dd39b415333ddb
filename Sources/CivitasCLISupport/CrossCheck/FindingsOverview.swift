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

    public init(period: String, subcommand: String = "", findings: [Civitas_V1_Finding], names: ReportNames = ReportNames(), time: FindingTime) {
        self.period = period
        self.subcommand = subcommand
        self.findings = findings
        self.names = names
        self.time = time
    }

    public var counts: FindingCounts { FindingCounts(findings) }

    /// The findings not yet rectified, verified or dismissed: overdue first, then by due
    /// date (those without one last), then by id.
    public var outstanding: [Civitas_V1_Finding] {
        findings.filter { !FindingVocabulary.isFinished($0.state) }.sorted { a, b in
            let (dueA, dueB) = (a.hasDueAt ? a.dueAt.date : .distantFuture, b.hasDueAt ? b.dueAt.date : .distantFuture)
            return (a.overdue ? 0 : 1, dueA, a.id) < (b.overdue ? 0 : 1, dueB, b.id)
        }
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
        let outstanding = overview.outstanding
        lines += ["", label(.outstandingTitle)]
        if outstanding.isEmpty {
            lines.append(ReportLabel.none.text(language))
        } else {
            let list = FindingListText(names: overview.names, time: overview.time, language: language)
            lines.append(list.render(outstanding))
        }
        return lines.joined(separator: "\n")
    }
}
