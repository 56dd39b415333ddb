@testable import CivitasCLISupport
import CivitasProtos
import Foundation
import Testing

@Suite("Report HTML: the findings section")
struct FindingsHTMLTests {
    func page(_ overview: FindingsOverview? = FindingFixtures.overview(), language: ReportLanguage = .zh) -> ReportPage {
        ReportPage(
            result: ReportFixtures.result(), frameworkTitle: "测试城市测评体系", passScore: 90, ranking: ReportFixtures.ranking(),
            staleResults: ReportFixtures.staleResults, gap: ReportFixtures.gapAnalysis(), names: ReportFixtures.names(),
            language: language, findings: overview
        )
    }

    @Test("Still one self-contained page: a fourth inline SVG, nothing fetched, the same bytes every time")
    func selfContained() {
        let html = ReportHTML.render(page())
        #expect(occurrences(of: "<section id=\"findings\">\n<h2>交叉检查发现的问题</h2>", in: html) == 1)
        #expect(occurrences(of: "<svg", in: html) == 4)
        for forbidden in ["http://", "https://", "<script", "<link", " src=", "url(", "@import"] {
            #expect(!html.contains(forbidden), "found \(forbidden)")
        }
        #expect(ReportHTML.render(page()) == html)
        #expect(html.range(of: "id=\"gap\"")!.lowerBound < html.range(of: "id=\"findings\"")!.lowerBound, "after the gap analysis")
    }

    @Test("Without findings the page is as before; with none found it says so")
    func absentOrEmpty() {
        let without = ReportHTML.render(page(nil))
        #expect(!without.contains("id=\"findings\"") && occurrences(of: "<svg", in: without) == 3)
        let empty = ReportHTML.findingsSection(page(FindingsOverview(period: "2026-10", findings: [], time: FindingFixtures.shanghai), language: .en))
        #expect(empty.contains("<p>No findings</p>") && !empty.contains("<svg"))
        #expect(empty.contains("<h3>Outstanding and overdue findings</h3>\n<p>none</p>"))
    }

    @Test("Counts table with a total row; outstanding table most pressing first, overdue in red, with level, unit and due date")
    func tables() {
        let section = ReportHTML.findingsSection(page())
        #expect(section.contains("<p class=\"summary\">期间 2026-10 · 全市 · 共 7 条：未办结 4，逾期 3</p>"))
        #expect(section.contains(
            "<tr><td>同类单位异常值</td><td class=\"num\">2</td><td class=\"num\">1</td><td class=\"num\">0</td><td class=\"num\">3</td></tr>"))
        #expect(section.contains(
            "<tr class=\"total\"><td>合计</td><td class=\"num\">3</td><td class=\"num\">2</td><td class=\"num\">2</td><td class=\"num\">7</td></tr>"))
        // f6 at HQ, due 2026-11-05T15:59:59Z = 23:59:59 in Shanghai.
        #expect(section.contains(
            "<tr class=\"fail\"><td>\(FindingFixtures.id(6))</td><td>来源不一致</td><td>中</td><td>已交办</td><td>总指挥部</td>"
                + "<td>u-11</td><td>-</td><td>2026-11-05 23:59:59</td><td>逾期</td></tr>"))
        #expect(section.contains("<tr><td>\(FindingFixtures.id(2))</td><td>逾期报送</td><td>低</td><td>待交办</td><td>责任单位</td>"))
        let order = [1, 3, 6, 2].map { section.range(of: "<td>\(FindingFixtures.id($0))</td>")!.lowerBound }
        #expect(order == order.sorted(), "overdue (high before medium), then the rest")
        #expect(!section.contains(FindingFixtures.id(5)) && !section.contains(FindingFixtures.id(7)))
    }

    @Test("Every name and server string is escaped")
    func escaping() {
        var findings = FindingFixtures.all()
        findings[1].rule = "<script>alert(1)</script>"
        findings[1].unit = "u<1>&\"x\""
        let names = ReportNames(subcommands: ["east": "<b>东城</b>"])
        let section = ReportHTML.findingsSection(page(FindingsOverview(period: "2026-10", findings: findings, names: names, time: FindingFixtures.shanghai)))
        #expect(!section.contains("<script") && section.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(section.contains("<td>u&lt;1&gt;&amp;&quot;x&quot;</td>"))
        #expect(section.contains("&lt;b&gt;东城&lt;/b&gt; (east)") && !section.contains("<b>"))
    }

    @Test("Stacked bars are proportional: the rule with most findings (3) is full width, one finding is a third")
    func proportional() {
        let svg = ReportHTML.countsChart(FindingCounts(FindingFixtures.all()), .zh).render()
        let bars = svg.components(separatedBy: "<g>").dropFirst().map { $0 }
        // Row 0 (peer_outlier: 2 high, 1 medium): y = 4 + (24 − 14) / 2 = 9. Scale 3 over 360:
        // high 2/3 × 360 = 240 from x 210; medium 1/3 × 360 = 120 from 210 + 240 = 450; no low segment.
        #expect(bars[0].contains("<rect x=\"210.00\" y=\"9.00\" width=\"240.00\" height=\"14.00\" fill=\"#c0392b\"/>"))
        #expect(bars[0].contains("<rect x=\"450.00\" y=\"9.00\" width=\"120.00\" height=\"14.00\" fill=\"#e67e22\"/>"))
        #expect(occurrences(of: "<rect", in: bars[0]) == 2)
        // Row 1 (duplicate_evidence: 1 high): y = 4 + 24 + 5 = 33, 1/3 × 360 = 120.
        #expect(bars[1].contains("<rect x=\"210.00\" y=\"33.00\" width=\"120.00\" height=\"14.00\" fill=\"#c0392b\"/>"))
        // Row 2 (lateness: 1 low) in the low colour.
        #expect(bars[2].contains("width=\"120.00\" height=\"14.00\" fill=\"#95a5a6\""))
        #expect(bars.last!.contains(">高</text>") && bars.last!.contains(">中</text>") && bars.last!.contains(">低</text>"), "a legend")
    }

    @Test("A cut outstanding table says so on the page")
    func limit() {
        var overview = FindingFixtures.overview()
        overview.outstandingLimit = 2
        let section = ReportHTML.findingsSection(page(overview, language: .en))
        #expect(occurrences(of: "<tr class=\"fail\">", in: section) == 2)
        #expect(section.contains("<p>Only the 2 most pressing are listed; 2 more are not. `civitas crosscheck findings --period 2026-10` lists them all.</p>"))
    }
}
