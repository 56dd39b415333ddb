import CivitasProtos

/// The cross-check findings section of the HTML report (交叉检查, DOMAIN §6–7): counts by
/// rule and severity as a stacked bar chart and a table, then the outstanding findings
/// with the level supervising them, the responsible unit and the due date — the most
/// pressing first (overdue ones in red), at most ``FindingsOverview/outstandingLimit``.
/// Left out when the page carries no findings.
extension ReportHTML {
    static let severityColours: [(severity: String, colour: String)] = [("high", "#c0392b"), ("medium", "#e67e22"), ("low", "#95a5a6")]

    static func findingsSection(_ page: ReportPage) -> String {
        guard let overview = page.findings else { return "" }
        let language = page.language
        let label = { (label: FindingLabel) in label.text(language) }
        let counts = overview.counts
        var content = paragraph(
            "\(label(.period)) \(overview.period) · \(overview.scope(language)) · \(counts.line(language))", className: "summary")
        content += "<h3>\(HTMLText.escape(label(.summaryTitle)))</h3>\n"
        if counts.total == 0 {
            content += paragraph(label(.noFindings))
        } else {
            content += countsChart(counts, language).render() + "\n"
            let rows = (counts.rows + [counts.totals]).map { row in
                [row.rule.isEmpty ? label(.total) : FindingVocabulary.rule(row.rule, language), "\(row.high)", "\(row.medium)", "\(row.low)", "\(row.total)"]
            }
            let headers: [FindingLabel] = [.rule, .high, .medium, .low, .total]
            content += table(headers.map(label), rows, numeric: [1, 2, 3, 4]) { $0 == counts.rows.count ? "total" : nil }
        }
        content += "<h3>\(HTMLText.escape(label(.outstandingTitle)))</h3>\n"
        let (outstanding, omitted) = overview.listedOutstanding
        if outstanding.isEmpty {
            content += paragraph(ReportLabel.none.text(language))
        } else {
            let list = FindingListText(names: overview.names, time: overview.time, language: language)
            let headers: [FindingLabel] = [.id, .rule, .severity, .state, .level, .unit, .subcommand, .due, .overdue]
            let rows = outstanding.map { finding in
                [
                    finding.id, FindingVocabulary.rule(finding.rule, language), FindingVocabulary.severity(finding.severity, language),
                    FindingVocabulary.state(finding.state, language), FindingVocabulary.level(finding.level, language),
                    list.dash(finding.unit), list.subcommand(finding.subcommand), overview.time.show(finding.dueAt, isSet: finding.hasDueAt),
                    finding.overdue ? label(.overdue) : "",
                ]
            }
            content += table(headers.map(label), rows) { outstanding[$0].overdue ? "fail" : nil }
            if omitted > 0 { content += paragraph(overview.omittedNote(omitted, language)) }
        }
        return "<section id=\"findings\">\n<h2>\(HTMLText.escape(label(.findingsTitle)))</h2>\n\(content)</section>\n"
    }

    /// One bar per rule, split high / medium / low; the rule with the most findings
    /// draws full length.
    static func countsChart(_ counts: FindingCounts, _ language: ReportLanguage) -> SVGStackedBarChart {
        SVGStackedBarChart(
            title: FindingLabel.countsChart.text(language),
            segments: severityColours.map { .init(name: FindingVocabulary.severity($0.severity, language), colour: $0.colour) },
            bars: counts.rows.map { row in
                .init(
                    label: FindingVocabulary.rule(row.rule, language), values: [Double(row.high), Double(row.medium), Double(row.low)],
                    caption: "\(row.total)")
            },
            scale: Double(counts.rows.map(\.total).max() ?? 0)
        )
    }
}
