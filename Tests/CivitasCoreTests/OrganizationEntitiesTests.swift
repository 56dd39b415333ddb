import CivitasCore
import Testing

@Suite("Organization entities")
struct OrganizationEntitiesTests {
    @Test("new entities are active, and points start without address or location")
    func defaults() {
        #expect(Subcommand(id: "sc", name: "n").active)
        #expect(WorkUnit(id: "u", name: "n", subcommand: nil).active)
        let point = InspectionPoint(id: "p", name: "n", subcommand: "sc", type: "market")
        #expect(point.active)
        #expect(point.address == "")
        #expect(point.location == nil)
    }

    @Test(
        "kinds are named as the CLI and messages name them",
        arguments: [(OrganizationKind.subcommand, "subcommand", "subcommands"), (.unit, "unit", "units"), (.point, "point", "points")]
    )
    func kindNames(_ kind: OrganizationKind, _ singular: String, _ plural: String) {
        #expect(kind.rawValue == singular)
        #expect(kind.plural == plural)
        #expect(OrganizationKind(rawValue: singular) == kind)
    }

    @Test("entities compare by every field, so a re-import can tell 'unchanged' from 'updated'")
    func equality() {
        let point = InspectionPoint(id: "p", name: "n", subcommand: "sc", type: "market", location: Coordinates(latitude: 1, longitude: 2))
        var moved = point
        moved.location = Coordinates(latitude: 1, longitude: 2.000001)
        #expect(point != moved)
        var deactivated = point
        deactivated.active = false
        #expect(point != deactivated)
        #expect(WorkUnit(id: "u", name: "n", subcommand: nil) != WorkUnit(id: "u", name: "n", subcommand: "sc"))
    }
}
