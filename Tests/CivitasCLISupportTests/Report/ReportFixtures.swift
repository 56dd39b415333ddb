@testable import CivitasCLISupport
import CivitasCore
import CivitasProtos
import Foundation
import SwiftProtobuf

/// A small framework and one evaluation of it, with every number worked out by hand.
///
/// Framework `test-city` (total 100, pass score 90):
/// - A 未成年人思想道德建设 30 pts, spiritual, node gate 0.85
///   - A1 学校与家庭 30 pts: A1.1 (20 pts, linear 0.6 → 0.9), A1.2 (10 pts, threshold 0.9)
/// - B 生态环境 70 pts
///   - B1 空气质量 40 pts: B1.1 (40 pts, threshold 0.9, leaf gate v >= 0.9)
///   - B2 公共设施 30 pts: B2.1 (10 pts, boolean), B2.2 (20 pts, linear 0 → 0.9)
enum ReportFixtures {
    static let digest = "9f2c4e6a8b0d1f3e5a7c9e1b3d5f7a9c1e3b5d7f9a1c3e5b7d9f1a3c5e7b9d1f"

    static func framework() -> Framework {
        Framework(
            code: "test-city", title: "测试城市测评体系", total: 100, passScore: 90,
            profile: SpiritualProfile(name: "model-city", minimumShare: 0.3),
            surveys: [CodeRegistry.Survey(code: "S1", questions: ["q1", "q2"], minimumDurationSeconds: 60)],
            feedMetrics: [CodeRegistry.FeedMetric(code: "aqi", unit: "index", range: 0...500)],
            checklistItems: [CodeRegistry.ChecklistItem(code: "C1", description: "校园周边无占道经营")],
            categories: [
                FrameworkCategory(
                    code: "A", name: "未成年人思想道德建设", description: "Minors' moral education", points: 30, spiritual: true,
                    gate: NodeGate(minimumFraction: 0.85),
                    items: [
                        FrameworkItem(
                            code: "A1", name: "学校与家庭", description: "School and family", points: 30,
                            indicators: [
                                FrameworkIndicator(
                                    code: "A1.1", name: "家长满意率", description: "Parents satisfied", points: 20,
                                    measure: .survey(survey: "S1", question: "q1", statistic: .satisfiedRate(satisfiedAt: 4)),
                                    scoring: .linear(floor: 0.6, target: 0.9, direction: .higherIsBetter), minimumSamples: 30
                                ),
                                FrameworkIndicator(
                                    code: "A1.2", name: "校园周边秩序", description: "Order around schools", points: 10,
                                    measure: .inspection(check: "C1"), scoring: .threshold(target: 0.9, direction: .higherIsBetter)
                                ),
                            ]
                        )
                    ]
                ),
                FrameworkCategory(
                    code: "B", name: "生态环境", description: "Environment", points: 70,
                    items: [
                        FrameworkItem(
                            code: "B1", name: "空气质量", description: "Air quality", points: 40,
                            indicators: [
                                FrameworkIndicator(
                                    code: "B1.1", name: "空气质量优良天数比例", description: "Good-air days", points: 40,
                                    measure: .feed(metric: "aqi", aggregate: .ratioDays(Condition(.atMost, 100))),
                                    scoring: .threshold(target: 0.9, direction: .higherIsBetter), gate: LeafGate(Condition(.atLeast, 0.9))
                                )
                            ]
                        ),
                        FrameworkItem(
                            code: "B2", name: "公共设施", description: "Public facilities", points: 30,
                            indicators: [
                                FrameworkIndicator(
                                    code: "B2.1", name: "设施台账", description: "Facility register", points: 10,
                                    measure: .material(.all), scoring: .boolean,
                                    material: MaterialDeclaration(valueKind: .provided, units: ["u1", "u2"])
                                ),
                                FrameworkIndicator(
                                    code: "B2.2", name: "设施完好率", description: "Facilities in good repair", points: 20,
                                    measure: .material(.mean), scoring: .linear(floor: 0, target: 0.9, direction: .higherIsBetter),
                                    material: MaterialDeclaration(valueKind: .number, range: 0...1, units: ["u1", "u2"])
                                ),
                            ]
                        ),
                    ]
                ),
            ]
        )
    }

    static func names() -> ReportNames {
        ReportNames(framework: framework(), subcommands: ["east": "东城分指挥部", "west": "西城分指挥部"])
    }

    /// The city result for 2026-10.
    /// - A1.1: v 0.75 → f (0.75 − 0.6) ÷ (0.9 − 0.6) = 0.5 → earned 20 × 0.5 = 10
    /// - A1.2: v 0.95 ≥ 0.9 → f 1 → earned 10
    /// - B1.1: v 0.88 < 0.9 → f 0 → earned 0; its gate fails
    /// - B2.1: no report → missing, earned 0
    /// - B2.2: v 0.3 → f 0.3 ÷ 0.9 = 1/3 → earned 20/3 = 6.666…
    /// - A1 = A = 10 + 10 = 20 of 30 (gate: 20/30 = 0.666… < 0.85 fails); B1 = 0 of 40;
    ///   B2 = B = 20/3 of 30 and of 70; total 20 + 20/3 = 26.666… of 100.
    static func result(stale: Bool = false) -> Civitas_V1_EvaluationResult {
        .with {
            $0.id = "r-city-1"
            $0.tenant = "t1"
            $0.framework = "test-city"
            $0.frameworkVersion = 3
            $0.frameworkSha256 = "ab12cd34"
            $0.period = .with { $0.name = "2026-10" }
            $0.scope = .with { $0.name = "city" }
            $0.cutoffSequence = 1234
            $0.inputDigest = digest
            $0.total = 20 + 20.0 / 3
            $0.maxPoints = 100
            $0.hasEligibility_p = true
            $0.eligible = false
            $0.stale = stale
            $0.computedAt = Google_Protobuf_Timestamp(date: Date(timeIntervalSince1970: 1_793_498_400))
            $0.nodes = [
                node("A", "categories[0]", 30, 20), node("A1", "categories[0].items[0]", 30, 20),
                node("B", "categories[1]", 70, 20.0 / 3), node("B1", "categories[1].items[0]", 40, 0),
                node("B2", "categories[1].items[1]", 30, 20.0 / 3),
            ]
            $0.leaves = [
                leaf("A1.1", "categories[0].items[0].indicators[0]", 20, 0.75, 0.5, 10, samples: 120),
                leaf("A1.2", "categories[0].items[0].indicators[1]", 10, 0.95, 1, 10, samples: 40),
                leaf("B1.1", "categories[1].items[0].indicators[0]", 40, 0.88, 0, 0, samples: 31),
                leaf("B2.1", "categories[1].items[1].indicators[0]", 10, nil, 0, 0, flags: ["missing"], samples: 0),
                leaf("B2.2", "categories[1].items[1].indicators[1]", 20, 0.3, 1.0 / 3, 20.0 / 3, samples: 2),
            ]
            $0.gates = [gateA(), gateB11()]
        }
    }

    static func gateA() -> Civitas_V1_GateResult {
        gate("A", "earned >= 0.85 of points", passed: false, value: 20.0 / 30)
    }

    static func gateB11() -> Civitas_V1_GateResult {
        gate("B1.1", "value >= 0.9", passed: false, value: 0.88)
    }

    static func node(_ code: String, _ path: String, _ points: Double, _ earned: Double) -> Civitas_V1_NodeResult {
        .with {
            $0.code = code
            $0.path = path
            $0.points = points
            $0.earned = earned
        }
    }

    static func leaf(
        _ code: String, _ path: String, _ points: Double, _ value: Double?, _ fraction: Double, _ earned: Double,
        flags: [String] = [], samples: UInt64
    ) -> Civitas_V1_LeafResult {
        .with {
            $0.code = code
            $0.path = path
            $0.points = points
            $0.hasValue_p = value != nil
            $0.value = value ?? 0
            $0.fraction = fraction
            $0.earned = earned
            $0.flags = flags
            $0.samples = samples
        }
    }

    static func gate(_ node: String, _ condition: String, passed: Bool, value: Double?) -> Civitas_V1_GateResult {
        .with {
            $0.node = node
            $0.condition = condition
            $0.passed = passed
            $0.hasValue_p = value != nil
            $0.value = value ?? 0
        }
    }
}
