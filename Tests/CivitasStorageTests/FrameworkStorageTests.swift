import CivitasCore
import CivitasStorage
import Foundation
import Testing

/// Publishing frameworks: versions, idempotent re-runs, the code registry, refusals.
@Suite("Framework storage")
struct FrameworkStorageTests {
    typealias Fixture = EvaluationFixture
    static let now = date(0)

    @Test("each changed document is the next version of its code; the latest document again returns that version unchanged")
    func versioning() async throws {
        try await withTenantDatabase { database in
            try await Fixture.organize(database)
            let first = try await database.publishFramework(Fixture.candidate(Fixture.framework(), sha: "a"), principal: "cr-hq", now: Self.now, dryRun: false)
            let second = try await database.publishFramework(
                Fixture.candidate(Fixture.framework(title: "第二版"), sha: "b"), principal: "cr-hq", now: Self.now, dryRun: false
            )
            let again = try await database.publishFramework(
                Fixture.candidate(Fixture.framework(title: "第二版"), sha: "b"), principal: "cr-other", now: date(60), dryRun: false
            )
            let other = try await database.publishFramework(
                Fixture.candidate(Fixture.framework(code: "other-city"), sha: "a"), principal: "cr-hq", now: Self.now, dryRun: false
            )
            #expect(Fixture.published(first)?.0.version == 1)
            #expect(Fixture.published(first)?.isNew == true)
            #expect(Fixture.published(second)?.0.version == 2)
            // The deploy script ran twice: same version, first publisher and time kept.
            #expect(Fixture.published(again)?.0 == Fixture.published(second)?.0)
            #expect(Fixture.published(again)?.isNew == false)
            // Versions are counted per code.
            #expect(Fixture.published(other)?.0.version == 1)

            let listed = try await database.frameworks()
            #expect(listed.map { "\($0.code) v\($0.version)" } == ["other-city v1", "test-city v1", "test-city v2"])
            #expect(listed.allSatisfy { $0.document == nil })
            let latest = try #require(try await database.framework("test-city", version: nil))
            #expect(latest.version == 2 && latest.title == "第二版" && latest.publishedBy == "cr-hq")
            #expect(latest.document == FrameworkDocument.canonicalJSON(Fixture.framework(title: "第二版")))
            // 2 of the 4 points are under the spiritual category: all of them here.
            #expect(latest.spiritualShare == 1)
            let parsed = try await database.publishedFramework("test-city", version: 1)
            #expect(parsed.framework == Fixture.framework() && parsed.version == 1 && parsed.documentSHA256 == "a")
        }
    }

    @Test("publishing merges the framework's codes into the registry: its declarations win, other codes stay")
    func registryMerged() async throws {
        try await withTenantDatabase { database in
            try await Fixture.organize(database)
            var declared = CodeRegistry()
            declared.feedMetrics["aqi"] = .init(code: "aqi", unit: "AQI", range: 0...300)
            declared.feedMetrics["pm25"] = .init(code: "pm25", unit: "μg/m³", range: 0...1000)
            try await database.declareCodes(declared, principal: "cr-hq", now: Self.now)
            _ = try await database.publishFramework(Fixture.candidate(Fixture.framework(), sha: "a"), principal: "cr-hq", now: Self.now, dryRun: false)

            let codes = try await database.codes()
            #expect(codes.feedMetrics["aqi"]?.range == 0...500, "the framework's declaration replaces the older one")
            #expect(codes.feedMetrics["pm25"] != nil, "a code the framework does not declare stays")
            #expect(codes.indicators["m-rate"] == CodeRegistry.Indicator(code: "m-rate", method: .material, valueKind: .number, range: 0...100, units: ["u-1"]))
            #expect(codes.indicators["f-aqi"]?.method == .feed)
            // Publication and merge were audited as one write.
            let audit = try await database.verifyAuditLog()
            #expect(audit.intact && audit.entries == 4, "2 organization writes, 1 declaration, 1 publication")
        }
    }

    @Test("a material unit the tenant does not have refuses the publication with its path, and nothing is stored")
    func unknownUnitRefused() async throws {
        try await withTenantDatabase { database in
            try await Fixture.organize(database)
            let refused = try await database.publishFramework(
                Fixture.candidate(Fixture.framework(units: ["u-1", "u-9"]), sha: "a"), principal: "cr-hq", now: Self.now, dryRun: false
            )
            guard case .refused(let problems) = refused else { Issue.record("expected a refusal, got \(refused)"); return }
            #expect(problems.map(\.path) == ["categories[0].items[0].indicators[0].units[1]"])
            #expect(problems.first?.reason.contains("u-9") == true)
            #expect(try await database.frameworks().isEmpty)
            #expect(try await database.codes().indicators.isEmpty)
        }
    }

    @Test("a dry run reports the version it would be given and stores nothing")
    func dryRun() async throws {
        try await withTenantDatabase { database in
            try await Fixture.organize(database)
            let dry = try await database.publishFramework(Fixture.candidate(Fixture.framework(), sha: "a"), principal: "cr-hq", now: Self.now, dryRun: true)
            #expect(Fixture.published(dry)?.0.version == 1)
            #expect(try await database.frameworks().isEmpty)
            #expect(try await database.codes().indicators.isEmpty)
            let real = try await database.publishFramework(Fixture.candidate(Fixture.framework(), sha: "a"), principal: "cr-hq", now: Self.now, dryRun: false)
            #expect(Fixture.published(real)?.0.version == 1)
        }
    }

    @Test("a tenant file from before v3 gains the framework and result tables on open and keeps its data")
    func migratesV2File() async throws {
        try await withTemporaryDirectory { directory in
            let tenant = try TenantID("old-city")
            try await withRegistry(in: directory) { registry in
                try await registry.withDatabase(tenant) { database in try await Fixture.organize(database) }
            }
            // Make it the file a v2 binary wrote.
            let path = directory.appendingPathComponent("old-city.sqlite").path
            try sqlite3(path, "DROP TABLE evaluation_result; DROP TABLE framework_version; DELETE FROM grdb_migrations WHERE identifier LIKE 'v3:%';")
            try await withRegistry(in: directory) { registry in
                try await registry.withDatabase(tenant) { database in
                    #expect(try await database.organizationSnapshot().units["u-1"]?.subcommand == "sc-1")
                    let published = try await database.publishFramework(
                        Fixture.candidate(Fixture.framework(), sha: "a"), principal: "cr-hq", now: Self.now, dryRun: false
                    )
                    #expect(Fixture.published(published)?.0.version == 1)
                }
            }
            #expect(try sqlite3(path, "SELECT identifier FROM grdb_migrations WHERE identifier LIKE 'v3:%'") == "v3: frameworks and evaluation results")
        }
    }
}
