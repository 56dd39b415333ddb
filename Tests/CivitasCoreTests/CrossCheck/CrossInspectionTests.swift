import CivitasCore
import Foundation
import Testing

/// Nobody inspects their own points, loads are within one, the seed decides — over a few
/// hundred random cities, and on the cases that cannot be balanced.
@Suite("Cross-check: cross-inspection assignment")
struct CrossInspectionTests {
    typealias F = CrossCheckFixtures

    static func points(_ owners: [String]) -> [InspectionPoint] {
        owners.enumerated().map { InspectionPoint(id: String(format: "p-%03d", $0.offset), name: "Point \($0.offset)", subcommand: $0.element, type: "market") }
    }

    static func subcommands(_ count: Int) -> [Subcommand] {
        (1...count).map { Subcommand(id: String(format: "sc-%02d", $0), name: "Block \($0)") }
    }

    struct City {
        var points: [InspectionPoint]
        var subcommands: [Subcommand]
    }

    /// A random city: 1–12 sub-commands (some inactive), 0–60 points owned with a skew
    /// (one block often owns far more), some points inactive.
    static func randomCity(_ generator: inout SplitMix64) -> City {
        var subcommands = subcommands(1 + generator.below(12))
        for index in subcommands.indices where generator.below(8) == 0 { subcommands[index].active = false }
        let heavy = generator.below(subcommands.count)
        var points = points((0..<generator.below(61)).map { _ in
            subcommands[generator.below(3) == 0 ? heavy : generator.below(subcommands.count)].id
        })
        for index in points.indices where generator.below(10) == 0 { points[index].active = false }
        return City(points: points, subcommands: subcommands)
    }

    /// Possible exactly when ≥ 2 active sub-commands and none owns more than N − ⌊N/k⌋.
    static func feasible(_ city: City) -> Bool {
        let inspectors = city.subcommands.filter(\.active).map(\.id)
        guard inspectors.count >= 2 else { return false }
        let active = city.points.filter(\.active)
        let base = active.count / inspectors.count
        return inspectors.allSatisfy { id in active.filter { $0.subcommand == id }.count <= active.count - base }
    }

    @Test("random cities: every active point once, never its owner, loads within one, seed-determined")
    func property() throws {
        var generator = SplitMix64(seed: 2026)
        var (assigned, refused, comparable, differing) = (0, 0, 0, 0)
        for _ in 0..<400 {
            let city = Self.randomCity(&generator)
            let seed = generator.next()
            guard Self.feasible(city) else {
                let error = #expect(throws: CivitasError.self) {
                    try CrossInspection.assign(points: city.points, subcommands: city.subcommands, period: F.october, seed: seed)
                }
                #expect(error?.code == .failedPrecondition)
                refused += 1
                continue
            }
            let plan = try CrossInspection.assign(points: city.points, subcommands: city.subcommands, period: F.october, seed: seed)
            let active = city.points.filter(\.active)
            let inspectors = Set(city.subcommands.filter(\.active).map(\.id))
            #expect(plan.assignments.map(\.point) == active.map(\.id).sorted())
            #expect(plan.assignments.allSatisfy { $0.inspector != $0.owner && inspectors.contains($0.inspector) })
            let loads = inspectors.map { plan.loads[$0] ?? 0 }
            #expect(loads.max()! - loads.min()! <= 1)
            // Same seed, same plan, whatever order the organization was listed in.
            let again = try CrossInspection.assign(
                points: city.points.reversed(), subcommands: city.subcommands.reversed(), period: F.october, seed: seed)
            #expect(again == plan)
            // Another seed usually gives another plan once there is room to differ.
            if inspectors.count >= 3 && active.count >= 10 {
                comparable += 1
                let other = try CrossInspection.assign(points: city.points, subcommands: city.subcommands, period: F.october, seed: seed &+ 1)
                if other.assignments != plan.assignments { differing += 1 }
            }
            assigned += 1
        }
        // The generator must exercise both outcomes and the seed comparison.
        #expect(assigned >= 200 && refused >= 20 && comparable >= 100)
        #expect(Double(differing) >= 0.95 * Double(comparable))
    }

    @Test("fewer than two active sub-commands is refused")
    func tooFewSubcommands() {
        var subcommands = Self.subcommands(2)
        subcommands[1].active = false
        let error = #expect(throws: CivitasError.self) {
            try CrossInspection.assign(points: Self.points(["sc-02"]), subcommands: subcommands, period: F.october, seed: 1)
        }
        #expect(error?.code == .failedPrecondition)
        #expect(error?.message.contains("at least two active sub-commands") == true)
        #expect(error?.message.hasSuffix("found 1.") == true)
    }

    @Test("one sub-command owning more than the others can absorb is refused, naming it")
    func overweightOwner() throws {
        // 8 points, 2 sub-commands: loads 4 and 4, so sc-01's 5 points cannot all go to sc-02.
        let error = #expect(throws: CivitasError.self) {
            try CrossInspection.assign(
                points: Self.points(Array(repeating: "sc-01", count: 5) + Array(repeating: "sc-02", count: 3)),
                subcommands: Self.subcommands(2), period: F.october, seed: 1)
        }
        #expect(error?.message.contains("sub-command sc-01 owns 5 of the 8 active points") == true)
        #expect(error?.message.contains("at most 4") == true)
        // 4 and 4: each inspects the other's four.
        let plan = try CrossInspection.assign(
            points: Self.points(Array(repeating: "sc-01", count: 4) + Array(repeating: "sc-02", count: 4)),
            subcommands: Self.subcommands(2), period: F.october, seed: 1)
        #expect(plan.loads == ["sc-01": 4, "sc-02": 4])
        // 10 sub-commands, 30 points, sc-01 owning 27 = N − ⌊30/10⌋: just possible.
        let tight = try CrossInspection.assign(
            points: Self.points(Array(repeating: "sc-01", count: 27) + ["sc-02", "sc-03", "sc-04"]),
            subcommands: Self.subcommands(10), period: F.october, seed: 7)
        #expect(tight.loads.values.allSatisfy { $0 == 3 })
    }

    @Test("CSV rows for inspectors: header, grouped by assigned sub-command, quoted names")
    func csv() throws {
        var points = Self.points(["sc-01", "sc-02", "sc-03"])
        points[0].name = "East market, gate 2"
        let plan = try CrossInspection.assign(points: points, subcommands: Self.subcommands(3), period: F.october, seed: 3)
        let rows = plan.csvRows
        #expect(rows.first == ["point", "point_name", "owner", "assigned_subcommand"])
        #expect(rows.count == 4)
        #expect(rows.dropFirst().map { $0[3] } == rows.dropFirst().map { $0[3] }.sorted())
        #expect(plan.csvText.hasPrefix("point,point_name,owner,assigned_subcommand\r\n"))
        #expect(plan.csvText.contains("p-000,\"East market, gate 2\",sc-01,"))
    }
}
