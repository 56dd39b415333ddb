import CivitasCore
import CivitasProtos
@testable import CivitasServer
import Foundation
import SwiftProtobuf
import Testing

/// A stored move on the wire: every field the core keeps, a job's move as role `system`,
/// absent unit and due date as empty and unset.
@Suite("Finding moves on the wire")
struct FindingMoveMappingTests {
    static let at = Date(timeIntervalSince1970: 1_793_000_000)

    @Test("a person's assignment: action, role, level, unit and due date after the move")
    func assignment() {
        let due = Self.at.addingTimeInterval(7 * 86_400)
        let move = FindingMove(
            action: "assign", from: .open, to: .assigned, by: "cred-hq-1", role: .hq, at: Self.at, note: "请核实", level: .unit, unit: "u-5",
            dueAt: due)
        let wire = Civitas_V1_FindingMove(move)
        #expect(wire.action == "assign" && wire.fromState == "open" && wire.toState == "assigned")
        #expect(wire.by == "cred-hq-1" && wire.role == "hq" && wire.note == "请核实")
        #expect(wire.at.date == Self.at && wire.level == 0 && wire.unit == "u-5" && wire.dueAt.date == due)
    }

    @Test("graded supervision's escalation: role system, the level it moved to; an opening move has no from state, unit or due date")
    func systemMoves() {
        let due = Self.at.addingTimeInterval(2 * 86_400)
        let escalation = Civitas_V1_FindingMove(
            FindingMove(
                action: "escalate", from: .assigned, to: .assigned, by: "system:job-9", role: nil, at: Self.at, note: "Overdue …",
                level: .subcommand, unit: "u-5", dueAt: due))
        #expect(escalation.action == "escalate" && escalation.role == "system" && escalation.by == "system:job-9")
        #expect(escalation.level == 1 && escalation.unit == "u-5" && escalation.dueAt.date == due)
        let opening = Civitas_V1_FindingMove(
            FindingMove(action: "open", from: nil, to: .open, by: "system:job-1", role: nil, at: Self.at, note: "", level: .unit, unit: nil, dueAt: nil))
        #expect(opening.action == "open" && opening.fromState.isEmpty && opening.role == "system")
        #expect(opening.unit.isEmpty && !opening.hasDueAt && opening.level == 0)
        let atHQ = Civitas_V1_FindingMove(
            FindingMove(action: "escalate", from: .reopened, to: .reopened, by: "system:job-10", role: nil, at: Self.at, note: "", level: .hq, unit: nil, dueAt: due))
        #expect(atHQ.level == 2 && atHQ.toState == "reopened")
    }
}
