import CivitasCore
import Testing

/// What publishing declares to submissions, the spiritual share, and unknown units.
@Suite("Framework documents: codes, share and units")
struct FrameworkCodesTests {
    @Test("the registry holds material leaves with kind, range and units, other leaves by method, and the declarations")
    func registry() throws {
        let registry = try FrameworkFixture.framework().codeRegistry
        #expect(registry.indicators.count == 5)
        #expect(registry.indicators["m-hours"] == .init(code: "m-hours", method: .material, valueKind: .number, range: 0...400, units: ["u-1", "u-2"]))
        #expect(registry.indicators["m-plan"] == .init(code: "m-plan", method: .material, valueKind: .provided, units: ["u-1"]))
        #expect(registry.indicators["i-clean"] == .init(code: "i-clean", method: .inspection))
        #expect(registry.indicators["s-satisfaction"]?.method == .survey)
        #expect(registry.indicators["f-good-air"]?.units == [])
        #expect(registry.surveys["citizen"] == .init(code: "citizen", questions: ["q1", "q2"], minimumDurationSeconds: 60))
        #expect(registry.feedMetrics["aqi"] == .init(code: "aqi", unit: "AQI", range: 0...500))
        #expect(registry.checklistItems["clean"] == .init(code: "clean", description: "路面整洁"))
        #expect(registry.indicators["minors"] == nil)  // categories and items are not submitted to
    }

    @Test("merging is the union, and a code in both takes the other registry's declaration")
    func merging() {
        var old = CodeRegistry()
        old.indicators["a"] = .init(code: "a", method: .material, valueKind: .number, range: 0...1, units: ["u-1"])
        old.indicators["b"] = .init(code: "b", method: .inspection)
        old.surveys["s"] = .init(code: "s", questions: ["q1"], minimumDurationSeconds: 30)
        old.checklistItems["c"] = .init(code: "c", description: "旧")
        var new = CodeRegistry()
        new.indicators["a"] = .init(code: "a", method: .material, valueKind: .number, range: 0...100, units: ["u-2"])
        new.feedMetrics["m"] = .init(code: "m", unit: "%", range: 0...100)
        new.checklistItems["c"] = .init(code: "c", description: "新")

        let merged = old.merging(new)
        #expect(Set(merged.indicators.keys) == ["a", "b"])
        #expect(merged.indicators["a"] == new.indicators["a"])
        #expect(merged.indicators["b"] == old.indicators["b"])
        #expect(merged.surveys == old.surveys)
        #expect(merged.feedMetrics == new.feedMetrics)
        #expect(merged.checklistItems["c"]?.description == "新")
        #expect(old.merging(CodeRegistry()) == old)
    }

    @Test("one problem per unknown unit, at the unit's path")
    func unknownUnits() throws {
        let framework = try FrameworkFixture.framework()
        let problems = framework.unknownUnitProblems(known: ["u-1"])
        #expect(problems.map(\.path) == ["categories[0].items[0].indicators[0].units[1]"])
        #expect(problems.first?.reason.contains("\"u-2\"") == true)
        #expect(framework.unknownUnitProblems(known: ["u-1", "u-2"]).isEmpty)
    }

    @Test("a tag on a node counts every leaf under it once; untagged leaves count nothing")
    func spiritualShare() throws {
        // The minors category (4 points) is tagged: 4 ÷ 10 = 0.4.
        #expect(try FrameworkFixture.framework().spiritualShare == 0.4)
        // Also tagging env-city's item and its leaf i-clean adds the item's 3 points once: 7 ÷ 10.
        let framework = try FrameworkDocument.parse(FrameworkFixture.document([
            ("\"code\": \"env-city\", \"name\": \"市容环境\", \"points\": 3,", "\"code\": \"env-city\", \"name\": \"市容环境\", \"points\": 3, \"spiritual\": true,"),
            ("\"name\": \"路面整洁\", \"points\": 2,", "\"name\": \"路面整洁\", \"points\": 2, \"spiritual\": true,"),
        ])).get()
        #expect(framework.spiritualShare == 0.7)
        #expect(framework.spiritualIndicatorCodes == ["m-hours", "s-satisfaction", "i-clean", "m-plan"])
    }
}
