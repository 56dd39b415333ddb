@testable import CivitasCLISupport
import CivitasProtos
import Testing

@Suite("Score report tables")
struct ScoreReportTextTests {
    let names = ReportFixtures.names()

    @Test("Chinese headings, totals, gates, nodes and leaves; two decimals from unrounded values")
    func chinese() {
        let text = ScoreReportText.render(ReportFixtures.result(), passScore: 90, names: names, language: .zh)
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines[0] == "测评得分 — test-city v3")
        #expect(lines[1] == "期间 2026-10  范围 全市")
        #expect(lines.contains("输入摘要 \(ReportFixtures.digest)"))
        #expect(lines[2].contains("截止序号 1234"))
        // 20 + 20/3 = 26.666… of 100.
        #expect(lines.contains("总分 26.67 / 100.00 (26.67%)  达标线 90.00  资格 未达标"))
        #expect(cells(lines.first { $0.hasPrefix("代码") && $0.contains("条件") }!) == ["代码", "名称", "条件", "值", "结果"])
        // Node gate: 20 ÷ 30 = 0.666… shown 0.67.
        #expect(row("A", in: text, after: "门槛（一票否决）") == ["A", "未成年人思想道德建设", "earned >= 0.85 of points", "0.67", "未通过"])
        #expect(row("B1.1", in: text, after: "门槛（一票否决）") == ["B1.1", "空气质量优良天数比例", "value >= 0.9", "0.88", "未通过"])
        // B: (20/3) ÷ 70 = 9.52% — rounding 6.67 first would give 9.53%.
        #expect(row("B", in: text, after: "测评项目大类与项目") == ["B", "生态环境", "6.67", "70.00", "9.52%"])
        // B2: (20/3) ÷ 30 = 22.22% — rounding first would give 22.23%.
        #expect(row("B2", in: text, after: "测评项目大类与项目") == ["B2", "公共设施", "6.67", "30.00", "22.22%"])
        #expect(text.contains("\n  B2  公共设施"), "item codes are indented under their category")
        #expect(row("A1.1", in: text, after: "测评内容") == ["A1.1", "家长满意率", "0.75", "0.50", "10.00", "20.00", "120"])
        // f = 1/3 → 0.33; earned 20/3 → 6.67.
        #expect(row("B2.2", in: text, after: "测评内容") == ["B2.2", "设施完好率", "0.30", "0.33", "6.67", "20.00", "2"])
        #expect(row("B2.1", in: text, after: "测评内容") == ["B2.1", "设施台账", "-", "0.00", "0.00", "10.00", "0", "缺数据"])
        #expect(row("代码", in: text, after: "测评内容") == ["代码", "名称", "v", "f", "得分", "分值", "样本数", "标记"])
        #expect(!text.contains("已过期"))
    }

    @Test("English headings; names stay as the framework writes them")
    func english() {
        let text = ScoreReportText.render(ReportFixtures.result(), passScore: 90, names: names, language: .en)
        #expect(text.hasPrefix("Evaluation score — test-city v3\nPeriod 2026-10  Scope city\n"))
        #expect(text.contains("Total 26.67 / 100.00 (26.67%)  Pass score 90.00  Eligibility not eligible"))
        #expect(row("Code", in: text, after: "Indicators") == ["Code", "Name", "v", "f", "Earned", "Points", "Samples", "Flags"])
        #expect(row("B2.1", in: text, after: "Indicators") == ["B2.1", "设施台账", "-", "0.00", "0.00", "10.00", "0", "missing"])
        #expect(row("A", in: text, after: "Gates (veto)") == ["A", "未成年人思想道德建设", "earned >= 0.85 of points", "0.67", "FAILED"])
        #expect(!text.contains("代码"))
    }

    @Test("A stale result is marked at the top, in both languages")
    func stale() {
        let zh = ScoreReportText.render(ReportFixtures.result(stale: true), passScore: 90, names: names, language: .zh)
        #expect(zh.split(separator: "\n")[1] == "!! 已过期：本期有新数据到达，此结果等待重新测评")
        let en = ScoreReportText.render(ReportFixtures.result(stale: true), passScore: 90, names: names, language: .en)
        #expect(en.split(separator: "\n")[1].hasPrefix("!! STALE"))
    }

    @Test("A sub-command scope is named, and its eligibility is not judged")
    func subcommandScope() {
        var result = ReportFixtures.result()
        result.scope.name = "subcommand:east"
        result.hasEligibility_p = false
        let text = ScoreReportText.render(result, passScore: nil, names: names, language: .zh)
        #expect(text.contains("范围 分指挥部 东城分指挥部 (east)"))
        #expect(text.contains("达标线 -  资格 不判定（资格仅在全市范围判定）"))
    }

    @Test("Unknown codes print as themselves")
    func unknownNames() {
        let text = ScoreReportText.render(ReportFixtures.result(), passScore: 90, names: ReportNames(), language: .zh)
        #expect(row("B2.2", in: text, after: "测评内容") == ["B2.2", "B2.2", "0.30", "0.33", "6.67", "20.00", "2"])
    }

    @Test("A failed gate never reads as met: it gets the decimals that show the miss")
    func nearMiss() {
        // 0.84996 → "0.85", "0.850", "0.8500" all meet >= 0.85; "0.84996" does not.
        #expect(ReportHeader.gateValue(ReportFixtures.gate("A", "earned >= 0.85 of points", passed: false, value: 0.84996)) == "0.84996")
        // 100.004 → "100.00" meets <= 100; "100.004" does not.
        #expect(ReportHeader.gateValue(ReportFixtures.gate("X", "value <= 100", passed: false, value: 100.004)) == "100.004")
        #expect(ReportHeader.gateValue(ReportFixtures.gate("B1.1", "value >= 0.9", passed: false, value: 0.88)) == "0.88")
        #expect(ReportHeader.gateValue(ReportFixtures.gate("B1.1", "value >= 0.9", passed: true, value: 0.9049)) == "0.90")
        #expect(ReportHeader.gateValue(ReportFixtures.gate("B1.1", "value >= 0.9", passed: false, value: nil)) == "-")
    }
}
