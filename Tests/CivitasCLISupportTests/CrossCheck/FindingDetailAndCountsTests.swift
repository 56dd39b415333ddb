@testable import CivitasCLISupport
import CivitasProtos
import Foundation
import SwiftProtobuf
import Testing

@Suite("One finding, counts by rule and severity, JSON")
struct FindingDetailAndCountsTests {
    @Test("show: facts, figures by name, records ascending, history oldest first: who in which role, action, change, unit, due")
    func detail() {
        let text = FindingDetailText(names: FindingFixtures.names(), time: FindingFixtures.shanghai, language: .zh).render(FindingFixtures.first())
        #expect(text.hasPrefix("交叉检查发现的问题 \(FindingFixtures.id(1))\n"))
        #expect(row("规则", in: text) == ["规则", "同类单位异常值 (peer_outlier)"])
        #expect(row("分指挥部", in: text) == ["分指挥部", "东城分指挥部 (east)"])
        #expect(row("整改期限", in: text) == ["整改期限", "2026-11-10 23:59:59 逾期"])
        #expect(row("发现时间", in: text) == ["发现时间", "2026-11-01 10:00:00"])
        // Rounded for reading only: 0.123456 → 0.1235; 0.00001234 in scientific notation, never 0.
        #expect(row("share", in: text, after: "相关数值") == ["share", "0.1235"])
        #expect(row("tiny", in: text, after: "相关数值") == ["tiny", "1.234e-05"])
        #expect(row("median", in: text, after: "相关数值") == ["median", "80"])
        #expect(text.contains("涉及记录（序号）\n12, 45\n"))
        #expect(cells(text.components(separatedBy: "处理记录\n")[1].split(separator: "\n")[0].description)
            == ["时间", "操作人", "操作", "变化", "责任单位", "整改期限", "备注"])
        #expect(row("2026-11-01 10:00:00", in: text, after: "处理记录") == ["2026-11-01 10:00:00", "系统 (交叉检查)", "发现", "— → 待交办", "u-07", "-", "found"])
        #expect(
            row("2026-11-02 09:00:00", in: text, after: "处理记录")
                == ["2026-11-02 09:00:00", "hq-1 (总指挥部)", "交办", "待交办 → 已交办", "u-07", "2026-11-05 23:59:59", "请核实上报数据"])
        // The escalation keeps the state, so the change shown is the level's.
        #expect(
            row("2026-11-07 09:00:00", in: text, after: "处理记录")?.prefix(6)
                == ["2026-11-07 09:00:00", "系统 (逾期升级)", "逾期升级", "责任单位 → 分指挥部", "u-07", "2026-11-10 23:59:59"])
    }

    @Test("show in English: an escalation reads system (escalation), escalate, unit → sub-command, due")
    func historyInEnglish() {
        let text = FindingDetailText(time: FindingFixtures.shanghai, language: .en).render(FindingFixtures.first())
        #expect(row("2026-11-01 10:00:00", in: text, after: "History")?.prefix(4) == ["2026-11-01 10:00:00", "system (cross-check)", "open", "— → open"])
        #expect(row("2026-11-02 09:00:00", in: text, after: "History")?.prefix(3) == ["2026-11-02 09:00:00", "hq-1 (HQ)", "assign"])
        #expect(
            row("2026-11-07 09:00:00", in: text, after: "History")
                == [
                    "2026-11-07 09:00:00", "system (escalation)", "escalate", "unit → sub-command", "u-07", "2026-11-10 23:59:59",
                    "escalated from unit to sub-command east",
                ])
        // A move from a server that sends no action or role shows `by` as it is.
        let bare = FindingDetailText(time: FindingFixtures.shanghai, language: .en).history([
            .with { $0.toState = "open"; $0.by = "system:job-1"; $0.at = FindingFixtures.stamp("2026-11-01T02:00:00Z") }
        ])
        #expect(row("2026-11-01 10:00:00", in: bare) == ["2026-11-01 10:00:00", "system:job-1", "-", "— → open", "-", "-"])
    }

    @Test("show in English; a finding without figures, records or history says none")
    func bare() {
        let text = FindingDetailText(time: FindingFixtures.shanghai, language: .en).render(FindingFixtures.all()[3])
        #expect(row("Unit", in: text) == ["Unit", "-"] && row("Due", in: text) == ["Due", "-"])
        #expect(text.contains("Figures\nnone\n\nRecords (sequence numbers)\nnone\n\nHistory\nnone"))
    }

    @Test("Counts: most findings first, ties by rule; a total row; outstanding and overdue")
    func counts() {
        let counts = FindingCounts(FindingFixtures.all())
        #expect(counts.rows.map(\.rule) == ["peer_outlier", "duplicate_evidence", "lateness", "source_consistency", "too_fast"])
        #expect(counts.rows[0] == .init(rule: "peer_outlier", high: 2, medium: 1, low: 0, total: 3))
        #expect(counts.totals == .init(rule: "", high: 3, medium: 2, low: 2, total: 7))
        #expect(counts.outstanding == 4 && counts.overdue == 3)
        let zh = counts.render(language: .zh)
        #expect(cells(zh.split(separator: "\n")[0].description) == ["规则", "高", "中", "低", "合计"])
        #expect(row("同类单位异常值", in: zh) == ["同类单位异常值", "2", "1", "0", "3"])
        #expect(row("合计", in: zh) == ["合计", "3", "2", "2", "7"], "the header's first cell is 规则, so this is the total row")
        #expect(zh.hasSuffix("\n共 7 条：未办结 4，逾期 3"))
        let en = counts.render(language: .en)
        #expect(row("Total", in: en) == ["Total", "3", "2", "2", "7"] && en.hasSuffix("7 finding(s): 4 outstanding, 3 overdue"))
        #expect(FindingCounts([]).render(language: .en) == "No findings")
    }

    @Test("JSON: every key present, null when absent, exact figures, sequences ascending")
    func json() throws {
        let first = FindingJSON.finding(FindingFixtures.first(), names: FindingFixtures.names())
        #expect(first["level"] as? Int == 1 && first["level_name"] as? String == "sub-command")
        #expect(first["subcommand_name"] as? String == "东城分指挥部")
        #expect((first["figures"] as? [String: Double])?["z"] == 5.05875)
        #expect(first["sequences"] as? [Int] == [12, 45])
        #expect(first["due_at"] as? String == "2026-11-10T15:59:59Z")
        let history = try #require(first["history"] as? [[String: Any]])
        #expect(history[0]["from_state"] is NSNull && history[1]["from_state"] as? String == "open")
        #expect(history.map { $0["action"] as? String } == ["open", "assign", "escalate"])
        #expect(history.map { $0["role"] as? String } == ["system", "hq", "system"])
        #expect(history.map { $0["by"] as? String } == ["system:job-42", "hq-1", "system:job-77"])
        #expect(history.map { $0["level"] as? Int } == [0, 0, 1] && history[2]["level_name"] as? String == "sub-command")
        #expect(history.map { $0["unit"] as? String } == ["u-07", "u-07", "u-07"])
        #expect(history[0]["due_at"] is NSNull && history[2]["due_at"] as? String == "2026-11-10T15:59:59Z")
        #expect(history.allSatisfy { Set($0.keys) == Set(history[0].keys) }, "every move has every key")
        let bare = FindingJSON.finding(FindingFixtures.all()[3])
        for key in ["unit", "subcommand", "subcommand_name", "run_id", "due_at", "found_at"] {
            #expect(bare[key] is NSNull, "\(key) should be null")
        }
        #expect(Set(bare.keys) == Set(first.keys), "the same keys whatever is set")
    }

    @Test("The findings report: counts, then outstanding ones, most pressing first")
    func report() throws {
        let overview = FindingFixtures.overview()
        // Overdue first — high f1 (due 11-10) and f3 (11-20) by due date, then medium f6
        // although due earliest (11-05) — then f2, not overdue.
        #expect(overview.outstanding.map(\.id) == [1, 3, 6, 2].map(FindingFixtures.id))
        let text = FindingsReportText.render(overview, language: .en)
        #expect(text.hasPrefix("Cross-check findings — 2026-10 · city\n\nFindings by rule and severity\n"))
        #expect(!text.contains(FindingFixtures.id(5)) && !text.contains(FindingFixtures.id(7)), "verified and rectified are done")
        let object = FindingJSON.report(overview)
        #expect(object["report"] as? String == "findings" && object["subcommand"] is NSNull)
        #expect(object["total"] as? Int == 7 && object["outstanding"] as? Int == 4 && object["overdue"] as? Int == 3)
        #expect((object["by_rule"] as? [[String: Any]])?.first?["high"] as? Int == 2)
    }

    @Test("A cut list says how many were left out and how to list them all")
    func limit() {
        var overview = FindingFixtures.overview()
        overview.subcommand = "east"
        overview.outstandingLimit = 3
        // Four outstanding, three listed: f1 f3 f6; f2 left out.
        #expect(overview.listedOutstanding.findings.map(\.id) == [1, 3, 6].map(FindingFixtures.id))
        #expect(overview.listedOutstanding.omitted == 1)
        let text = FindingsReportText.render(overview, language: .zh)
        #expect(!text.contains(FindingFixtures.id(2)))
        #expect(text.hasSuffix("仅列出最紧要的 3 条，另有 1 条未列出；`civitas crosscheck findings --period 2026-10 --subcommand east` 列出全部。"))
        overview.outstandingLimit = 0
        #expect(overview.listedOutstanding.omitted == 0 && overview.listedOutstanding.findings.count == 4, "0 lists all")
        #expect(FindingJSON.report(overview)["findings"].map { ($0 as! [Any]).count } == 7, "JSON carries every finding")
    }
}
