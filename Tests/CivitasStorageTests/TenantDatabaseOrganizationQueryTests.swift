import CivitasCore
import CivitasStorage
import Foundation
import Testing

/// Listings: a principal sees only its block ("blocks first"), and keyset paging returns
/// every row exactly once.
@Suite("TenantDatabase organization queries")
struct TenantDatabaseOrganizationQueryTests {
    /// Two blocks, a unit in each, one HQ-line unit without a block, a point in each block,
    /// plus inactive rows that listings hide by default.
    static func seedCity(_ database: TenantDatabase) async throws {
        let writes: [OrganizationBatch] = [
            .subcommands([Subcommand(id: "sc-1", name: "North"), Subcommand(id: "sc-2", name: "South"), Subcommand(id: "sc-3", name: "Empty")]),
            .units([
                WorkUnit(id: "u1", name: "North street office", subcommand: "sc-1"),
                WorkUnit(id: "u1-old", name: "Former office", subcommand: "sc-1", active: false),
                WorkUnit(id: "u2", name: "South street office", subcommand: "sc-2"),
                WorkUnit(id: "u3", name: "Education bureau", subcommand: nil),
            ]),
            .points([
                InspectionPoint(id: "p1", name: "North market", subcommand: "sc-1", type: "market"),
                InspectionPoint(id: "p1-old", name: "Closed market", subcommand: "sc-1", type: "market", active: false),
                InspectionPoint(id: "p2", name: "South bus stop", subcommand: "sc-2", type: "bus_stop"),
            ]),
        ]
        for batch in writes {
            #expect(try await database.writeOrganization(batch, mode: .upsert).summary != nil)
        }
        _ = try await database.deactivate(.subcommand, id: "sc-3")
    }

    struct Visible: Equatable, CustomStringConvertible {
        var subcommands: [String]
        var units: [String]
        var points: [String]
        var description: String { "subcommands \(subcommands), units \(units), points \(points)" }
    }

    static func visible(_ database: TenantDatabase, _ query: OrganizationQuery) async throws -> Visible {
        Visible(
            subcommands: try await database.allIDs(.subcommand, query),
            units: try await database.allIDs(.unit, query),
            points: try await database.allIDs(.point, query)
        )
    }

    @Test(
        "each block filter sees exactly its part of the city",
        arguments: [
            (BlockFilter.everything, Visible(subcommands: ["sc-1", "sc-2"], units: ["u1", "u2", "u3"], points: ["p1", "p2"])),
            (.subcommand("sc-1"), Visible(subcommands: ["sc-1"], units: ["u1"], points: ["p1"])),
            (.subcommand("sc-2"), Visible(subcommands: ["sc-2"], units: ["u2"], points: ["p2"])),
            // A unit sees its sub-command's block …
            (.unit("u2"), Visible(subcommands: ["sc-2"], units: ["u2"], points: ["p2"])),
            // … or, on an HQ line of work, only itself.
            (.unit("u3"), Visible(subcommands: [], units: ["u3"], points: [])),
            // A credential naming a unit that does not exist sees nothing.
            (.unit("ghost"), Visible(subcommands: [], units: [], points: [])),
            (.subcommand("ghost"), Visible(subcommands: [], units: [], points: [])),
        ]
    )
    func blocks(_ block: BlockFilter, _ expected: Visible) async throws {
        try await withTenantDatabase { database in
            try await Self.seedCity(database)
            #expect(try await Self.visible(database, OrganizationQuery(block: block)) == expected)
        }
    }

    @Test("inactive rows appear only with includeInactive")
    func inactive() async throws {
        try await withTenantDatabase { database in
            try await Self.seedCity(database)
            let all = try await Self.visible(database, OrganizationQuery(block: .everything, includeInactive: true))
            #expect(all == Visible(subcommands: ["sc-1", "sc-2", "sc-3"], units: ["u1", "u1-old", "u2", "u3"], points: ["p1", "p1-old", "p2"]))
            let north = try await Self.visible(database, OrganizationQuery(block: .subcommand("sc-1"), includeInactive: true))
            #expect(north == Visible(subcommands: ["sc-1"], units: ["u1", "u1-old"], points: ["p1", "p1-old"]))
        }
    }

    @Test(
        "a request may narrow its block to one sub-command",
        arguments: [
            (BlockFilter.everything, "sc-2", Visible(subcommands: ["sc-2"], units: ["u2"], points: ["p2"])),
            (.subcommand("sc-1"), "sc-1", Visible(subcommands: ["sc-1"], units: ["u1"], points: ["p1"])),
            (.unit("u1"), "sc-1", Visible(subcommands: ["sc-1"], units: ["u1"], points: ["p1"])),
            // An empty filter means no filter.
            (.subcommand("sc-1"), "", Visible(subcommands: ["sc-1"], units: ["u1"], points: ["p1"])),
        ]
    )
    func narrowing(_ block: BlockFilter, _ subcommand: String, _ expected: Visible) async throws {
        try await withTenantDatabase { database in
            try await Self.seedCity(database)
            #expect(try await Self.visible(database, OrganizationQuery(block: block, subcommand: subcommand)) == expected)
        }
    }

    @Test(
        "asking for another block than one's own is permissionDenied, not an empty answer",
        arguments: [
            (BlockFilter.subcommand("sc-1"), "sc-2"),
            (.unit("u1"), "sc-2"),
            (.unit("u3"), "sc-1"),  // an HQ-line unit has no block to widen to
            (.subcommand("sc-1"), "SC-1"),
        ],
        OrganizationKind.allCases
    )
    func outsideBlock(_ case: (block: BlockFilter, subcommand: String), _ kind: OrganizationKind) async throws {
        try await withTenantDatabase { database in
            try await Self.seedCity(database)
            let error = await #expect(throws: CivitasError.self) {
                try await database.allIDs(kind, OrganizationQuery(block: `case`.block, subcommand: `case`.subcommand))
            }
            #expect(error?.code == .permissionDenied)
        }
    }

    // MARK: Paging

    @Test("keyset paging returns every row exactly once, in id order", arguments: [1, 3, 7, 10, 25, 100])
    func paging(_ limit: Int) async throws {
        try await withTenantDatabase { database in
            _ = try await database.writeOrganization(.subcommands([Subcommand(id: "sc", name: "Block")]), mode: .create)
            // 25 units, every fifth inactive, inserted out of order.
            let units = (0..<25).reversed().map {
                WorkUnit(id: String(format: "u%02d", $0), name: "Unit \($0)", subcommand: "sc", active: $0 % 5 != 0)
            }
            _ = try await database.writeOrganization(.units(units), mode: .upsert)

            var pages: [[String]] = []
            var query = OrganizationQuery(block: .everything, limit: limit)
            while true {
                let page = try await database.units(query)
                pages.append(page.items.map(\.id))
                #expect(page.items.count <= limit)
                guard let next = page.nextAfter else { break }
                #expect(next == page.items.last?.id)
                query.after = next
            }
            let active = units.filter(\.active).map(\.id).sorted()
            #expect(pages.flatMap { $0 } == active)
            // No empty trailing page: the last page is announced as last.
            #expect(pages.count == max(1, (active.count + limit - 1) / limit))

            let withInactive = try await database.allIDs(.unit, OrganizationQuery(block: .everything, includeInactive: true, limit: limit))
            #expect(withInactive == units.map(\.id).sorted())
        }
    }

    @Test("paging stays correct while rows are added between pages")
    func pagingStable() async throws {
        try await withTenantDatabase { database in
            let first = (1...6).map { Subcommand(id: "sc-\($0)0", name: "B\($0)") }
            _ = try await database.writeOrganization(.subcommands(first), mode: .create)
            let page1 = try await database.subcommands(OrganizationQuery(block: .everything, limit: 3))
            #expect(page1.items.map(\.id) == ["sc-10", "sc-20", "sc-30"])
            // A row sorting before the cursor and one after it arrive meanwhile.
            _ = try await database.writeOrganization(.subcommands([Subcommand(id: "sc-15", name: "x"), Subcommand(id: "sc-45", name: "y")]), mode: .create)
            let rest = try await database.allIDs(.subcommand, OrganizationQuery(block: .everything, after: page1.nextAfter, limit: 3))
            #expect(rest == ["sc-40", "sc-45", "sc-50", "sc-60"])
        }
    }

    @Test("a limit below one is treated as one, and above 1000 as 1000", arguments: [(0, 1), (-5, 1), (5000, 1000)])
    func limitClamped(_ requested: Int, _ effective: Int) async throws {
        try await withTenantDatabase { database in
            _ = try await database.writeOrganization(.subcommands([Subcommand(id: "sc", name: "Block")]), mode: .create)
            let units = (0..<1001).map { WorkUnit(id: String(format: "u%04d", $0), name: "U", subcommand: "sc") }
            _ = try await database.writeOrganization(.units(units), mode: .create)
            let page = try await database.units(OrganizationQuery(block: .everything, limit: requested))
            #expect(page.items.count == effective)
            #expect(page.nextAfter == page.items.last?.id)
        }
    }

    @Test("paging within a block never leaves it")
    func pagingInBlock() async throws {
        try await withTenantDatabase { database in
            _ = try await database.writeOrganization(.subcommands([Subcommand(id: "a", name: "A"), Subcommand(id: "b", name: "B")]), mode: .create)
            // Interleaved ids so that a page boundary in block a falls between b's rows.
            let points = (0..<20).map {
                InspectionPoint(id: String(format: "p%02d", $0), name: "P", subcommand: $0.isMultiple(of: 2) ? "a" : "b", type: "market")
            }
            _ = try await database.writeOrganization(.points(points), mode: .create)
            let ids = try await database.allIDs(.point, OrganizationQuery(block: .subcommand("b"), limit: 4))
            #expect(ids == points.filter { $0.subcommand == "b" }.map(\.id))
        }
    }
}
