import CivitasCore

/// A random framework over the fixture's organization and random records for it: every
/// measure kind, rule, direction and gate kind, duplicates and invalid survey responses,
/// records outside the period, and non-integral feed values (so sums are order-sensitive
/// unless computed exactly).
struct RandomScenario {
    var framework: PublishedFramework
    var records: EvaluationRecords

    static let units = ["u0", "u1", "u2", "u3", "u4"]
    static let checks = ["c1", "c2", "c3"]
    static let questions = ["q1", "q2", "q3", "q4", "q5", "q6"]
    static let metrics = ["m1", "m2"]

    init(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        framework = Self.framework(&random)
        records = Self.records(for: framework.framework, &random)
    }

    static func rule(_ random: inout SplitMix64) -> ScoringRule {
        let direction: Direction = Bool.random(using: &random) ? .higherIsBetter : .lowerIsBetter
        switch Int.random(in: 0..<4, using: &random) {
        case 0: return .threshold(target: Double.random(in: 0...1, using: &random), direction: direction)
        case 1:
            let (low, high) = (Double.random(in: 0...0.5, using: &random), Double.random(in: 0.5...1, using: &random))
            return direction == .higherIsBetter
                ? .linear(floor: low, target: high, direction: direction) : .linear(floor: high, target: low, direction: direction)
        case 2:
            let bands = (0..<Int.random(in: 1...3, using: &random)).map { _ in
                Band(bound: Double.random(in: 0...1, using: &random), fraction: Double.random(in: 0...1, using: &random))
            }
            return .bands(bands, direction: direction)
        default: return .boolean
        }
    }

    static func measure(_ random: inout SplitMix64) -> Measure {
        switch Int.random(in: 0..<13, using: &random) {
        case 0..<6: .material(MaterialAggregate.allCases[Int.random(in: 0..<6, using: &random)])
        case 6: .inspection(check: checks.randomElement(using: &random)!)
        case 7:
            .survey(
                survey: "sv", question: questions.randomElement(using: &random)!,
                statistic: .satisfiedRate(satisfiedAt: UInt32.random(in: 1...5, using: &random)))
        case 8: .survey(survey: "sv", question: questions.randomElement(using: &random)!, statistic: .meanNormalized)
        case 9: .feed(metric: metrics.randomElement(using: &random)!, aggregate: .mean)
        case 10: .feed(metric: metrics.randomElement(using: &random)!, aggregate: .sum)
        case 11: .feed(metric: metrics.randomElement(using: &random)!, aggregate: .last)
        default:
            .feed(metric: metrics.randomElement(using: &random)!, aggregate: .ratioDays(Condition(.atMost, Double.random(in: 0...1, using: &random))))
        }
    }

    static func framework(_ random: inout SplitMix64) -> PublishedFramework {
        var leafNumber = 0
        func maybeGate(_ random: inout SplitMix64) -> NodeGate? {
            Int.random(in: 0..<4, using: &random) == 0 ? NodeGate(minimumFraction: Double.random(in: 0...1, using: &random)) : nil
        }
        let categories = (0..<Int.random(in: 1...3, using: &random)).map { categoryIndex in
            let items = (0..<Int.random(in: 1...3, using: &random)).map { itemIndex in
                let leaves = (0..<Int.random(in: 1...4, using: &random)).map { _ in
                    leafNumber += 1
                    let assigned = Self.units.filter { _ in Bool.random(using: &random) }
                    return EvaluationFixture.leaf(
                        "L\(leafNumber)", points: Double(Int.random(in: 1...40, using: &random)) / 4, measure(&random), scoring: rule(&random),
                        gate: Bool.random(using: &random) ? LeafGate(Condition(.atLeast, Double.random(in: 0...1, using: &random))) : nil,
                        minimumSamples: Int.random(in: 0..<5, using: &random) == 0 ? Int.random(in: 1...4, using: &random) : nil,
                        perBlock: Bool.random(using: &random), units: assigned.isEmpty ? ["u1"] : assigned)
                }
                return (code: "I\(categoryIndex).\(itemIndex)", gate: maybeGate(&random), leaves: leaves)
            }
            return EvaluationFixture.category("C\(categoryIndex)", gate: maybeGate(&random), items: items)
        }
        return EvaluationFixture.framework(categories, passScore: Double.random(in: 0...50, using: &random))
    }

    static func records(for framework: Framework, _ random: inout SplitMix64) -> EvaluationRecords {
        let materialCodes = framework.categories.flatMap(\.items).flatMap(\.indicators).filter { $0.method == .material }.map(\.code)
        var records = EvaluationRecords()
        func time(_ random: inout SplitMix64) -> Int64 {
            // Mostly October, a few days either side.
            EvaluationFixture.at(
                day: Int.random(in: -1...33, using: &random), hour: Int.random(in: 0...23, using: &random),
                minute: Int.random(in: 0...59, using: &random))
        }
        for _ in 0..<Int.random(in: 20...150, using: &random) {
            switch Int.random(in: 0..<4, using: &random) {
            case 0 where !materialCodes.isEmpty:
                let period = ["2026-10", "2026-10", "2026-10-01..2026-10-15", "2026-09", "2026-Q4"].randomElement(using: &random)!
                let number = Bool.random(using: &random)
                records.material(
                    units.randomElement(using: &random)!, materialCodes.randomElement(using: &random)!,
                    value: number ? Double.random(in: 0...1, using: &random) : nil, provided: number ? nil : Bool.random(using: &random),
                    period: period)
            case 1:
                let results = (0..<Int.random(in: 1...4, using: &random)).map { _ in
                    (code: Self.checks.randomElement(using: &random)!, passed: Bool.random(using: &random))
                }
                records.inspection(["p1", "p2", "p3", "p9"].randomElement(using: &random)!, at: time(&random), results)
            case 2:
                let straight = Int.random(in: 0..<6, using: &random) == 0
                let fixed = UInt32.random(in: 1...5, using: &random)
                let answers = questions.shuffled(using: &random).prefix(Int.random(in: 1...6, using: &random)).map {
                    (question: $0, answer: straight ? fixed : UInt32.random(in: 1...5, using: &random))
                }
                records.survey(
                    respondent: "r\(Int.random(in: 0..<15, using: &random))", subcommand: [nil, "s1", "s2"].randomElement(using: &random)!,
                    at: time(&random), duration: UInt32.random(in: 0...200, using: &random), answers)
            default:
                records.feed(
                    metrics.randomElement(using: &random)!, subcommand: [nil, "s1", "s2"].randomElement(using: &random)!, at: time(&random),
                    Double.random(in: 0...1, using: &random))
            }
        }
        return records
    }
}
