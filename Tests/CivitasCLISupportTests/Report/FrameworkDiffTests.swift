@testable import CivitasCLISupport
import CivitasCore
import Testing

@Suite("Framework diff")
struct FrameworkDiffTests {
    /// The fixture with: pass score 90 → 92; A1.2 replaced by A1.3; B1.1's target and
    /// gate 0.9 → 0.92; B2.2's units u1, u2 → u2, u3; a new survey S2; aqi's unit renamed.
    static func revised() -> Framework {
        var framework = ReportFixtures.framework()
        framework.passScore = 92
        framework.categories[0].items[0].indicators[1] = FrameworkIndicator(
            code: "A1.3", name: "校园安全", points: 10, measure: .inspection(check: "C1"),
            scoring: .threshold(target: 0.9, direction: .higherIsBetter)
        )
        framework.categories[1].items[0].indicators[0].scoring = .threshold(target: 0.92, direction: .higherIsBetter)
        framework.categories[1].items[0].indicators[0].gate = LeafGate(Condition(.atLeast, 0.92))
        framework.categories[1].items[1].indicators[1].material?.units = ["u2", "u3"]
        framework.surveys.append(CodeRegistry.Survey(code: "S2", questions: ["q1"], minimumDurationSeconds: 30))
        framework.feedMetrics[0].unit = "AQI"
        return framework
    }

    @Test("Added, removed and changed nodes and codes, in a fixed order")
    func crafted() {
        let changes = FrameworkDiff.changes(from: ReportFixtures.framework(), to: Self.revised())
        let text = FrameworkDiff.render(changes, from: "test-city v1", to: "test-city v2")
        #expect(text == """
            framework diff test-city v1 → test-city v2: 7 change(s)
            ~ framework
                pass score 90 → 92
            - indicator A1.2 校园周边秩序
                10 pts, in item A1
            + indicator A1.3 校园安全
                10 pts, in item A1
            ~ indicator B1.1 空气质量优良天数比例
                gate v >= 0.9 → v >= 0.92
                scoring threshold >= 0.9 → threshold >= 0.92
            ~ indicator B2.2 设施完好率
                units added: u3
                units removed: u1
            + survey S2
                questions q1
                min duration 30 s
            ~ feed metric aqi
                unit index → AQI
            """)
    }

    @Test("Moves, points, rules, spiritual tags and node gates; exact numbers, not rounded")
    func movedAndRetuned() {
        var revised = ReportFixtures.framework()
        let moved = revised.categories[1].items[1].indicators.removeFirst()
        revised.categories[1].items[0].indicators.append(moved)
        revised.categories[1].items[0].points = 50
        revised.categories[1].items[1].points = 20
        revised.categories[0].gate = NodeGate(minimumFraction: 0.855)
        revised.categories[1].spiritual = true
        revised.categories[0].items[0].indicators[0].scoring = .linear(floor: 0.6, target: 0.95, direction: .higherIsBetter)
        let changes = FrameworkDiff.changes(from: ReportFixtures.framework(), to: revised)
        #expect(changes == [
            FrameworkChange(.changed, "category A 未成年人思想道德建设", ["gate earned >= 0.85 of points → earned >= 0.855 of points"]),
            FrameworkChange(.changed, "indicator A1.1 家长满意率", ["scoring linear 0.6 → 0.9 (higher) → linear 0.6 → 0.95 (higher)"]),
            FrameworkChange(.changed, "category B 生态环境", ["spiritual no → yes"]),
            FrameworkChange(.changed, "item B1 空气质量", ["points 40 → 50"]),
            FrameworkChange(.changed, "indicator B2.1 设施台账", ["moved from item B2 to item B1"]),
            FrameworkChange(.changed, "item B2 公共设施", ["points 30 → 20"]),
        ])
    }

    @Test("The same framework has no differences")
    func identical() {
        let framework = ReportFixtures.framework()
        #expect(FrameworkDiff.changes(from: framework, to: framework).isEmpty)
        #expect(FrameworkDiff.render([], from: "a.json", to: "b.json") == "framework diff a.json → b.json: no differences")
    }
}
