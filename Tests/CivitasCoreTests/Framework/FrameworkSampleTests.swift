import CivitasCore
import Foundation
import Testing

/// The two frameworks shipped in frameworks/ parse, meet what the issue promised of them,
/// and fit the demo organization (ops/demo/generate-org.py).
@Suite("Framework documents: the shipped samples")
struct FrameworkSampleTests {
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func sample(_ name: String) throws -> Framework {
        let data = try Data(contentsOf: repository.appendingPathComponent("frameworks/\(name).json"))
        switch FrameworkDocument.parse(data) {
        case .success(let framework): return framework
        case .failure(let problems): throw problems
        }
    }

    /// The demo city's units: 51 departments, 10 district governments, 5 zone committees.
    static let demoUnits = Set(
        (1...51).map { String(format: "u-dept-%02d", $0) } + (1...10).map { String(format: "u-dist-%02d", $0) }
            + (1...5).map { String(format: "u-zone-%02d", $0) }
    )

    static func leaves(_ framework: Framework) -> [FrameworkIndicator] {
        framework.categories.flatMap { $0.items.flatMap(\.indicators) }
    }

    @Test("both samples: ≥ 7 categories, ≥ 40 indicators, all four methods, Chinese names, marked as samples",
          arguments: ["model-city", "civilized-city"])
    func shape(_ name: String) throws {
        let framework = try Self.sample(name)
        let leaves = Self.leaves(framework)
        #expect(framework.code == name)
        #expect(framework.isSample)
        #expect(framework.description.contains("SAMPLE"))
        #expect(framework.categories.count >= 7)
        #expect(leaves.count >= 40)
        #expect(Set(leaves.map(\.method)) == Set(Channel.allCases))
        #expect(framework.total == 100)
        #expect(framework.passScore == 90)
        let chinese = { (text: String) in text.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) } }
        #expect(leaves.allSatisfy { chinese($0.name) && !$0.description.isEmpty && !chinese($0.description) })
        #expect(leaves.allSatisfy { $0.description.contains("Sample") })
    }

    @Test("both samples: the good-air gate, a second leaf gate and the minors' node gate", arguments: ["model-city", "civilized-city"])
    func gates(_ name: String) throws {
        let framework = try Self.sample(name)
        let gated = Self.leaves(framework).filter { $0.gate != nil }
        #expect(gated.count >= 2)
        let goodAir = gated.filter {
            $0.measure == .feed(metric: "aqi", aggregate: .ratioDays(Condition(.atMost, 100))) && $0.gate == LeafGate(Condition(.atLeast, 0.90))
        }
        #expect(goodAir.count == 1)
        let minors = try #require(framework.categories.first { $0.name == "未成年人思想道德建设" })
        #expect(minors.gate == NodeGate(minimumFraction: 0.85))
    }

    @Test("model city: spiritual share ≥ 0.40 under a profile minimum of 0.40")
    func modelCityShare() throws {
        let framework = try Self.sample("model-city")
        // Tagged: ideals 12 + minors 10 + civic morality 12 + customs item 4 + integrity item 4 = 42 of 100.
        #expect(framework.spiritualShare == 0.42)
        #expect(framework.profile == SpiritualProfile(name: "model-city", minimumShare: 0.40))
    }

    @Test("civilized city: spiritual share exactly 0.29, the profile's minimum and maximum")
    func civilizedCityShare() throws {
        let framework = try Self.sample("civilized-city")
        // Tagged: ideals 8 + minors 8 + civic morality 9 + customs item 4 = 29 of 100.
        #expect(framework.spiritualShare == 0.29)
        #expect(framework.profile == SpiritualProfile(name: "civilized-city", minimumShare: 0.29, maximumShare: 0.29))
    }

    @Test("both samples round-trip through their canonical JSON, byte for byte", arguments: ["model-city", "civilized-city"])
    func roundTrip(_ name: String) throws {
        let framework = try Self.sample(name)
        let canonical = FrameworkDocument.canonicalJSON(framework)
        let again = try FrameworkDocument.parse(canonical).get()
        #expect(again == framework)
        #expect(FrameworkDocument.canonicalJSON(again) == canonical)
    }

    @Test("every material unit exists in the demo organization", arguments: ["model-city", "civilized-city"])
    func unitsFitTheDemoCity(_ name: String) throws {
        let framework = try Self.sample(name)
        #expect(framework.unknownUnitProblems(known: Self.demoUnits).isEmpty)
    }

    @Test("a code both samples declare means the same in both, so publishing one after the other changes nothing")
    func sharedCodesAgree() throws {
        let model = try Self.sample("model-city").codeRegistry
        let civilized = try Self.sample("civilized-city").codeRegistry
        #expect(model.merging(civilized) == model)
        #expect(civilized.merging(model) == civilized)
    }
}
