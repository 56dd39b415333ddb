@testable import CivitasCLISupport
import CivitasProtos
import Foundation
import SwiftProtobuf
import Testing

@Suite("Cross-inspection sheet (assignment CSV and loads)")
struct CrossInspectionSheetTests {
    /// Five points of three sub-commands, each given to another block:
    ///
    /// | point | owner | inspector | name                  |
    /// |-------|-------|-----------|-----------------------|
    /// | p1    | east  | west      | 人民公园              |
    /// | p2    | east  | north     | 火车站公交站          |
    /// | p3    | west  | east      | 阳光社区              |
    /// | p4    | north | east      | 北街菜市场, "东门"    |
    /// | p5    | west  | north     | (not in the listing)  |
    ///
    /// Loads: east 2 (p3 p4), north 2 (p2 p5), west 1 (p1). Own points: east 2 (p1 p2),
    /// west 2 (p3 p5), north 1 (p4).
    func sheet() -> CrossInspectionSheet {
        let rows = [("p4", "north", "east"), ("p1", "east", "west"), ("p5", "west", "north"), ("p3", "west", "east"), ("p2", "east", "north")]
        let response = Civitas_V1_AssignCrossInspectionResponse.with {
            $0.assignments = rows.map { row in .with { $0.point = row.0; $0.owner = row.1; $0.inspectorSubcommand = row.2 } }
        }
        let names = ["p1": "人民公园", "p2": "火车站公交站", "p3": "阳光社区", "p4": "北街菜市场, \"东门\""]
        return CrossInspectionSheet(period: "2026-11", seed: 7, response: response, pointNames: names)
    }

    @Test("UTF-8 with a byte-order mark, so that Excel opens the Chinese names")
    func byteOrderMark() {
        let data = sheet().csvData
        #expect(Array(data.prefix(3)) == [0xEF, 0xBB, 0xBF])
        #expect(String(data: data.dropFirst(3), encoding: .utf8) != nil)
    }

    @Test("Rows grouped by the inspecting sub-command, then by point; commas and quotes quoted; CRLF")
    func csvText() {
        let text = String(decoding: sheet().csvData.dropFirst(3), as: UTF8.self)
        let expected = [
            "point,point_name,owner,assigned_subcommand", "p3,阳光社区,west,east", "p4,\"北街菜市场, \"\"东门\"\"\",north,east",
            "p2,火车站公交站,east,north", "p5,,west,north", "p1,人民公园,east,west",
        ].map { $0 + "\r\n" }.joined()
        #expect(text == expected)
    }

    @Test("The file reads back intact with the project's own CSV reader")
    func roundTrip() throws {
        let table = try CSVTable(data: sheet().csvData, source: "assignment.csv")
        #expect(table.header == ["point", "point_name", "owner", "assigned_subcommand"])
        #expect(table.records.map(\.fields) == [
            ["p3", "阳光社区", "west", "east"], ["p4", "北街菜市场, \"东门\"", "north", "east"],
            ["p2", "火车站公交站", "east", "north"], ["p5", "", "west", "north"], ["p1", "人民公园", "east", "west"],
        ])
    }

    @Test("Loads per sub-command: points to inspect and own points visited by others")
    func loads() {
        let sheet = sheet()
        #expect(sheet.loads == [
            .init(subcommand: "east", load: 2, ownPoints: 2), .init(subcommand: "north", load: 2, ownPoints: 1),
            .init(subcommand: "west", load: 1, ownPoints: 2),
        ])
        let text = sheet.renderLoads(names: ReportNames(subcommands: ["east": "东城分指挥部"]), language: .zh)
        #expect(text.hasPrefix("各分指挥部交叉检查任务量 — 2026-11 · seed 7\n"))
        #expect(row("东城分指挥部 (east)", in: text) == ["东城分指挥部 (east)", "2", "2"], "the name carries its id")
        #expect(row("west", in: text) == ["west", "1", "2"])
        #expect(text.hasSuffix("共 5 个点位，每个分指挥部检查 1–2 个"))
        #expect(sheet.renderLoads(names: ReportNames(), language: .en).hasSuffix("5 point(s); each inspecting sub-command visits 1–2"))
    }

    @Test("The printed table shows a dash for a point without a name")
    func assignmentsTable() {
        let text = sheet().renderAssignments(names: ReportNames(), language: .en)
        #expect(cells(text.split(separator: "\n")[0].description) == ["Assigned to", "Point", "Point name", "Owner"])
        #expect(row("north", in: text) == ["north", "p2", "火车站公交站", "east"])
        #expect(text.split(separator: "\n").map { cells(String($0)) }.contains(["north", "p5", "-", "west"]))
    }

    @Test("No points: an empty sheet with its header, and a sentence instead of a spread")
    func empty() {
        let sheet = CrossInspectionSheet(period: "2026-11", seed: 1, response: .init(), pointNames: [:])
        #expect(String(decoding: sheet.csvData.dropFirst(3), as: UTF8.self) == "point,point_name,owner,assigned_subcommand\r\n")
        #expect(sheet.renderLoads(names: ReportNames(), language: .en).hasSuffix("No points to inspect"))
    }
}
