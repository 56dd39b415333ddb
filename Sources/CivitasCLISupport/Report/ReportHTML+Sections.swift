import CivitasProtos

/// The sections of the HTML report: score, gates, leaves, ranking, gap analysis.
extension ReportHTML {
    static func scoreSection(_ page: ReportPage) -> String {
        let (result, names, language) = (page.result, page.names, page.language)
        let summary = [
            "\(ReportLabel.total.text(language)) \(ReportHeader.total(result))",
            "\(ReportLabel.passScore.text(language)) \(page.passScore.map(ReportNumber.fixed) ?? "-")",
            "\(ReportLabel.eligibility.text(language)) \(ReportHeader.eligibility(result, language))",
        ].joined(separator: " · ")
        let categories = result.nodes.filter { ReportPath.isCategory($0.path) }
        let failedGates = Set(result.gates.filter { !$0.passed }.map(\.node))
        // One scale for every category, so that a bigger category draws a longer track.
        let chart = SVGBarChart(
            title: ReportLabel.categoryChart.text(language),
            bars: categories.map { node in
                SVGBarChart.Bar(
                    label: names.node(node.code), value: node.earned, track: node.points,
                    caption: "\(ReportNumber.fixed(node.earned)) / \(ReportNumber.fixed(node.points))",
                    highlighted: failedGates.contains(node.code)
                )
            },
            scale: categories.map(\.points).max() ?? 0
        )
        let rows = result.nodes.map { node in
            [
                node.code, names.node(node.code), ReportNumber.fixed(node.earned), ReportNumber.fixed(node.points),
                ReportNumber.ratio(node.earned, of: node.points),
            ]
        }
        let headers: [ReportLabel] = [.code, .name, .earned, .points, .ratio]
        let content = paragraph(summary, className: "summary") + "<h3>\(HTMLText.escape(ReportLabel.categoryChart.text(language)))</h3>\n"
            + chart.render() + "\n"
            + table(headers.map { $0.text(language) }, rows, numeric: [2, 3, 4]) { ReportPath.isItem(result.nodes[$0].path) ? "item" : nil }
        return section("score", .scoreTitle, language, content)
    }

    static func gatesSection(_ page: ReportPage) -> String {
        let content = page.result.gates.isEmpty
            ? paragraph(ReportLabel.none.text(page.language)) : gatesTable(page.result.gates, page.names, page.language)
        return section("gates", .gatesTitle, page.language, content)
    }

    static func gatesTable(_ gates: [Civitas_V1_GateResult], _ names: ReportNames, _ language: ReportLanguage) -> String {
        let headers: [ReportLabel] = [.code, .name, .condition, .value, .outcome]
        let rows = gates.map { gate in
            [
                gate.node, names.node(gate.node), gate.condition, ReportHeader.gateValue(gate),
                (gate.passed ? ReportLabel.passed : ReportLabel.failed).text(language),
            ]
        }
        return table(headers.map { $0.text(language) }, rows, numeric: [3]) { gates[$0].passed ? nil : "fail" }
    }

    static func leavesSection(_ page: ReportPage) -> String {
        let language = page.language
        let headers = [ReportLabel.code, .name].map { $0.text(language) } + ["v", "f"]
            + [ReportLabel.earned, .points, .samples, .flags].map { $0.text(language) }
        let rows = page.result.leaves.map { leaf in
            [
                leaf.code, page.names.node(leaf.code), leaf.hasValue_p ? ReportNumber.fixed(leaf.value) : "-",
                ReportNumber.fixed(leaf.fraction), ReportNumber.fixed(leaf.earned), ReportNumber.fixed(leaf.points), "\(leaf.samples)",
                leaf.flags.map { ReportLabel.flag($0, language) }.joined(separator: ", "),
            ]
        }
        return section("leaves", .leavesTitle, language, table(headers, rows, numeric: [2, 3, 4, 5, 6]))
    }

    static func rankingSection(_ page: ReportPage) -> String {
        let language = page.language
        guard let ranking = page.ranking, !ranking.entries.isEmpty else {
            return section("ranking", .rankingTitle, language, paragraph(ReportLabel.noRanking.text(language)))
        }
        // Full length is a ratio of 1: every sub-command is drawn against its own maximum.
        let chart = SVGBarChart(
            title: ReportLabel.rankingChart.text(language),
            bars: ranking.entries.map { entry in
                let stale = page.staleResults.contains(entry.resultID)
                return SVGBarChart.Bar(
                    label: "\(entry.rank). \(page.names.subcommand(entry.subcommand))", value: entry.ratio, track: 1,
                    caption: ReportNumber.percent(entry.ratio) + (stale ? " (\(ReportLabel.staleShort.text(language)))" : ""),
                    highlighted: stale
                )
            },
            scale: 1, highlightColour: "#c66a00"
        )
        let headers: [ReportLabel] = [.rank, .subcommand, .earned, .maxPoints, .ratio, .status]
        let rows = ranking.entries.map { entry in
            [
                "\(entry.rank)", page.names.subcommand(entry.subcommand), ReportNumber.fixed(entry.earned),
                ReportNumber.fixed(entry.maxPoints), ReportNumber.percent(entry.ratio),
                page.staleResults.contains(entry.resultID) ? ReportLabel.staleShort.text(language) : "",
            ]
        }
        let content = paragraph("\(ReportLabel.period.text(language)) \(ranking.period.name) · \(ranking.framework) v\(ranking.frameworkVersion)")
            + chart.render() + "\n" + table(headers.map { $0.text(language) }, rows, numeric: [0, 2, 3, 4])
        return section("ranking", .rankingTitle, language, content)
    }
}
