@testable import CivitasCLISupport
import CivitasProtos
import Foundation
import Testing

@Suite("Report HTML page")
struct ReportHTMLTests {
    func page(language: ReportLanguage = .zh, names: ReportNames = ReportFixtures.names(), stale: Bool = false) -> ReportPage {
        ReportPage(
            result: ReportFixtures.result(stale: stale), frameworkTitle: "测试城市测评体系", passScore: 90,
            ranking: ReportFixtures.ranking(), staleResults: ReportFixtures.staleResults, gap: ReportFixtures.gapAnalysis(),
            names: names, language: language, top: 10
        )
    }

    @Test("One self-contained document: UTF-8, lang, inline CSS with print rules, three SVG charts, nothing fetched")
    func document() {
        let html = ReportHTML.render(page())
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"zh-CN\">"))
        #expect(occurrences(of: "<html", in: html) == 1 && occurrences(of: "</html>", in: html) == 1)
        #expect(occurrences(of: "<body>", in: html) == 1)
        #expect(html.contains("<meta charset=\"utf-8\">"))
        #expect(occurrences(of: "<svg", in: html) == 3)
        #expect(html.contains("@page { size: A4") && html.contains("@media print"))
        for forbidden in ["http://", "https://", "<script", "<link", " src=", "url(", "@import"] {
            #expect(!html.contains(forbidden), "found \(forbidden)")
        }
        #expect(ReportHTML.render(page(language: .en)).hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">"))
    }

    @Test("States what reproduces it: framework version, period, scope, cut-off, input digest")
    func reproducible() {
        let html = ReportHTML.render(page())
        for fact in [
            "<dt>测评体系</dt><dd>test-city v3</dd>", "<dt>期间</dt><dd>2026-10</dd>", "<dt>范围</dt><dd>全市</dd>",
            "<dt>截止序号</dt><dd>1234</dd>", "<dt>输入摘要</dt><dd>\(ReportFixtures.digest)</dd>",
        ] {
            #expect(html.contains(fact), "missing \(fact)")
        }
        #expect(ReportHTML.render(page()) == html, "the page has no time of its own making")
    }

    @Test("Every name is escaped")
    func escaping() {
        var names = ReportFixtures.names()
        names.nodes["A1.1"] = .init(name: "\"安全\" <校园> & 周边")
        names.subcommands["east"] = "<b>东城</b>"
        let html = ReportHTML.render(page(names: names))
        #expect(html.contains("&quot;安全&quot; &lt;校园&gt; &amp; 周边"))
        #expect(!html.contains("<校园>") && !html.contains("\"安全\""))
        #expect(html.contains("&lt;b&gt;东城&lt;/b&gt;") && !html.contains("<b>"))
        #expect(html.contains("north&lt;&amp;&gt;") && !html.contains("north<&>"))
    }

    @Test("Stale results are marked on the page and in the ranking")
    func stale() {
        let html = ReportHTML.render(page(stale: true))
        #expect(html.contains("<p class=\"stale\">已过期：本期有新数据到达，此结果等待重新测评</p>"))
        #expect(html.contains("<td>已过期</td>"), "west's stale ranking row")
        #expect(!ReportHTML.render(page()).contains("<p class=\"stale\">"))
    }

    @Test("Bars are proportional: a ratio of 0.5 draws half the bar area")
    func proportional() {
        #expect(SVGBarChart.length(0.5, scale: 1) == SVGBarChart.barAreaWidth / 2)
        #expect(SVGBarChart.length(3, scale: 2) == SVGBarChart.barAreaWidth, "clamped to the area")
        #expect(SVGBarChart.length(-1, scale: 2) == 0 && SVGBarChart.length(1, scale: 0) == 0)
        // Ranking, full width 360 = a ratio of 1: 0.9 → 324, 0.5 → 180, 1/3 → 120.
        let ranking = ReportHTML.rankingSection(page())
        for width in ["324.00", "180.00", "120.00", "360.00"] { #expect(ranking.contains("width=\"\(width)\""), "ranking bar \(width)") }
        // Categories on one scale, the largest category (70 points) full width:
        // A track 30/70 × 360 = 154.29, A earned 20/70 × 360 = 102.86, B earned (20/3)/70 × 360 = 34.29.
        let score = ReportHTML.scoreSection(page())
        for width in ["154.29", "102.86", "360.00", "34.29"] { #expect(score.contains("width=\"\(width)\""), "category bar \(width)") }
        // Points lost, the largest (40) full width: 40/3 → 120, 10 → 90.
        let gap = ReportHTML.gapSection(page())
        for width in ["360.00", "120.00", "90.00"] { #expect(gap.contains("width=\"\(width)\""), "gap bar \(width)") }
    }

    @Test("Without a ranking the page says so and still renders")
    func noRanking() {
        var page = page(language: .en)
        page.ranking = nil
        let html = ReportHTML.render(page)
        #expect(html.contains("<p>No sub-command results for this period yet</p>"))
        #expect(occurrences(of: "<svg", in: html) == 2)
    }
}
