import CivitasCore
import CivitasStorage
import Foundation
import Testing

/// Organization writes: a batch is stored whole or refused whole with every problem
/// listed, and re-importing the same file changes nothing.
@Suite("TenantDatabase organization writes")
struct TenantDatabaseOrganizationWriteTests {
    static let everything = OrganizationQuery(block: .everything, includeInactive: true)

    static let subcommands = [
        Subcommand(id: "sc-01", name: "First block"),
        Subcommand(id: "sc-02", name: "Second block"),
        Subcommand(id: "sc-03", name: "Third block"),
    ]

    static func seed(_ database: TenantDatabase) async throws {
        let result = try await database.writeOrganization(.subcommands(subcommands), mode: .create)
        #expect(result == .written(OrganizationWriteSummary(created: 3)))
    }

    @Test("created entities read back as written", arguments: [OrganizationWriteMode.create, .upsert])
    func createAndRead(_ mode: OrganizationWriteMode) async throws {
        try await withTenantDatabase { database in
            try await Self.seed(database)
            let units = [
                WorkUnit(id: "u.edu", name: "Education bureau", subcommand: nil),
                WorkUnit(id: "u1", name: "Street office", subcommand: "sc-01"),
            ]
            let points = [
                InspectionPoint(id: "P0001", name: "East market", subcommand: "sc-01", type: "market",
                                address: "1 East Road", location: Coordinates(latitude: 30.274084, longitude: 120.155070)),
                InspectionPoint(id: "P0002", name: "Bus stop", subcommand: "sc-02", type: "bus_stop"),
            ]
            #expect(try await database.writeOrganization(.units(units), mode: mode) == .written(.init(created: 2)))
            #expect(try await database.writeOrganization(.points(points), mode: mode) == .written(.init(created: 2)))

            #expect(try await database.subcommands(Self.everything).items == Self.subcommands)
            #expect(try await database.units(Self.everything).items == units.sorted { $0.id < $1.id })
            #expect(try await database.points(Self.everything).items == points)
            #expect(try await database.subcommand(ofUnit: "u1") == "sc-01")
            #expect(try await database.subcommand(ofUnit: "u.edu") == nil)
            #expect(try await database.subcommand(ofUnit: "nobody") == nil)
            #expect(try await database.isActive(.point, id: "P0001") == true)
            #expect(try await database.isActive(.unit, id: "nobody") == nil)
        }
    }

    @Test("a batch knows its kind and size")
    func batchKindAndCount() {
        #expect(OrganizationBatch.subcommands(Self.subcommands).kind == .subcommand)
        #expect(OrganizationBatch.subcommands(Self.subcommands).count == 3)
        #expect(OrganizationBatch.units([]).kind == .unit)
        #expect(OrganizationBatch.units([]).count == 0)
        #expect(OrganizationBatch.points([InspectionPoint(id: "p", name: "n", subcommand: "sc", type: "market")]).kind == .point)
        #expect(OrganizationBatch.points([InspectionPoint(id: "p", name: "n", subcommand: "sc", type: "market")]).count == 1)
    }

    @Test("an empty batch writes nothing and succeeds", arguments: [OrganizationWriteMode.create, .update, .upsert])
    func emptyBatch(_ mode: OrganizationWriteMode) async throws {
        let result = try await withTenantDatabase { database in
            try await database.writeOrganization(.units([]), mode: mode)
        }
        #expect(result == .written(.init()))
    }

    // MARK: All or nothing

    @Test("one bad record among good ones refuses the whole batch and stores nothing")
    func allOrNothing() async throws {
        try await withTenantDatabase { database in
            try await Self.seed(database)
            let result = try await database.writeOrganization(.units([
                WorkUnit(id: "u1", name: "Good", subcommand: "sc-01"),
                WorkUnit(id: "u2", name: "Good too", subcommand: nil),
                WorkUnit(id: "u3", name: "Bad", subcommand: "sc-99"),
                WorkUnit(id: "u4", name: "Good again", subcommand: "sc-02"),
            ]), mode: .upsert)
            let problems = try #require(result.problems)
            #expect(problems.map { "\($0.index) \($0.record) \($0.field)" } == ["2 u3 subcommand"])
            #expect(try await database.units(Self.everything).items.isEmpty)
        }
    }

    @Test("a refused upsert leaves existing rows as they were")
    func refusedUpdateKeepsOldValues() async throws {
        try await withTenantDatabase { database in
            try await Self.seed(database)
            let result = try await database.writeOrganization(.subcommands([
                Subcommand(id: "sc-01", name: "Renamed"),
                Subcommand(id: "sc-02", name: ""),
            ]), mode: .upsert)
            #expect(result.problems?.count == 1)
            #expect(try await database.subcommands(Self.everything).items == Self.subcommands)
        }
    }

    @Test("every problem of the batch is listed, ordered by record")
    func everyProblemListed() async throws {
        try await withTenantDatabase { database in
            try await Self.seed(database)
            let result = try await database.writeOrganization(.points([
                InspectionPoint(id: "p1", name: "ok", subcommand: "sc-01", type: "market"),
                InspectionPoint(id: "p 2", name: "", subcommand: "sc-01", type: "market"),
                InspectionPoint(id: "p3", name: "x", subcommand: "", type: "Market",
                                location: Coordinates(latitude: -95, longitude: 190)),
                InspectionPoint(id: "p1", name: "dup", subcommand: "sc-01", type: "market"),
            ]), mode: .create)
            let problems = try #require(result.problems)
            #expect(problems.map(\.index) == problems.map(\.index).sorted())
            #expect(Set(problems.map { "\($0.index):\($0.field)" }) == [
                "1:id", "1:name", "2:subcommand", "2:type", "2:latitude", "2:longitude", "3:id",
            ])
            #expect(problems.first { $0.index == 3 }?.reason.contains("record 0") == true)
            #expect(try await database.points(Self.everything).items.isEmpty)
        }
    }

    // MARK: Modes

    @Test("create refuses ids that already exist, naming each")
    func createExisting() async throws {
        try await withTenantDatabase { database in
            try await Self.seed(database)
            let result = try await database.writeOrganization(.subcommands([
                Subcommand(id: "sc-04", name: "New"),
                Subcommand(id: "sc-02", name: "Again"),
            ]), mode: .create)
            #expect(result == .refused([RecordProblem(index: 1, record: "sc-02", field: "id", reason: "already exists")]))
            #expect(try await database.subcommands(Self.everything).items == Self.subcommands)
        }
    }

    @Test("update refuses ids that do not exist")
    func updateMissing() async throws {
        try await withTenantDatabase { database in
            try await Self.seed(database)
            let result = try await database.writeOrganization(.subcommands([
                Subcommand(id: "sc-01", name: "Renamed"),
                Subcommand(id: "sc-09", name: "Nobody"),
            ]), mode: .update)
            #expect(result == .refused([RecordProblem(index: 1, record: "sc-09", field: "id", reason: "does not exist")]))
            #expect(try await database.subcommands(Self.everything).items == Self.subcommands)
        }
    }

    @Test("update changes what exists")
    func update() async throws {
        try await withTenantDatabase { database in
            try await Self.seed(database)
            let result = try await database.writeOrganization(.subcommands([Subcommand(id: "sc-02", name: "Renamed")]), mode: .update)
            #expect(result == .written(.init(updated: 1)))
            #expect(try await database.subcommands(Self.everything).items.map(\.name) == ["First block", "Renamed", "Third block"])
        }
    }

    @Test("create always stores active entities, whatever the request says")
    func createIsActive() async throws {
        try await withTenantDatabase { database in
            _ = try await database.writeOrganization(.subcommands([Subcommand(id: "sc-01", name: "A", active: false)]), mode: .create)
            _ = try await database.writeOrganization(.units([WorkUnit(id: "u1", name: "U", subcommand: "sc-01", active: false)]), mode: .create)
            #expect(try await database.isActive(.subcommand, id: "sc-01") == true)
            #expect(try await database.isActive(.unit, id: "u1") == true)
        }
    }

    // MARK: Re-imports

    @Test("upsert counts created, updated and unchanged records")
    func upsertCounts() async throws {
        try await withTenantDatabase { database in
            try await Self.seed(database)
            let points = (1...4).map {
                InspectionPoint(id: "p\($0)", name: "Point \($0)", subcommand: "sc-01", type: "market",
                                location: Coordinates(latitude: 30.1 + Double($0) / 7, longitude: 120.3))
            }
            #expect(try await database.writeOrganization(.points(points), mode: .upsert) == .written(.init(created: 4)))
            // Re-importing the same file changes nothing (floating point coordinates included).
            #expect(try await database.writeOrganization(.points(points), mode: .upsert) == .written(.init(unchanged: 4)))

            var changed = points
            changed[1].name = "Renamed"
            changed[2].location = nil
            changed.append(InspectionPoint(id: "p5", name: "New", subcommand: "sc-02", type: "school_surroundings"))
            #expect(try await database.writeOrganization(.points(changed), mode: .upsert)
                == .written(.init(created: 1, updated: 2, unchanged: 2)))
            #expect(try await database.points(Self.everything).items == changed)
        }
    }

    @Test("a re-import that only moves a unit to another block counts as updated")
    func moveUnit() async throws {
        try await withTenantDatabase { database in
            try await Self.seed(database)
            _ = try await database.writeOrganization(.units([WorkUnit(id: "u1", name: "U", subcommand: "sc-01")]), mode: .upsert)
            #expect(try await database.writeOrganization(.units([WorkUnit(id: "u1", name: "U", subcommand: "sc-02")]), mode: .upsert)
                == .written(.init(updated: 1)))
            #expect(try await database.writeOrganization(.units([WorkUnit(id: "u1", name: "U", subcommand: nil)]), mode: .upsert)
                == .written(.init(updated: 1)))
            #expect(try await database.subcommand(ofUnit: "u1") == nil)
        }
    }

    // MARK: Dry runs

    @Test("a dry run returns the real summary and stores nothing")
    func dryRun() async throws {
        try await withTenantDatabase { database in
            try await Self.seed(database)
            let batch = OrganizationBatch.subcommands([
                Subcommand(id: "sc-01", name: "First block"),
                Subcommand(id: "sc-02", name: "Renamed"),
                Subcommand(id: "sc-04", name: "New"),
            ])
            let dry = try await database.writeOrganization(batch, mode: .upsert, dryRun: true)
            #expect(dry == .written(.init(created: 1, updated: 1, unchanged: 1)))
            #expect(try await database.subcommands(Self.everything).items == Self.subcommands)
            // The real write reports the same.
            #expect(try await database.writeOrganization(batch, mode: .upsert) == dry)
        }
    }

    @Test("a dry run reports the same problems as the real write")
    func dryRunProblems() async throws {
        try await withTenantDatabase { database in
            let batch = OrganizationBatch.units([WorkUnit(id: "u1", name: "", subcommand: "sc-77")])
            let dry = try await database.writeOrganization(batch, mode: .upsert, dryRun: true)
            #expect(dry.problems?.map(\.field) == ["name", "subcommand"])
            #expect(try await database.writeOrganization(batch, mode: .upsert) == dry)
        }
    }

    // MARK: Deactivation

    @Test("a sub-command with active units or points cannot be deactivated", arguments: [OrganizationKind.unit, .point])
    func deactivateWithChildren(_ child: OrganizationKind) async throws {
        try await withTenantDatabase { database in
            try await Self.seed(database)
            switch child {
            case .unit: _ = try await database.writeOrganization(.units([WorkUnit(id: "c1", name: "C", subcommand: "sc-01")]), mode: .create)
            default: _ = try await database.writeOrganization(.points([InspectionPoint(id: "c1", name: "C", subcommand: "sc-01", type: "market")]), mode: .create)
            }
            let error = await #expect(throws: CivitasError.self) {
                try await database.deactivate(.subcommand, id: "sc-01")
            }
            #expect(error?.code == .failedPrecondition)
            #expect(try await database.isActive(.subcommand, id: "sc-01") == true)

            // Once the child is deactivated, the sub-command can follow.
            _ = try await database.deactivate(child, id: "c1")
            let deactivated = try await database.deactivate(.subcommand, id: "sc-01")
            #expect(deactivated == .subcommand(Subcommand(id: "sc-01", name: "First block", active: false)))
            #expect(try await database.isActive(.subcommand, id: "sc-01") == false)
        }
    }

    @Test("deactivating is idempotent and keeps the entity's data", arguments: OrganizationKind.allCases)
    func deactivateTwice(_ kind: OrganizationKind) async throws {
        try await withTenantDatabase { database in
            try await Self.seed(database)
            _ = try await database.writeOrganization(.units([WorkUnit(id: "x1", name: "U", subcommand: "sc-02")]), mode: .create)
            _ = try await database.writeOrganization(.points([InspectionPoint(id: "x1", name: "P", subcommand: "sc-02", type: "market", address: "here")]), mode: .create)
            let id = kind == .subcommand ? "sc-03" : "x1"
            let first = try await database.deactivate(kind, id: id, now: date(10))
            let second = try await database.deactivate(kind, id: id, now: date(20))
            #expect(first == second)
            switch first {
            case .subcommand(let s): #expect(s == Subcommand(id: "sc-03", name: "Third block", active: false))
            case .unit(let u): #expect(u == WorkUnit(id: "x1", name: "U", subcommand: "sc-02", active: false))
            case .point(let p): #expect(p == InspectionPoint(id: "x1", name: "P", subcommand: "sc-02", type: "market", address: "here", active: false))
            }
            #expect(try await database.isActive(kind, id: id) == false)
        }
    }

    @Test("deactivating an unknown entity is notFound", arguments: OrganizationKind.allCases)
    func deactivateUnknown(_ kind: OrganizationKind) async throws {
        try await withTenantDatabase { database in
            let error = await #expect(throws: CivitasError.self) { try await database.deactivate(kind, id: "ghost") }
            #expect(error?.code == .notFound)
            #expect(error?.message.contains("ghost") == true)
        }
    }

    @Test("an import cannot deactivate a sub-command that still has active children")
    func importDeactivationRefused() async throws {
        try await withTenantDatabase { database in
            try await Self.seed(database)
            _ = try await database.writeOrganization(.units([WorkUnit(id: "u1", name: "U", subcommand: "sc-02")]), mode: .create)
            let result = try await database.writeOrganization(.subcommands([
                Subcommand(id: "sc-01", name: "First block", active: false),
                Subcommand(id: "sc-02", name: "Second block", active: false),
            ]), mode: .upsert)
            #expect(result.problems?.map { "\($0.index) \($0.record) \($0.field)" } == ["1 sc-02 active"])
            // All or nothing: sc-01, which could have been deactivated, was not.
            #expect(try await database.isActive(.subcommand, id: "sc-01") == true)
        }
    }

    @Test("new units and points cannot join a deactivated sub-command")
    func deactivatedBlockClosed() async throws {
        try await withTenantDatabase { database in
            try await Self.seed(database)
            _ = try await database.deactivate(.subcommand, id: "sc-03")
            let units = try await database.writeOrganization(.units([WorkUnit(id: "u1", name: "U", subcommand: "sc-03")]), mode: .create)
            #expect(units.problems?.first?.reason.contains("deactivated") == true)
            let points = try await database.writeOrganization(.points([InspectionPoint(id: "p1", name: "P", subcommand: "sc-03", type: "market")]), mode: .create)
            #expect(points.problems?.first?.reason.contains("deactivated") == true)
            #expect(try await database.units(Self.everything).items.isEmpty)
            #expect(try await database.points(Self.everything).items.isEmpty)
        }
    }

    @Test("a deactivated sub-command can be reactivated by an upsert")
    func reactivate() async throws {
        try await withTenantDatabase { database in
            try await Self.seed(database)
            _ = try await database.deactivate(.subcommand, id: "sc-03")
            let result = try await database.writeOrganization(.subcommands([Subcommand(id: "sc-03", name: "Third block")]), mode: .upsert)
            #expect(result == .written(.init(updated: 1)))
            #expect(try await database.isActive(.subcommand, id: "sc-03") == true)
        }
    }
}
