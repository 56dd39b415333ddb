import CivitasCore
import Foundation
import Testing

/// Categories and items are read by one routine; each problem must still name the kind
/// of node it is about, so an office knows whether a category or an item is wrong.
@Suite("Framework documents: category and item problems name their node")
struct FrameworkNodeProblemTests {
    static let cases: [RefusalCase] = [
        .init(rule: "category without code", edits: [(#"{"code": "environment", "#, "{")],
              path: "categories[1].code", reason: "The field is missing; every category needs a code."),
        .init(rule: "item without code", edits: [(#"{"code": "env-air", "#, "{")],
              path: "categories[1].items[0].code", reason: "The field is missing; every item needs a code."),
        .init(rule: "category without name", edits: [(#""name": "生态环境", "#, "")],
              path: "categories[1].name", reason: "The field is missing; every category needs its name, e.g. 未成年人思想道德建设."),
        .init(rule: "item without name", edits: [(#""name": "空气质量", "#, "")],
              path: "categories[1].items[0].name", reason: "The field is missing; every item needs its name."),
        .init(rule: "category without points", edits: [(#""name": "生态环境", "points": 6,"#, #""name": "生态环境","#)],
              path: "categories[1].points", reason: "The field is missing; every category needs its points."),
        .init(rule: "item without points", edits: [(#""name": "空气质量", "points": 3,"#, #""name": "空气质量","#)],
              path: "categories[1].items[0].points", reason: "The field is missing; every item needs its points."),
        .init(rule: "category without items", edits: [(#""min_fraction": 0.85}, "items""#, #""min_fraction": 0.85}, "itemz""#)],
              path: "categories[0].items", reason: "The field is missing; every category needs its items."),
        .init(rule: "item without indicators", edits: [(#""name": "空气质量", "points": 3, "indicators""#, #""name": "空气质量", "points": 3, "indicatorz""#)],
              path: "categories[1].items[0].indicators", reason: "The field is missing; every item needs its indicators."),
    ]

    @Test("a missing field of a category or an item is named with the node's kind", arguments: cases)
    func missingField(_ refusal: RefusalCase) {
        let problems = FrameworkFixture.problems(refusal.edits)
        #expect(problems.contains { $0.path == refusal.path && $0.reason == refusal.reason }, "\(problems)")
    }

    @Test("a category without items and an item without indicators are refused by kind")
    func emptyChildren() {
        let noItems = #"{"code": "t", "title": "t", "total": 1, "pass_score": 1, "categories": [{"code": "c", "name": "类", "points": 1, "items": []}]}"#
        let noIndicators = #"{"code": "t", "title": "t", "total": 1, "pass_score": 1, "categories": [{"code": "c", "name": "类", "points": 1, "items": [{"code": "i", "name": "项", "points": 1, "indicators": []}]}]}"#
        #expect(problems(noItems).contains { $0.path == "categories[0].items" && $0.reason == "A category needs at least one item." })
        #expect(problems(noIndicators).contains { $0.path == "categories[0].items[0].indicators" && $0.reason == "An item needs at least one indicator." })
    }

    private func problems(_ json: String) -> [FrameworkProblem] {
        switch FrameworkDocument.parse(Data(json.utf8)) {
        case .success: []
        case .failure(let problems): problems.problems
        }
    }
}
