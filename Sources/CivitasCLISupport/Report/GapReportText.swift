import CivitasProtos

/// `civitas report gap`: where the points are lost (差距) — the leaves losing the most,
/// their distance to target, failed gates, the change since the previous result, and the
/// weakest leaves of each sub-command.
public enum GapReportText {
    /// - Parameters:
    ///   - result: the result the analysis is about (for its header and stale mark).
    ///   - top: show at most this many leaves per list (0: all).
    public static func render(
        _ analysis: Civitas_V1_GapAnalysis, result: Civitas_V1_EvaluationResult, top: Int, names: ReportNames,
        language: ReportLanguage
    ) -> String {
        let label = { (label: ReportLabel) in label.text(language) }
        var lines = ReportHeader.lines(title: .gapTitle, result: result, names: names, language: language)
        lines.append("\(label(.total)) \(ReportHeader.total(result))")
        if analysis.previousResultID.isEmpty {
            lines.append("\(label(.totalChange)): \(label(.noPrevious))")
        } else {
            lines.append(
                "\(label(.totalChange)): \(ReportNumber.signed(analysis.totalChange))  (\(label(.previousResult)) \(analysis.previousResultID))"
            )
        }
        lines += ["", label(.topGapsTitle)]
        let gaps = limited(GapOrder.byPointsLost(analysis.gaps), top)
        lines.append(gaps.isEmpty ? label(.noGaps) : table(gaps, names: names, language: language))
        lines += ["", label(.failedGatesTitle)]
        lines.append(
            analysis.failedGates.isEmpty
                ? label(.noFailedGates) : ScoreReportText.gates(analysis.failedGates, names: names, language: language)
        )
        if !analysis.weakestBySubcommand.isEmpty {
            lines += ["", label(.weakestTitle)]
            for block in analysis.weakestBySubcommand {
                lines.append("\(label(.subcommand)) \(names.subcommand(block.subcommand))")
                let weakest = limited(GapOrder.byPointsLost(block.gaps), top)
                lines.append(weakest.isEmpty ? label(.noGaps) : table(weakest, names: names, language: language))
            }
        }
        return lines.joined(separator: "\n")
    }

    static func table(_ gaps: [Civitas_V1_Gap], names: ReportNames, language: ReportLanguage) -> String {
        var table = Table(
            ReportLabel.code.text(language), ReportLabel.name.text(language), ReportLabel.pointsLost.text(language),
            ReportLabel.distanceToTarget.text(language), ReportLabel.gate.text(language), ReportLabel.change.text(language)
        )
        for gap in gaps {
            table.add(
                gap.code, names.node(gap.code), ReportNumber.fixed(gap.pointsLost),
                gap.hasDistance_p ? ReportNumber.fixed(gap.distanceToTarget) : "-",
                gap.gateFailed ? ReportLabel.failed.text(language) : "",
                gap.hasChange_p ? ReportNumber.signed(gap.changeSincePrevious) : "-"
            )
        }
        return table.reportText
    }

    static func limited(_ gaps: [Civitas_V1_Gap], _ top: Int) -> [Civitas_V1_Gap] {
        top > 0 ? Array(gaps.prefix(top)) : gaps
    }
}

/// The order every gap list is shown in: most points lost first; ties keep the order the
/// server sent (the engine's path order, DOMAIN §5), so two runs print alike.
enum GapOrder {
    static func byPointsLost(_ gaps: [Civitas_V1_Gap]) -> [Civitas_V1_Gap] {
        gaps.enumerated().sorted { a, b in
            a.element.pointsLost != b.element.pointsLost ? a.element.pointsLost > b.element.pointsLost : a.offset < b.offset
        }.map(\.element)
    }
}
