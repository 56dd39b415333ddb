import CivitasCore
import CivitasStorage
import Foundation

/// Frameworks, records and outcomes for the framework and evaluation storage tests.
enum EvaluationFixture {
    static let shanghai = TimeZone(identifier: "Asia/Shanghai")!

    /// Two leaves, 4 points: `m-rate` (material mean of `units`) and `f-aqi` (feed
    /// ratio_days of `aqi`); declares the feed metric `aqi` with `aqiRange`.
    static func framework(
        code: String = "test-city", title: String = "测试", units: [String] = ["u-1"], aqiRange: ClosedRange<Double> = 0...500
    ) -> Framework {
        Framework(
            code: code, title: title, total: 4, passScore: 2, feedMetrics: [.init(code: "aqi", unit: "AQI", range: aqiRange)],
            categories: [
                FrameworkCategory(code: "env", name: "环境", points: 4, spiritual: true, items: [
                    FrameworkItem(code: "env-all", name: "环境指标", points: 4, indicators: [
                        FrameworkIndicator(
                            code: "m-rate", name: "达标率", points: 2, measure: .material(.mean),
                            scoring: .linear(floor: 0, target: 100, direction: .higherIsBetter),
                            material: MaterialDeclaration(valueKind: .number, range: 0...100, units: units)
                        ),
                        FrameworkIndicator(
                            code: "f-aqi", name: "空气", points: 2, measure: .feed(metric: "aqi", aggregate: .ratioDays(Condition(.atMost, 100))),
                            scoring: .linear(floor: 0, target: 1, direction: .higherIsBetter)
                        ),
                    ]),
                ]),
            ]
        )
    }

    /// The document is the framework's canonical JSON; the hash is a stand-in (storage
    /// treats it as opaque: the service computes the real one).
    static func candidate(_ framework: Framework, sha: String) -> FrameworkCandidate {
        FrameworkCandidate(framework: framework, document: FrameworkDocument.canonicalJSON(framework), documentSHA256: sha)
    }

    static func published(_ publication: FrameworkPublication) -> (StoredFramework, isNew: Bool)? {
        if case .published(let stored, let isNew) = publication { (stored, isNew) } else { nil }
    }

    /// Sub-command sc-1 with unit u-1.
    static func organize(_ database: TenantDatabase) async throws {
        _ = try await database.writeOrganization(.subcommands([Subcommand(id: "sc-1", name: "一")]), mode: .upsert)
        _ = try await database.writeOrganization(.units([WorkUnit(id: "u-1", name: "单位一", subcommand: "sc-1")]), mode: .upsert)
    }

    /// Noon (Shanghai) of a day of March 2025.
    static func march(_ day: Int) -> Date {
        Calendar.gregorian(in: shanghai).date(from: DateComponents(year: 2025, month: 3, day: day, hour: 12))!
    }

    /// Stores one city-wide AQI point; returns its sequence number.
    @discardableResult
    static func submitAQI(_ database: TenantDatabase, key: String, at date: Date, value: Double) async throws -> Int64 {
        let point = FeedPoint(key: key, metric: "aqi", source: "test", observedAt: date, value: value, subcommand: nil)
        let day = Calendar.gregorian(in: shanghai).localDay(date)
        let prepared = PreparedRecord(index: 0, record: point, contentSHA256: contentHash(key), span: DaySpan(first: day, last: day))
        let outcome = try await database.submit(.feeds([prepared]), principal: "cr-test", receivedAt: date, dryRun: false)
        guard let last = outcome.sequences?.upperBound else { throw CivitasError(.internal, "feed point \(key) was not stored") }
        return last
    }

    /// A stand-in content hash, distinct per key.
    static func contentHash(_ key: String) -> Data {
        Data((Array(key.utf8) + Array(repeating: 0, count: 32)).prefix(32))
    }

    /// A one-leaf outcome: enough for the columns and canonical bytes storage keeps.
    static func outcome(
        framework: String = "test-city", version: Int = 1, period: String = "2025-03", scope: EvaluationScope = .city, cutoff: Int64,
        earned: Double = 1.5
    ) -> EvaluationOutcome {
        EvaluationOutcome(
            framework: framework, frameworkVersion: version, frameworkSHA256: "sha-1", period: period, scope: scope, cutoff: cutoff,
            inputDigest: String(repeating: "0", count: 64), earned: earned, maxPoints: 4, eligible: scope == .city ? false : nil,
            leaves: [LeafOutcome(code: "f-aqi", path: "categories[0].items[0].indicators[1]", points: 2, value: earned / 2, fraction: earned / 2,
                                 earned: earned, flags: [], samples: 3)],
            nodes: [], gates: []
        )
    }

    static func period(_ name: String) throws -> Period { try Period(parsing: name, timeZone: shanghai) }
}
