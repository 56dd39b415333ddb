@testable import CivitasCLISupport
import CivitasProtos
import Foundation
import Testing

@Suite("Ranking and gap tables")
struct RankingAndGapTextTests {
    let names = ReportFixtures.names()

    @Test("Ranking: rank, sub-command, earned, max, ratio %, stale rows marked")
    func ranking() {
        let zh = RankingReportText.render(ReportFixtures.ranking(), staleResults: ReportFixtures.staleResults, names: names, language: .zh)
        #expect(zh.hasPrefix("月调度排名 — test-city v3\n期间 2026-10\n!! 已过期"))
        #expect(row("名次", in: zh) == ["名次", "分指挥部", "得分", "满分", "得分率", "状态"])
        // 45 ÷ 50 = 0.9; 30 ÷ 60 = 0.5; 10 ÷ 30 = 1/3.
        #expect(row("1", in: zh) == ["1", "东城分指挥部 (east)", "45.00", "50.00", "90.00%"])
        #expect(row("2", in: zh) == ["2", "西城分指挥部 (west)", "30.00", "60.00", "50.00%", "已过期"])
        #expect(row("3", in: zh) == ["3", "north<&>", "10.00", "30.00", "33.33%"])
        let en = RankingReportText.render(ReportFixtures.ranking(), staleResults: [], names: names, language: .en)
        #expect(row("Rank", in: en) == ["Rank", "Sub-command", "Earned", "Maximum", "Ratio", "Status"])
        #expect(row("2", in: en) == ["2", "西城分指挥部 (west)", "30.00", "60.00", "50.00%"])
        #expect(!en.contains("STALE"))
    }

    @Test("An empty ranking says so")
    func emptyRanking() {
        var ranking = ReportFixtures.ranking()
        ranking.entries = []
        #expect(RankingReportText.render(ranking, staleResults: [], names: names, language: .en).hasSuffix("No sub-command results for this period yet"))
    }

    @Test("Gaps: most points lost first, ties in the order received; distance, gate and change")
    func gaps() {
        let text = GapReportText.render(ReportFixtures.gapAnalysis(), result: ReportFixtures.result(), top: 10, names: names, language: .zh)
        // −40 + 2.5 + 20/3 = −30.833…
        #expect(text.contains("总分较上次变化: -30.83  (上次结果 r-city-0)"))
        let heading = "失分最多的测评内容"
        let lines = text.components(separatedBy: "\n")
        let start = lines.firstIndex(of: heading)! + 2
        #expect(lines[start..<(start + 4)].map { cells($0).first } == ["B1.1", "B2.2", "A1.1", "B2.1"])
        #expect(row("B1.1", in: text, after: heading) == ["B1.1", "空气质量优良天数比例", "40.00", "0.02", "未通过", "-40.00"])
        // 20 − 20/3 = 13.333…; change +20/3.
        #expect(row("B2.2", in: text, after: heading) == ["B2.2", "设施完好率", "13.33", "0.60", "+6.67"])
        #expect(row("B2.1", in: text, after: heading) == ["B2.1", "设施台账", "10.00", "-", "0.00"])
        #expect(row("A", in: text, after: "未通过的门槛") == ["A", "未成年人思想道德建设", "earned >= 0.85 of points", "0.67", "未通过"])
        #expect(row("B2.2", in: text, after: "分指挥部 东城分指挥部 (east)") == ["B2.2", "设施完好率", "5.50", "0.10", "-"])
    }

    @Test("Gaps: --top limits every list; English headings; no previous result")
    func gapsTopAndEnglish() {
        var analysis = ReportFixtures.gapAnalysis()
        analysis.previousResultID = ""
        let text = GapReportText.render(analysis, result: ReportFixtures.result(), top: 2, names: names, language: .en)
        #expect(text.contains("Total change since the previous result: no previous result"))
        #expect(row("Code", in: text, after: "Indicators losing the most points") == ["Code", "Name", "Points lost", "To target", "Gate", "Change"])
        #expect(row("B2.2", in: text, after: "Indicators losing the most points") != nil)
        #expect(row("A1.1", in: text) == nil, "only the two losing the most")
    }
}
