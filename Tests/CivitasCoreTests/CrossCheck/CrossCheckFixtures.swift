import CivitasCore
import Foundation

/// Small hand-built inputs for the cross-check tests: a city of two sub-commands, an
/// October 2026 period in Asia/Shanghai, and builders for frameworks and stored rows.
enum CrossCheckFixtures {
    static let zone = TimeZone(identifier: "Asia/Shanghai")!
    static let october = try! Period(parsing: "2026-10", timeZone: zone)

    /// sc-01 holds u-01…u-05 and point p-1; sc-02 holds u-06…u-09 and p-2; u-hq is on
    /// one of HQ's lines of work; u-off is inactive.
    static let organization = OrganizationSnapshot(
        subcommands: ["sc-01": true, "sc-02": true],
        units: Dictionary(
            uniqueKeysWithValues: (1...5).map { (String(format: "u-%02d", $0), OrganizationSnapshot.UnitEntry(subcommand: "sc-01", active: true)) }
                + (6...9).map { (String(format: "u-%02d", $0), OrganizationSnapshot.UnitEntry(subcommand: "sc-02", active: true)) }
                + [
                    ("u-hq", OrganizationSnapshot.UnitEntry(subcommand: nil, active: true)),
                    ("u-off", OrganizationSnapshot.UnitEntry(subcommand: "sc-01", active: false)),
                ]),
        points: ["p-1": .init(subcommand: "sc-01", active: true), "p-2": .init(subcommand: "sc-02", active: true)]
    )

    static func unit(_ n: Int) -> String { String(format: "u-%02d", n) }

    static func materialLeaf(
        _ code: String, kind: CodeRegistry.ValueKind = .number, units: [String] = (1...9).map(unit), peer: PeerCheck? = nil,
        contradiction: ContradictionCheck? = nil
    ) -> FrameworkIndicator {
        FrameworkIndicator(
            code: code, name: code, points: 1, measure: .material(kind == .number ? .mean : .share),
            scoring: kind == .number ? .threshold(target: 1, direction: .higherIsBetter) : .boolean,
            material: MaterialDeclaration(valueKind: kind, range: kind == .number ? -1e9...1e9 : nil, units: units),
            peer: peer, contradiction: contradiction)
    }

    static func framework(
        _ leaves: [FrameworkIndicator], graceDays: Int = 0, surveys: [CodeRegistry.Survey] = []
    ) -> Framework {
        Framework(
            code: "test", title: "Test", total: Double(leaves.count), passScore: 0, graceDays: graceDays, surveys: surveys,
            categories: [
                FrameworkCategory(
                    code: "cat", name: "cat", points: Double(leaves.count),
                    items: [FrameworkItem(code: "item", name: "item", points: Double(leaves.count), indicators: leaves)])
            ])
    }

    static func milliseconds(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1000).rounded()) }

    static func hash(_ sequence: Int64) -> ContentHash { ContentHash(words: (0, 0, 0, UInt64(sequence))) }

    /// A report covering the whole of `period` (October by default).
    static func report(
        _ sequence: Int64, unit: String, indicator: String, value: Double?, period: Period = october
    ) -> EvaluationRow.Material {
        EvaluationRow.Material(
            sequence: sequence, contentHash: hash(sequence), unit: unit, indicator: indicator,
            periodStartMilliseconds: milliseconds(period.start), periodEndMilliseconds: milliseconds(period.end), value: value,
            provided: value == nil ? true : nil)
    }

    /// One report per value, from u-01, u-02, … with sequences 1, 2, …
    static func reports(_ values: [Double], indicator: String = "waste") -> [EvaluationRow.Material] {
        values.enumerated().map { report(Int64($0.offset + 1), unit: unit($0.offset + 1), indicator: indicator, value: $0.element) }
    }

    /// 2026-10-15T12:00 local plus `minutes`.
    static func midOctober(plusMinutes minutes: Int64 = 0) -> Int64 {
        milliseconds(october.start) + 14 * 86_400_000 + 12 * 3_600_000 + minutes * 60_000
    }
}
