import CivitasCore
import Foundation
import Testing

/// Overdue findings climb unit → sub-command → HQ, one level per run, each level getting
/// the unit's window again.
@Suite("Cross-check: graded supervision")
struct GradedSupervisionTests {
    typealias W = WorkflowFixtures

    /// Assigned at t0 + 1 h, due t0 + 7 d: a window of 7 d − 1 h.
    let assigned = W.state(.assigned)
    let window = 7 * W.day - 3600

    @Test("an overdue finding escalates one level, with a new due date and a recorded move")
    func oneLevel() throws {
        let now = W.t0 + 8 * W.day
        let escalation = try #require(GradedSupervision.escalate([assigned], now: now).only)
        #expect(escalation.from == .unit && escalation.to == .subcommand)
        #expect(escalation.state.level == .subcommand && escalation.state.status == .assigned)
        #expect(escalation.state.dueAt == now + window)
        #expect(escalation.move.action == "escalate" && escalation.move.by == "system:graded-supervision" && escalation.move.role == nil)
        #expect(escalation.move.at == now && escalation.move.note.contains("sub-command sc-01"))
        #expect(escalation.state.history.last == escalation.move)
        // Running again at the same instant moves nothing: the new due date is ahead.
        #expect(GradedSupervision.escalate([escalation.state], now: now).isEmpty)
    }

    @Test("sub-command escalates to HQ; a finding at HQ stays there, still overdue")
    func toHQAndStays() throws {
        let atSubcommand = try #require(GradedSupervision.escalate([assigned], now: W.t0 + 8 * W.day).only).state
        let later = W.t0 + 8 * W.day + window + 1
        let atHQ = try #require(GradedSupervision.escalate([atSubcommand], now: later).only)
        #expect(atHQ.from == .subcommand && atHQ.to == .hq && atHQ.state.dueAt == later + window)
        let muchLater = later + 100 * W.day
        #expect(GradedSupervision.escalate([atHQ.state], now: muchLater).isEmpty)
        #expect(GradedSupervision.overdue([atHQ.state], now: muchLater)[.hq]?.map(\.findingID) == [assigned.findingID])
    }

    @Test("a unit on an HQ line of work escalates straight to HQ")
    func noSubcommand() throws {
        let finding = W.finding(unit: "u-hq", subcommand: nil)
        let open = try FindingState.opening(finding, by: .system("cross-check"), at: W.t0)
        let state = try open.applying(.assign(unit: "u-hq", dueAt: W.t0 + W.day), by: W.hq, at: W.t0, organization: CrossCheckFixtures.organization).state
        #expect(try #require(GradedSupervision.escalate([state], now: W.t0 + 2 * W.day).only).to == .hq)
    }

    @Test("only findings waiting on their unit past the due date are overdue")
    func notOverdue() {
        let due = W.t0 + 7 * W.day
        // Exactly at the due date is not past it.
        #expect(GradedSupervision.escalate([assigned], now: due).isEmpty)
        // Rectified (waiting on HQ), verified, dismissed and open findings never escalate.
        let others = [FindingStatus.open, .rectified, .verified, .dismissed].map { W.state($0) }
        #expect(GradedSupervision.escalate(others, now: due + 100 * W.day).isEmpty)
        // Reopened findings do, from their new due date (t0 + 10 d).
        #expect(GradedSupervision.escalate([W.state(.reopened)], now: W.t0 + 10 * W.day + 1).count == 1)
    }

    @Test("overdue lists findings by level, longest overdue first")
    func overdueByLevel() throws {
        let other = try W.state(.open, finding: W.finding(unit: "u-02"))
            .applying(.assign(unit: "u-02", dueAt: W.t0 + 5 * W.day), by: W.hq, at: W.t0, organization: CrossCheckFixtures.organization).state
        let now = W.t0 + 8 * W.day
        let listing = GradedSupervision.overdue([assigned, other, W.state(.rectified)], now: now)
        #expect(listing.keys.sorted() == [.unit])
        #expect(listing[.unit]?.map(\.findingID) == [other.findingID, assigned.findingID])
    }
}
