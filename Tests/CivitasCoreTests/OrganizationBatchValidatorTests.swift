import CivitasCore
import Testing

/// An import refused with only its first problem costs the city one round trip per
/// mistake: the validator must list every problem, each pinned to record and field.
@Suite("OrganizationBatchValidator")
struct OrganizationBatchValidatorTests {
    let validator = OrganizationBatchValidator(subcommands: ["sc-01": true, "sc-02": true, "sc-old": false])

    @Test("a clean batch has no problems")
    func cleanBatches() {
        #expect(validator.problems(subcommands: [Subcommand(id: "sc-03", name: "Third")]).isEmpty)
        #expect(validator.problems(units: [
            WorkUnit(id: "u1", name: "Unit 1", subcommand: "sc-01"),
            WorkUnit(id: "u2", name: "HQ line unit", subcommand: nil),  // HQ lines of work have no block
        ]).isEmpty)
        #expect(validator.problems(points: [
            InspectionPoint(id: "p1", name: "Market", subcommand: "sc-02", type: "market",
                            location: Coordinates(latitude: 30, longitude: 120)),
        ]).isEmpty)
        #expect(validator.problems(subcommands: []).isEmpty)
    }

    @Test("every problem of every record is listed, with index, record and field")
    func listsEverything() {
        let problems = validator.problems(subcommands: [
            Subcommand(id: "ok", name: "Fine"),
            Subcommand(id: "-bad", name: ""),
            Subcommand(id: "also-ok", name: "Fine too"),
            Subcommand(id: "", name: "   "),
        ])
        #expect(problems.map { [String($0.index), $0.record, $0.field] } == [
            ["1", "-bad", "id"], ["1", "-bad", "name"],
            ["3", "", "id"], ["3", "", "name"],
        ])
        #expect(problems[1].reason == "is empty")
    }

    @Test("a repeated id flags the later record and names the earlier index")
    func duplicates() {
        let problems = validator.problems(units: [
            WorkUnit(id: "u1", name: "A", subcommand: nil),
            WorkUnit(id: "u2", name: "B", subcommand: nil),
            WorkUnit(id: "u1", name: "C", subcommand: nil),
            WorkUnit(id: "u1", name: "D", subcommand: nil),
        ])
        #expect(problems.count == 2)
        #expect(problems.map(\.index) == [2, 3])
        #expect(problems.allSatisfy { $0.field == "id" && $0.record == "u1" })
        // Both repeats point back at the first occurrence, not at each other.
        #expect(problems.allSatisfy { $0.reason.contains("record 0") })
    }

    @Test("ids differing only in case are distinct records")
    func caseSensitiveIDs() {
        #expect(validator.problems(subcommands: [Subcommand(id: "P1", name: "a"), Subcommand(id: "p1", name: "b")]).isEmpty)
    }

    @Test("units must name an existing, active sub-command")
    func unitReferences() throws {
        let problems = validator.problems(units: [
            WorkUnit(id: "u1", name: "A", subcommand: "sc-99"),
            WorkUnit(id: "u2", name: "B", subcommand: "sc-old"),
            WorkUnit(id: "u3", name: "C", subcommand: "sc-01"),
        ])
        #expect(problems.map(\.index) == [0, 1])
        #expect(problems.allSatisfy { $0.field == "subcommand" })
        #expect(problems[0].reason.contains("does not exist"))
        #expect(problems[0].reason.contains("sc-99"))
        #expect(problems[1].reason.contains("deactivated"))
    }

    @Test("sub-command references are exact (no case folding)")
    func referenceExact() {
        let problems = validator.problems(units: [WorkUnit(id: "u1", name: "A", subcommand: "SC-01")])
        #expect(problems.map(\.field) == ["subcommand"])
    }

    @Test("points: sub-command, type, location and address are all checked")
    func pointProblems() {
        let problems = validator.problems(points: [
            InspectionPoint(id: "p0", name: "no block", subcommand: "", type: "market"),
            InspectionPoint(id: "p1", name: "unknown block", subcommand: "sc-99", type: "market"),
            InspectionPoint(id: "p2", name: "bad type", subcommand: "sc-01", type: "Bus Stop"),
            InspectionPoint(id: "p3", name: "off the map", subcommand: "sc-01", type: "market",
                            location: Coordinates(latitude: 91, longitude: .nan)),
            InspectionPoint(id: "p4", name: "long address", subcommand: "sc-01", type: "market",
                            address: String(repeating: "a", count: 501)),
            InspectionPoint(id: "p5", name: "fine", subcommand: "sc-01", type: "market",
                            address: String(repeating: "a", count: 500)),
            InspectionPoint(id: "p6", name: "deactivated block", subcommand: "sc-old", type: "market"),
        ])
        let found = problems.map { "\($0.index):\($0.field)" }
        #expect(found == ["0:subcommand", "1:subcommand", "2:type", "3:latitude", "3:longitude", "4:address", "6:subcommand"])
        #expect(problems[0].reason.contains("is empty"))
        #expect(problems[6].reason.contains("deactivated"))
    }

    @Test("one record with several faults reports each in field order")
    func severalFaultsOneRecord() {
        let problems = validator.problems(points: [
            InspectionPoint(id: "p1", name: "ok", subcommand: "sc-01", type: "market"),
            InspectionPoint(id: "p1", name: "", subcommand: "", type: "x",
                            location: Coordinates(latitude: .nan, longitude: 0)),
        ])
        #expect(problems.map(\.field) == ["id", "name", "subcommand", "type", "latitude"])
        #expect(problems.allSatisfy { $0.index == 1 && $0.record == "p1" })
    }

    @Test("a huge unknown sub-command name is truncated in the reason")
    func longReferenceTruncated() throws {
        let long = String(repeating: "s", count: 1000)
        let problems = validator.problems(units: [WorkUnit(id: "u1", name: "A", subcommand: long)])
        let reason = try #require(problems.first?.reason)
        #expect(reason.count < 200)
    }
}
