import CivitasProtos

/// `civitas report ranking`: the monthly dispatch ranking (月调度排名) — sub-commands by
/// earned ÷ max points, as the server ranked them.
public enum RankingReportText {
    /// - Parameter staleResults: ids of results that late data has made stale; their
    ///   rows are marked.
    public static func render(
        _ ranking: Civitas_V1_Ranking, staleResults: Set<String>, names: ReportNames, language: ReportLanguage
    ) -> String {
        var lines = [
            "\(ReportLabel.rankingTitle.text(language)) — \(ranking.framework) v\(ranking.frameworkVersion)",
            "\(ReportLabel.period.text(language)) \(ranking.period.name)",
        ]
        if ranking.entries.contains(where: { staleResults.contains($0.resultID) }) {
            lines.append("!! \(ReportLabel.staleBanner.text(language))")
        }
        guard !ranking.entries.isEmpty else { return (lines + [ReportLabel.noRanking.text(language)]).joined(separator: "\n") }
        lines.append(table(ranking.entries, staleResults: staleResults, names: names, language: language))
        return lines.joined(separator: "\n")
    }

    static func table(
        _ entries: [Civitas_V1_RankingEntry], staleResults: Set<String>, names: ReportNames, language: ReportLanguage
    ) -> String {
        var table = Table(
            ReportLabel.rank.text(language), ReportLabel.subcommand.text(language), ReportLabel.earned.text(language),
            ReportLabel.maxPoints.text(language), ReportLabel.ratio.text(language), ReportLabel.status.text(language)
        )
        for entry in entries {
            table.add(
                "\(entry.rank)", names.subcommand(entry.subcommand), ReportNumber.fixed(entry.earned),
                ReportNumber.fixed(entry.maxPoints), ReportNumber.percent(entry.ratio),
                staleResults.contains(entry.resultID) ? ReportLabel.staleShort.text(language) : ""
            )
        }
        return table.reportText
    }
}
