import CivitasCore
import CivitasStorage
import Foundation
import Testing

/// Reading a period's records into an EvaluationData: the cut-off, the window, and the
/// per-tenant cache that folds in only what landed since.
@Suite("Evaluation data from storage")
struct EvaluationDataStorageTests {
    typealias Fixture = EvaluationFixture
    static let tenant = try! TenantID("data-city")

    private func submitReport(_ database: TenantDatabase, value: Double, period: String) async throws {
        let report = MaterialReport(key: "r-\(period)", unit: "u-1", indicator: "m-rate", period: period, value: .number(value))
        let parsed = try Fixture.period(period)
        let calendar = Calendar.gregorian(in: Fixture.shanghai)
        let prepared = PreparedRecord(
            index: 0, record: report, contentSHA256: Fixture.contentHash(report.key),
            span: DaySpan(first: calendar.localDay(parsed.start), last: calendar.localDay(parsed.end.addingTimeInterval(-0.001))), period: parsed
        )
        _ = try await database.submit(.materials([prepared]), principal: "cr-unit", receivedAt: Fixture.march(1), dryRun: false)
    }

    private func cityLeaves(_ database: TenantDatabase, _ data: EvaluationData) async throws -> [String: Double?] {
        let framework = try await database.publishedFramework("test-city", version: 1)
        let outcome = Evaluator(framework: framework, organization: try await database.organizationSnapshot(), data: data).evaluate(.city)
        return Dictionary(uniqueKeysWithValues: outcome.leaves.map { ($0.code, $0.value) })
    }

    @Test("the cut-off is the last sequence; records outside the window are left out; a later read folds in new records and equals a rebuild")
    func incrementalEqualsRebuild() async throws {
        try await withTemporaryDirectory { directory in
            let incremental = try await withRegistry(in: directory) { registry in
                try await registry.withDatabase(Self.tenant) { database in
                    try await Fixture.organize(database)
                    _ = try await database.publishFramework(Fixture.candidate(Fixture.framework(), sha: "a"), principal: "cr-hq", now: date(0), dryRun: false)
                    try await Fixture.submitAQI(database, key: "k1", at: Fixture.march(3), value: 50)
                    try await Fixture.submitAQI(database, key: "k2", at: Fixture.march(4), value: 150)
                    try await Fixture.submitAQI(database, key: "k3", at: Fixture.march(5), value: 90)
                    try await Fixture.submitAQI(database, key: "feb", at: Fixture.march(1).addingTimeInterval(-86400), value: 300)
                    try await submitReport(database, value: 80, period: "2025-03")
                    try await submitReport(database, value: 10, period: "2025-02")  // reporting period outside March
                    let framework = try await database.publishedFramework("test-city", version: 1)
                    let period = try Fixture.period("2025-03")

                    let before = try await database.evaluationData(for: framework, period: period)
                    #expect(before.cutoff == 6)
                    // Good-air days (daily mean ≤ 100): the 3rd and the 5th of 3 days with data = 2/3;
                    // February's 300 is outside the window. m-rate: u-1's March report alone, 80.
                    let leaves = try await cityLeaves(database, before)
                    #expect(leaves["f-aqi"] == 2.0 / 3.0)
                    #expect(leaves["m-rate"] == 80)

                    let late = try await Fixture.submitAQI(database, key: "k4", at: Fixture.march(6), value: 40)
                    let after = try await database.evaluationData(for: framework, period: period)
                    #expect(after.cutoff == late)
                    #expect(after.inputDigest != before.inputDigest)
                    // 3 good days of 4.
                    #expect(try await cityLeaves(database, after)["f-aqi"] == 0.75)
                    return after.inputDigest
                }
            }
            // A reopened file starts with an empty cache: this read is a rebuild from scratch.
            let rebuilt = try await withRegistry(in: directory) { registry in
                try await registry.withDatabase(Self.tenant) { database in
                    let framework = try await database.publishedFramework("test-city", version: 1)
                    return try await database.evaluationData(for: framework, period: try Fixture.period("2025-03")).inputDigest
                }
            }
            #expect(incremental == rebuilt)
        }
    }

    @Test("a restored file is read afresh: nothing cached from the replaced file survives")
    func restoreDropsTheCache() async throws {
        try await withTemporaryDirectory { directory in
            let backup = directory.appendingPathComponent("backup.sqlite").path
            try await withRegistry(in: directory.appendingPathComponent("tenants")) { registry in
                let period = try Fixture.period("2025-03")
                let cached = try await registry.withDatabase(Self.tenant) { database in
                    try await Fixture.organize(database)
                    _ = try await database.publishFramework(Fixture.candidate(Fixture.framework(), sha: "a"), principal: "cr-hq", now: date(0), dryRun: false)
                    try await Fixture.submitAQI(database, key: "k1", at: Fixture.march(3), value: 50)
                    try await database.backup(to: backup)
                    try await Fixture.submitAQI(database, key: "k2", at: Fixture.march(4), value: 150)
                    let framework = try await database.publishedFramework("test-city", version: 1)
                    return try await database.evaluationData(for: framework, period: period).cutoff
                }
                #expect(cached == 2)
                try registry.verifyBackup(at: backup, of: Self.tenant)
                try registry.replaceFile(of: Self.tenant, with: backup)
                let restored = try await registry.withDatabase(Self.tenant) { database in
                    let framework = try await database.publishedFramework("test-city", version: 1)
                    return try await database.evaluationData(for: framework, period: period)
                }
                #expect(restored.cutoff == 1)
                let leaves = try await registry.withDatabase(Self.tenant) { database in try await cityLeaves(database, restored) }
                // Only the 3rd (50) is in the backup: 1 good day of 1.
                #expect(leaves["f-aqi"] == 1)
            }
        }
    }
}
