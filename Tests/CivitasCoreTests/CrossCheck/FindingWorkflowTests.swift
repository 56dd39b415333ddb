import CivitasCore
import Foundation
import Testing

/// Rectification (DOMAIN §7) as a state machine: every illegal move and every
/// unauthorized actor is refused with a sentence, and every accepted move is recorded.
@Suite("Cross-check: rectification workflow")
struct FindingWorkflowTests {
    typealias W = WorkflowFixtures
    let organization = CrossCheckFixtures.organization

    /// The legal moves, written out by hand (not read from the code under test).
    static let legalFrom: [String: Set<FindingStatus>] = [
        "assign": [.open, .assigned, .reopened],
        "rectify": [.assigned, .reopened],
        "verify": [.rectified],
        "reopen": [.rectified, .verified],
        "dismiss": [.open, .assigned, .rectified, .reopened],
    ]
    static let allowedRoles: [String: Set<Role>] = [
        "assign": [.hq, .subcommand], "rectify": [.unit, .subcommand], "verify": [.hq], "reopen": [.hq], "dismiss": [.hq],
    ]

    /// Someone entitled to `action` on the fixture finding.
    static func entitled(to action: FindingAction) -> Principal { action.name == "rectify" ? W.u01 : W.hq }

    @Test("every status × action: legal moves succeed, illegal ones are refused", arguments: FindingStatus.allCases, W.actions)
    func transitions(_ status: FindingStatus, _ action: FindingAction) throws {
        let state = W.state(status)
        if Self.legalFrom[action.name]!.contains(status) {
            let (next, move) = try state.applying(action, by: Self.entitled(to: action), at: W.now, organization: organization)
            #expect(next.status == action.target)
            #expect(move.from == status && move.to == action.target && move.action == action.name)
            #expect(next.history.last == move && next.history.count == state.history.count + 1)
        } else {
            let error = #expect(throws: CivitasError.self) {
                try state.applying(action, by: Self.entitled(to: action), at: W.now, organization: organization)
            }
            #expect(error?.code == .failedPrecondition)
            #expect(error?.message.contains(state.findingID) == true)
            #expect(error?.message.contains("is \(status.rawValue)") == true)
        }
    }

    @Test("every role × action: roles never entitled are refused", arguments: Role.allCases, W.actions)
    func roles(_ role: Role, _ action: FindingAction) throws {
        guard !Self.allowedRoles[action.name]!.contains(role) else { return }
        // A state where the move itself is legal, so only the role can be at fault.
        let state = W.state(Self.legalFrom[action.name]!.contains(.assigned) ? .assigned : .rectified)
        let error = #expect(throws: CivitasError.self) {
            try state.applying(action, by: W.principal(role, role == .unit ? "u-01" : "sc-01"), at: W.now, organization: organization)
        }
        #expect(error?.code == .permissionDenied)
        #expect(error?.message.contains("\(role.rawValue) credential") == true)
        #expect(error?.message.contains("may not \(action.name)") == true)
    }

    struct Refusal: CustomTestStringConvertible, Sendable {
        var label: String
        var status: FindingStatus
        var action: FindingAction
        var by: Principal
        var finding: Finding = W.finding()
        var code: CivitasError.Code
        var mentions: String
        var testDescription: String { label }
    }

    static let refusals: [Refusal] = [
        Refusal(label: "a unit rectifying another unit's finding", status: .assigned, action: .rectify(note: "x", evidence: W.evidence), by: W.u02, code: .permissionDenied, mentions: "assigned to unit u-01"),
        Refusal(label: "a sub-command rectifying outside its block", status: .assigned, action: .rectify(note: "x", evidence: W.evidence), by: W.sc02, code: .permissionDenied, mentions: "sub-command sc-01"),
        Refusal(label: "a sub-command assigning another block's finding", status: .open, action: .assign(unit: "u-06", dueAt: W.t0 + 20 * W.day), by: W.sc02, code: .permissionDenied, mentions: "own block"),
        Refusal(label: "a sub-command assigning to a unit outside its block", status: .open, action: .assign(unit: "u-06", dueAt: W.t0 + 20 * W.day), by: W.sc01, code: .permissionDenied, mentions: "not in its block"),
        Refusal(label: "a sub-command assigning an HQ finding", status: .open, action: .assign(unit: "u-02", dueAt: W.t0 + 20 * W.day), by: W.sc01, finding: W.finding(unit: nil, subcommand: nil), code: .permissionDenied, mentions: "belongs to HQ"),
        Refusal(label: "a due date not after now", status: .open, action: .assign(unit: "u-02", dueAt: W.now), by: W.hq, code: .invalidArgument, mentions: "due date"),
        Refusal(label: "an unknown unit", status: .open, action: .assign(unit: "u-99", dueAt: W.t0 + 20 * W.day), by: W.hq, code: .invalidArgument, mentions: "no such unit"),
        Refusal(label: "an inactive unit", status: .open, action: .assign(unit: "u-off", dueAt: W.t0 + 20 * W.day), by: W.hq, code: .invalidArgument, mentions: "inactive"),
        Refusal(label: "a rectification without a note", status: .assigned, action: .rectify(note: "  ", evidence: W.evidence), by: W.u01, code: .invalidArgument, mentions: "rectification note"),
        Refusal(label: "a rectification without evidence", status: .assigned, action: .rectify(note: "Done.", evidence: []), by: W.u01, code: .invalidArgument, mentions: "evidence"),
        Refusal(label: "a reopening without a reason", status: .rectified, action: .reopen(reason: "", dueAt: W.t0 + 20 * W.day), by: W.hq, code: .invalidArgument, mentions: "reason for reopening"),
        Refusal(label: "a reopening due in the past", status: .verified, action: .reopen(reason: "Back.", dueAt: W.t0), by: W.hq, code: .invalidArgument, mentions: "new due date"),
        Refusal(label: "a dismissal without a reason", status: .open, action: .dismiss(reason: ""), by: W.hq, code: .invalidArgument, mentions: "reason for dismissal"),
    ]

    @Test("refusals for the wrong block, the wrong unit and bad arguments", arguments: refusals)
    func refused(_ refusal: Refusal) {
        let state = W.state(refusal.status, finding: refusal.finding)
        let error = #expect(throws: CivitasError.self) {
            try state.applying(refusal.action, by: refusal.by, at: W.now, organization: organization)
        }
        #expect(error?.code == refusal.code)
        #expect(error?.message.contains(refusal.mentions) == true, "\(error?.message ?? "")")
        #expect(error?.message.contains(state.findingID) == true)
    }

    @Test("a sub-command assigns within its block and rectifies on its unit's behalf")
    func subcommandWithinBlock() throws {
        let (assigned, _) = try W.state(.open).applying(.assign(unit: "u-02", dueAt: W.t0 + 9 * W.day), by: W.sc01, at: W.now, organization: organization)
        #expect(assigned.unit == "u-02" && assigned.subcommand == "sc-01")
        let (rectified, move) = try assigned.applying(.rectify(note: "Done.", evidence: W.evidence), by: W.sc01, at: W.now + 60, organization: organization)
        #expect(rectified.status == .rectified && move.by == W.sc01.credentialID && move.role == .subcommand)
        #expect(rectified.rectification?.evidence == W.evidence)
    }

    @Test("history records who moved the finding, when, and to whom it was assigned")
    func history() throws {
        var state = try FindingState.opening(W.finding(), by: .system("cross-check"), at: W.t0)
        let steps: [(FindingAction, Principal, TimeInterval)] = [
            (.assign(unit: "u-01", dueAt: W.t0 + 7 * W.day, note: "Please check."), W.hq, 3600),
            (.rectify(note: "Re-counted.", evidence: W.evidence), W.u01, 2 * W.day),
            (.reopen(reason: "Still wrong.", dueAt: W.t0 + 10 * W.day), W.hq, 3 * W.day),
            (.assign(unit: "u-02", dueAt: W.t0 + 12 * W.day), W.sc01, 4 * W.day),
            (.rectify(note: "Fixed for good.", evidence: W.evidence), W.u02, 5 * W.day),
            (.verify(note: "Seen on site."), W.hq, 6 * W.day),
        ]
        for (action, principal, offset) in steps {
            state = try state.applying(action, by: principal, at: W.t0 + offset, organization: organization).state
        }
        #expect(state.status == .verified)
        #expect(state.history.map(\.action) == ["open", "assign", "rectify", "reopen", "assign", "rectify", "verify"])
        #expect(state.history.map(\.by) == ["system:cross-check"] + steps.map { $0.1.credentialID })
        #expect(state.history.map(\.role) == [Role?.none] + steps.map { Optional($0.1.role) })
        #expect(state.history.map(\.at) == [W.t0] + steps.map { W.t0 + $0.2 })
        #expect(state.history.map(\.to) == [.open, .assigned, .rectified, .reopened, .assigned, .rectified, .verified])
        #expect(state.history[3].dueAt == W.t0 + 10 * W.day && state.history[3].note == "Still wrong.")
        #expect(state.history[4].unit == "u-02")
        #expect(state.unit == "u-02")
    }

    @Test("inspectors and HQ record manual findings; other roles and rule findings are refused")
    func opening() throws {
        let manual = W.finding(rule: .manual)
        let byInspector = try FindingState.opening(manual, by: .principal(W.inspector), at: W.t0)
        #expect(byInspector.status == .open && byInspector.history.first?.by == W.inspector.credentialID)
        _ = try FindingState.opening(manual, by: .principal(W.hq), at: W.t0)
        for principal in [W.reader, W.u01, W.sc01, W.operatorPrincipal] {
            let error = #expect(throws: CivitasError.self) { try FindingState.opening(manual, by: .principal(principal), at: W.t0) }
            #expect(error?.code == .permissionDenied)
        }
        let error = #expect(throws: CivitasError.self) { try FindingState.opening(W.finding(), by: .principal(W.inspector), at: W.t0) }
        #expect(error?.code == .invalidArgument)
    }
}
