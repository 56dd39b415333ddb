import CivitasProtos
import Foundation
import SwiftProtobuf

/// `civitas crosscheck findings`: findings as terminal tables, headings in zh or en. Ids
/// are printed whole, because `show`, `assign` and the others take them as typed.
public struct FindingListText: Sendable {
    public var names: ReportNames
    public var time: FindingTime
    public var language: ReportLanguage

    public init(names: ReportNames = ReportNames(), time: FindingTime, language: ReportLanguage) {
        self.names = names
        self.time = time
        self.language = language
    }

    /// One row per finding, in the order given (the server's).
    public func render(_ findings: [Civitas_V1_Finding]) -> String {
        guard !findings.isEmpty else { return FindingLabel.noFindings.text(language) }
        let columns: [FindingLabel] = [.id, .rule, .severity, .state, .level, .unit, .subcommand, .due, .message]
        var table = Table(columns.map { $0.text(language) })
        for finding in findings {
            table.rows.append([
                finding.id, FindingVocabulary.rule(finding.rule, language), FindingVocabulary.severity(finding.severity, language),
                FindingVocabulary.state(finding.state, language), FindingVocabulary.level(finding.level, language),
                dash(finding.unit), subcommand(finding.subcommand), due(finding), oneLine(finding.message),
            ])
        }
        return table.reportText
    }

    /// "What is late at each level" (分级督查): the overdue findings grouped by the level
    /// supervising them — unit, sub-command, HQ, each shown even when empty — each group
    /// longest overdue first, then by id.
    public func renderOverdue(_ findings: [Civitas_V1_Finding], now: Date) -> String {
        let groups = Self.overdueByLevel(findings)
        var lines = [FindingLabel.overdueTitle.text(language)]
        for (level, group) in groups {
            let heading = "\(FindingLabel.levelGroup.text(language)) \(FindingVocabulary.level(level, language))"
            guard !group.isEmpty else {
                lines += ["", "\(heading) — \(FindingLabel.noOverdue.text(language))"]
                continue
            }
            lines += ["", "\(heading) — \(language.pick("\(group.count) 条", "\(group.count) finding(s)"))"]
            let columns: [FindingLabel] = [.id, .rule, .severity, .state, .unit, .subcommand, .due, .overdueBy, .message]
            var table = Table(columns.map { $0.text(language) })
            for finding in group {
                table.rows.append([
                    finding.id, FindingVocabulary.rule(finding.rule, language), FindingVocabulary.severity(finding.severity, language),
                    FindingVocabulary.state(finding.state, language), dash(finding.unit), subcommand(finding.subcommand),
                    time.show(finding.dueAt, isSet: finding.hasDueAt),
                    finding.hasDueAt ? FindingTime.lateness(due: finding.dueAt.date, now: now, language: language) : "-",
                    oneLine(finding.message),
                ])
            }
            lines.append(table.reportText)
        }
        return lines.joined(separator: "\n")
    }

    /// The findings the server flags overdue, by level: 0, 1 and 2 always (possibly
    /// empty), then any other level it sends, ascending. Each list is ordered by due date,
    /// then id.
    public static func overdueByLevel(_ findings: [Civitas_V1_Finding]) -> [(level: UInt32, findings: [Civitas_V1_Finding])] {
        let grouped = Dictionary(grouping: findings.filter(\.overdue), by: \.level)
        let levels = Set([0, 1, 2] as [UInt32]).union(grouped.keys).sorted()
        return levels.map { level in
            let list = (grouped[level] ?? []).sorted { a, b in
                let (dueA, dueB) = (a.hasDueAt ? a.dueAt.date : .distantFuture, b.hasDueAt ? b.dueAt.date : .distantFuture)
                return (dueA, a.id) < (dueB, b.id)
            }
            return (level, list)
        }
    }

    func due(_ finding: Civitas_V1_Finding) -> String {
        let shown = time.show(finding.dueAt, isSet: finding.hasDueAt)
        return finding.overdue ? "\(shown) \(FindingLabel.overdue.text(language))" : shown
    }

    func subcommand(_ id: String) -> String { id.isEmpty ? "-" : names.subcommand(id) }

    func dash(_ text: String) -> String { text.isEmpty ? "-" : text }

    /// A message on one line: a table row must not break.
    func oneLine(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline).joined(separator: " ")
    }
}

extension Table {
    /// A table whose headers are computed (the variadic initializer takes literals).
    init(_ headers: [String]) {
        self.headers = headers
    }
}
