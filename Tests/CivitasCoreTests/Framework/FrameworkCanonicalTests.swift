import CivitasCore
import Foundation
import Testing

/// The canonical bytes are what is stored and hashed: they must be deterministic and read
/// back as the same framework.
@Suite("Framework documents: canonical JSON")
struct FrameworkCanonicalTests {
    @Test("a hand-built framework gives exactly these bytes: sorted keys, no whitespace, shortest numbers")
    func golden() throws {
        let framework = Framework(
            code: "t", title: "标题", description: "say \"hi\"\nnow", total: 10, passScore: 9.5,
            feedMetrics: [.init(code: "aqi", unit: "AQI", range: 0...500)],
            categories: [
                FrameworkCategory(code: "c", name: "类", points: 10, items: [
                    FrameworkItem(code: "i", name: "项", points: 10, indicators: [
                        FrameworkIndicator(
                            code: "f", name: "叶", points: 10, measure: .feed(metric: "aqi", aggregate: .mean),
                            scoring: .linear(floor: 0.1, target: 1e-5, direction: .lowerIsBetter)
                        ),
                    ]),
                ]),
            ]
        )
        // Keys in byte order at every level; 10 not 10.0; 9.5, 0.1 and 1e-05 as Swift's
        // shortest round-trip text; the quote and the line break escaped, Chinese as UTF-8.
        let expected = #"{"categories":[{"code":"c","description":"","items":[{"code":"i","description":"","indicators":[{"code":"f","description":"","#
            + #""measure":{"kind":"mean","metric":"aqi"},"method":"feed","name":"叶","per_block":false,"points":10,"#
            + #""scoring":{"direction":"lower","floor":0.1,"rule":"linear","target":1e-05},"spiritual":false}],"name":"项","points":10,"#
            + #""spiritual":false}],"name":"类","points":10,"spiritual":false}],"checklist_items":[],"code":"t","#
            + #""description":"say \"hi\"\nnow","feed_metrics":[{"code":"aqi","max":500,"min":0,"unit":"AQI"}],"grace_days":0,"#
            + #""pass_score":9.5,"sample":false,"surveys":[],"time_zone":"Asia/Shanghai","title":"标题","total":10}"#
        #expect(String(decoding: FrameworkDocument.canonicalJSON(framework), as: UTF8.self) == expected)
        #expect(try FrameworkDocument.parse(Data(expected.utf8)).get() == framework)
    }

    @Test("parse(canonicalJSON(f)) == f, and canonicalizing again gives the same bytes")
    func roundTrip() throws {
        let framework = try FrameworkFixture.framework()
        let canonical = FrameworkDocument.canonicalJSON(framework)
        #expect(try FrameworkDocument.parse(canonical).get() == framework)
        #expect(FrameworkDocument.canonicalJSON(try FrameworkDocument.parse(canonical).get()) == canonical)
    }

    @Test("key order and whitespace of the source do not change the canonical bytes")
    func independentOfLayout() throws {
        let reordered = FrameworkFixture.document([
            ("\"code\": \"test-city\", \"title\": \"测试测评体系\"", "\"title\":\"测试测评体系\",\n\n\t\"code\":\"test-city\""),
        ])
        let a = FrameworkDocument.canonicalJSON(try FrameworkFixture.framework())
        let b = FrameworkDocument.canonicalJSON(try FrameworkDocument.parse(reordered).get())
        #expect(a == b)
    }
}
