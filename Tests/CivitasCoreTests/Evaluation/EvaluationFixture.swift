import CivitasCore
import Foundation

/// Building blocks for the evaluation tests: frameworks built directly as Swift values,
/// an organization, and records with automatic sequence numbers. The period is October
/// 2026 in Asia/Shanghai (UTC+8, no daylight saving).
enum EvaluationFixture {
    static let zone = TimeZone(identifier: "Asia/Shanghai")!
    static let period = try! Period(parsing: "2026-10", timeZone: zone)

    /// Milliseconds of 2026-10-`day` `hour`:`minute` local time (day 32 = 2026-11-01).
    static func at(day: Int, hour: Int = 12, minute: Int = 0) -> Int64 {
        // 2026-10-01T00:00+08:00 = 2026-09-30T16:00Z.
        let octoberFirst: Int64 = 1_790_784_000_000
        return octoberFirst + Int64(day - 1) * 86_400_000 + Int64(hour) * 3_600_000 + Int64(minute) * 60_000
    }

    static func hash(_ seed: Int) -> ContentHash {
        let word = UInt64(truncatingIfNeeded: seed)
        return ContentHash(words: (word, ~word, word &* 31, word ^ 0xABCD))
    }

    static func leaf(
        _ code: String, points: Double = 10, _ measure: Measure, scoring: ScoringRule = .linear(floor: 0, target: 1, direction: .higherIsBetter),
        gate: LeafGate? = nil, minimumSamples: Int? = nil, perBlock: Bool = false, units: [String] = []
    ) -> FrameworkIndicator {
        let material: MaterialDeclaration? =
            if case .material(let aggregate) = measure {
                MaterialDeclaration(valueKind: [.all, .share].contains(aggregate) ? .provided : .number, units: units)
            } else { nil }
        return FrameworkIndicator(
            code: code, name: code, points: points, measure: measure, scoring: scoring, gate: gate, minimumSamples: minimumSamples,
            perBlock: perBlock, material: material)
    }

    /// One category holding one item per group of leaves; points are the sums.
    static func category(_ code: String, gate: NodeGate? = nil, items: [(code: String, gate: NodeGate?, leaves: [FrameworkIndicator])])
        -> FrameworkCategory
    {
        let built = items.map { item in
            FrameworkItem(
                code: item.code, name: item.code, points: item.leaves.reduce(0) { $0 + $1.points }, gate: item.gate, indicators: item.leaves)
        }
        return FrameworkCategory(code: code, name: code, points: built.reduce(0) { $0 + $1.points }, gate: gate, items: built)
    }

    static func framework(_ categories: [FrameworkCategory], passScore: Double = 0, surveys: [CodeRegistry.Survey] = []) -> PublishedFramework {
        let total = categories.reduce(0) { $0 + $1.points }
        let framework = Framework(code: "test-city", title: "Test", total: total, passScore: passScore, surveys: surveys, categories: categories)
        return PublishedFramework(framework: framework, version: 1, documentSHA256: String(repeating: "ab", count: 32))
    }

    /// A framework of one category with one item holding `leaves`.
    static func framework(leaves: [FrameworkIndicator], passScore: Double = 0) -> PublishedFramework {
        framework([category("c0", items: [("i0", nil, leaves)])], passScore: passScore)
    }

    /// Units u1–u3 and points p1–p2 in block s1; u4 and p3 in s2; u0 on an HQ line.
    static let organization = OrganizationSnapshot(
        subcommands: ["s1": true, "s2": true],
        units: [
            "u0": .init(subcommand: nil, active: true), "u1": .init(subcommand: "s1", active: true),
            "u2": .init(subcommand: "s1", active: true), "u3": .init(subcommand: "s1", active: true),
            "u4": .init(subcommand: "s2", active: true),
        ],
        points: [
            "p1": .init(subcommand: "s1", active: true), "p2": .init(subcommand: "s1", active: true), "p3": .init(subcommand: "s2", active: true),
        ])

    static func evaluate(
        _ framework: PublishedFramework, _ records: EvaluationRecords, scope: EvaluationScope = .city,
        minimumDurations: [String: UInt32] = [:]
    ) -> EvaluationOutcome {
        Evaluator(framework: framework, organization: organization, data: records.data(minimumDurations: minimumDurations)).evaluate(scope)
    }

    /// The one leaf of a one-leaf evaluation.
    static func evaluateLeaf(_ leaf: FrameworkIndicator, _ records: EvaluationRecords, scope: EvaluationScope = .city) -> LeafOutcome? {
        evaluate(framework(leaves: [leaf]), records, scope: scope).leaves.first
    }
}
