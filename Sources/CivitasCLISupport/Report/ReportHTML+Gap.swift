import CivitasProtos

/// The gap-analysis section of the HTML report (差距, DOMAIN §5).
extension ReportHTML {
    static func gapSection(_ page: ReportPage) -> String {
        let language = page.language
        guard let analysis = page.gap else {
            return section("gap", .gapTitle, language, paragraph(ReportLabel.none.text(language)))
        }
        let change = analysis.previousResultID.isEmpty
            ? ReportLabel.noPrevious.text(language)
            : "\(ReportNumber.signed(analysis.totalChange)) (\(ReportLabel.previousResult.text(language)) \(analysis.previousResultID))"
        var content = paragraph("\(ReportLabel.totalChange.text(language)): \(change)")
        let gaps = GapReportText.limited(GapOrder.byPointsLost(analysis.gaps), page.top)
        content += "<h3>\(HTMLText.escape(ReportLabel.topGapsTitle.text(language)))</h3>\n"
        if gaps.isEmpty {
            content += paragraph(ReportLabel.noGaps.text(language))
        } else {
            // The leaf losing the most draws full length; a failed gate is drawn in red.
            let chart = SVGBarChart(
                title: ReportLabel.gapChart.text(language),
                bars: gaps.map { gap in
                    SVGBarChart.Bar(
                        label: page.names.node(gap.code), value: gap.pointsLost, track: nil,
                        caption: ReportNumber.fixed(gap.pointsLost), highlighted: gap.gateFailed
                    )
                },
                scale: gaps.map(\.pointsLost).max() ?? 0, colour: "#7f8c8d"
            )
            content += chart.render() + "\n" + gapTable(gaps, page.names, language)
        }
        content += "<h3>\(HTMLText.escape(ReportLabel.failedGatesTitle.text(language)))</h3>\n"
        content += analysis.failedGates.isEmpty
            ? paragraph(ReportLabel.noFailedGates.text(language)) : gatesTable(analysis.failedGates, page.names, language)
        if !analysis.weakestBySubcommand.isEmpty {
            content += "<h3>\(HTMLText.escape(ReportLabel.weakestTitle.text(language)))</h3>\n"
            for block in analysis.weakestBySubcommand {
                let weakest = GapReportText.limited(GapOrder.byPointsLost(block.gaps), page.top)
                content += paragraph("\(ReportLabel.subcommand.text(language)) \(page.names.subcommand(block.subcommand))", className: "block")
                content += weakest.isEmpty ? paragraph(ReportLabel.noGaps.text(language)) : gapTable(weakest, page.names, language)
            }
        }
        return section("gap", .gapTitle, language, content)
    }

    static func gapTable(_ gaps: [Civitas_V1_Gap], _ names: ReportNames, _ language: ReportLanguage) -> String {
        let headers: [ReportLabel] = [.code, .name, .pointsLost, .distanceToTarget, .gate, .change]
        let rows = gaps.map { gap in
            [
                gap.code, names.node(gap.code), ReportNumber.fixed(gap.pointsLost),
                gap.hasDistance_p ? ReportNumber.fixed(gap.distanceToTarget) : "-",
                gap.gateFailed ? ReportLabel.failed.text(language) : "",
                gap.hasChange_p ? ReportNumber.signed(gap.changeSincePrevious) : "-",
            ]
        }
        return table(headers.map { $0.text(language) }, rows, numeric: [2, 3, 5]) { gaps[$0].gateFailed ? "fail" : nil }
    }
}
