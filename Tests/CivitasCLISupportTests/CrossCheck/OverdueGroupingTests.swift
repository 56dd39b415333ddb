@testable import CivitasCLISupport
import CivitasProtos
import Foundation
import SwiftProtobuf
import Testing

@Suite("Overdue findings by level (分级督查)")
struct OverdueGroupingTests {
    /// 2026-11-27T04:00:00Z, the moment the listings below are read.
    let now = try! Date("2026-11-27T04:00:00Z", strategy: .iso8601)

    @Test("Unit, sub-command and HQ each get the overdue findings the server flags at that level")
    func byLevel() {
        let groups = FindingListText.overdueByLevel(FindingFixtures.all())
        #expect(groups.map(\.level) == [0, 1, 2])
        #expect(groups.map { $0.findings.map(\.id) } == [[FindingFixtures.id(3)], [FindingFixtures.id(1)], [FindingFixtures.id(6)]])
    }

    @Test("Within a level: longest overdue first, then by id; a level the client does not know comes last")
    func ordering() {
        let early = FindingFixtures.finding(8, "lateness", "low", "assigned", level: 0, unit: "u-02", subcommand: "west", due: "2026-11-01T00:00:00Z", overdue: true)
        let sameDue = FindingFixtures.finding(9, "lateness", "low", "assigned", level: 0, unit: "u-04", subcommand: "west", due: "2026-11-01T00:00:00Z", overdue: true)
        let odd = FindingFixtures.finding(10, "manual", "low", "assigned", level: 4, unit: "u-06", subcommand: "", due: "2026-11-02T00:00:00Z", overdue: true)
        let groups = FindingListText.overdueByLevel(FindingFixtures.all() + [sameDue, odd, early])
        #expect(groups.map(\.level) == [0, 1, 2, 4])
        #expect(groups[0].findings.map(\.id) == [early.id, sameDue.id, FindingFixtures.id(3)], "f8 and f9 share a due date: by id")
    }

    @Test("The text names each level, says when one has nothing overdue, and how late each finding is")
    func chineseText() {
        let onlyUnit = FindingFixtures.all().filter { $0.level == 0 }
        let text = FindingListText(names: FindingFixtures.names(), time: FindingFixtures.shanghai, language: .zh)
            .renderOverdue(onlyUnit, now: now)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines[0] == "各层级逾期未整改的问题")
        #expect(lines.contains("督查层级 责任单位 — 1 条"))
        #expect(lines.contains("督查层级 分指挥部 — 无逾期") && lines.contains("督查层级 总指挥部 — 无逾期"))
        // f3 due 2026-11-20T15:59:59Z, now 2026-11-27T04:00:00Z: 6 days 12 h 0 min 1 s late → whole days: 6.
        #expect(row(FindingFixtures.id(3), in: text)?[6...7] == ["2026-11-20 23:59:59", "6 天"])
    }

    @Test("English text: f1 at sub-command level 16 d late, f6 at HQ 21 d late")
    func englishText() {
        let text = FindingListText(names: FindingFixtures.names(), time: FindingFixtures.shanghai, language: .en)
            .renderOverdue(FindingFixtures.all(), now: now)
        #expect(text.contains("Supervised at sub-command — 1 finding(s)"))
        // f1 due 11-10T15:59:59Z → 16 d 12 h late; f6 due 11-05T15:59:59Z → 21 d 12 h late.
        #expect(row(FindingFixtures.id(1), in: text)?[7] == "16 d")
        #expect(row(FindingFixtures.id(6), in: text)?[7] == "21 d")
        #expect(!text.contains(FindingFixtures.id(2)), "f2 is not overdue")
    }

    @Test("Less than a day late reads in hours, less than an hour in minutes")
    func hours() {
        let due = try! Date("2026-11-27T00:00:00Z", strategy: .iso8601)
        // 4 h 0 min late; 5 h 59 min late still reads 5 h (whole hours).
        #expect(FindingTime.lateness(due: due, now: now, language: .en) == "4 h")
        #expect(FindingTime.lateness(due: due, now: due.addingTimeInterval(5 * 3600 + 59 * 60), language: .zh) == "5 小时")
        #expect(FindingTime.lateness(due: due, now: due.addingTimeInterval(86400), language: .zh) == "1 天")
        // 59 min 59 s late reads 59 min; just past due, 0 min.
        #expect(FindingTime.lateness(due: due, now: due.addingTimeInterval(3599), language: .en) == "59 min")
        #expect(FindingTime.lateness(due: due, now: due.addingTimeInterval(1), language: .zh) == "0 分钟")
    }
}
