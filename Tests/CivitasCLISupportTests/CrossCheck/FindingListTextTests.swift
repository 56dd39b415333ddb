@testable import CivitasCLISupport
import CivitasProtos
import Foundation
import SwiftProtobuf
import Testing

@Suite("Findings tables (zh/en)")
struct FindingListTextTests {
    func text(_ language: ReportLanguage) -> FindingListText {
        FindingListText(names: FindingFixtures.names(), time: FindingFixtures.shanghai, language: language)
    }

    @Test("Chinese headings, Chinese vocabulary, due dates in Shanghai time with the overdue mark")
    func chinese() {
        let table = text(.zh).render(FindingFixtures.all())
        let lines = table.split(separator: "\n").map(String.init)
        #expect(cells(lines[0]) == ["编号", "规则", "严重程度", "状态", "督查层级", "责任单位", "分指挥部", "整改期限", "说明"])
        #expect(lines.count == 8, "a header and seven findings, in the server's order")
        // Due 2026-11-10T15:59:59Z is 23:59:59 on the 10th at UTC+8. The message's line break is folded.
        #expect(row(FindingFixtures.id(1), in: table) == [
            FindingFixtures.id(1), "同类单位异常值", "高", "已交办", "分指挥部", "u-07", "东城分指挥部 (east)",
            "2026-11-10 23:59:59 逾期", "u-07 reported 95, far from the median 80 of the other units.",
        ])
        #expect(row(FindingFixtures.id(2), in: table) == [
            FindingFixtures.id(2), "逾期报送", "低", "待交办", "责任单位", "u-03", "西城分指挥部 (west)", "-", "Finding 2 of rule lateness.",
        ])
        #expect(row(FindingFixtures.id(6), in: table)?[4...6] == ["总指挥部", "u-11", "-"], "an HQ line of work has no block")
        #expect(row(FindingFixtures.id(7), in: table)?[3] == "已整改待核验")
    }

    @Test("English headings and vocabulary; names stay as the organization writes them")
    func english() {
        let table = text(.en).render(FindingFixtures.all())
        #expect(cells(table.split(separator: "\n")[0].description) == ["ID", "Rule", "Severity", "State", "Level", "Unit", "Sub-command", "Due", "Message"])
        #expect(row(FindingFixtures.id(3), in: table)?[1...7] == [
            "duplicate evidence", "high", "reopened", "unit", "u-05", "东城分指挥部 (east)", "2026-11-20 23:59:59 overdue",
        ])
        #expect(row(FindingFixtures.id(6), in: table)?[4] == "HQ")
    }

    @Test("Columns line up although sub-command names are Chinese (two columns per character)")
    func alignment() {
        let table = text(.zh).render(FindingFixtures.all())
        // The due column starts at the same display column on every line.
        let starts = table.split(separator: "\n").map { cellColumns(String($0))[7] }
        #expect(Set(starts).count == 1, "due column starts at \(starts)")
    }

    @Test("A rule or state the client does not know is shown as sent")
    func unknownVocabulary() {
        var finding = FindingFixtures.all()[1]
        finding.rule = "noise_rule"
        finding.state = "archived"
        finding.level = 7
        let line = row(finding.id, in: text(.en).render([finding]))
        #expect(line?[1] == "noise_rule" && line?[3] == "archived" && line?[4] == "level 7")
    }

    @Test("No findings says so in either language")
    func empty() {
        #expect(text(.zh).render([]) == "没有发现问题")
        #expect(text(.en).render([]) == "No findings")
    }
}

/// The display column (CJK counting two) at which each cell of a table line starts: a
/// cell starts at the first character after a run of at least two spaces.
func cellColumns(_ line: String) -> [Int] {
    var columns: [Int] = []
    var column = 0
    var spaces = 2
    for character in line {
        if character == " " {
            spaces += 1
        } else {
            if spaces >= 2 { columns.append(column) }
            spaces = 0
        }
        column += Table.width(of: String(character))
    }
    return columns
}
