import CivitasProtos
import Foundation
import SwiftProtobuf

/// `civitas crosscheck show ID`: one finding — what it is, who must act by when, the
/// figures that tripped the rule, the records it is about (by sequence number) and every
/// move of its history: when, who, the action, from → to, the unit and due date after it,
/// note.
public struct FindingDetailText: Sendable {
    public var list: FindingListText

    public init(names: ReportNames = ReportNames(), time: FindingTime, language: ReportLanguage) {
        list = FindingListText(names: names, time: time, language: language)
    }

    public func render(_ finding: Civitas_V1_Finding) -> String {
        let language = list.language
        let label = { (label: FindingLabel) in label.text(language) }
        let facts: [(FindingLabel, String)] = [
            (.rule, "\(FindingVocabulary.rule(finding.rule, language)) (\(finding.rule))"),
            (.severity, FindingVocabulary.severity(finding.severity, language)),
            (.state, FindingVocabulary.state(finding.state, language)),
            (.level, FindingVocabulary.level(finding.level, language)),
            (.unit, list.dash(finding.unit)),
            (.subcommand, list.subcommand(finding.subcommand)),
            (.period, list.dash(finding.period.name)),
            (.subject, list.dash(finding.subject)),
            (.due, list.due(finding)),
            (.foundAt, list.time.show(finding.foundAt, isSet: finding.hasFoundAt)),
            (.run, list.dash(finding.runID)),
            (.message, list.oneLine(finding.message)),
        ]
        let width = facts.map { Table.width(of: label($0.0)) }.max() ?? 0
        var lines = ["\(label(.findingsTitle)) \(finding.id)"]
        for (key, value) in facts {
            lines.append(label(key) + String(repeating: " ", count: width - Table.width(of: label(key))) + "  " + value)
        }
        lines += ["", label(.figuresTitle)]
        if finding.figures.isEmpty {
            lines.append(ReportLabel.none.text(language))
        } else {
            var table = Table([label(.figure), label(.value)])
            for name in finding.figures.keys.sorted() { table.rows.append([name, Self.figure(finding.figures[name]!)]) }
            lines.append(table.reportText)
        }
        lines += ["", label(.recordsTitle)]
        lines.append(finding.sequences.isEmpty ? ReportLabel.none.text(language) : finding.sequences.sorted().map(String.init).joined(separator: ", "))
        lines += ["", label(.historyTitle), history(finding.history)]
        return lines.joined(separator: "\n")
    }

    /// Oldest move first, as recorded: when, who (and in which role), the action, what
    /// changed — the state, or for an escalation the supervision level (`unit →
    /// sub-command`) — and the responsible unit and due date after the move.
    func history(_ moves: [Civitas_V1_FindingMove]) -> String {
        let language = list.language
        guard !moves.isEmpty else { return ReportLabel.none.text(language) }
        var table = Table([FindingLabel.when, .by, .action, .move, .unit, .due, .note].map { $0.text(language) })
        for (index, move) in moves.enumerated() {
            table.rows.append([
                list.time.show(move.at, isSet: move.hasAt), FindingVocabulary.mover(move, language),
                FindingVocabulary.action(move.action, language), change(move, after: index > 0 ? moves[index - 1] : nil),
                list.dash(move.unit), list.time.show(move.dueAt, isSet: move.hasDueAt), list.oneLine(move.note),
            ])
        }
        return table.reportText
    }

    /// `open → assigned`; a move that kept the state but changed the level (an
    /// escalation) shows the level instead: `unit → sub-command`.
    private func change(_ move: Civitas_V1_FindingMove, after previous: Civitas_V1_FindingMove?) -> String {
        let language = list.language
        if let previous, move.fromState == move.toState, previous.level != move.level {
            return "\(FindingVocabulary.level(previous.level, language)) → \(FindingVocabulary.level(move.level, language))"
        }
        let from = move.fromState.isEmpty ? "—" : FindingVocabulary.state(move.fromState, language)
        return "\(from) → \(FindingVocabulary.state(move.toState, language))"
    }

    /// A figure for reading: integers whole, others to four decimals without trailing
    /// zeros, tiny ones in scientific notation (never a misleading `0`). `--json` carries
    /// the exact values.
    public static func figure(_ value: Double) -> String {
        guard value.isFinite else { return ReportNumber.fixed(value) }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        guard abs(value) >= 0.001 else { return String(format: "%.4g", value) }
        var text = String(format: "%.4f", value)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text == "-0" ? "0" : text
    }
}
