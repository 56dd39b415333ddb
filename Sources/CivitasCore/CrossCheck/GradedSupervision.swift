import Foundation

/// Graded supervision (分级督查, DOMAIN §7): a finding still waiting on its unit past its
/// due date escalates one level — unit → sub-command → HQ (a unit on one of HQ's lines
/// of work has no sub-command and goes straight to HQ). A finding already at HQ stays
/// there and stays overdue: there is no higher level to hand it to.
///
/// **Due date on escalation.** Each level gets a fresh window of the same length the unit
/// had: `new due = now + (due − window start)`, where the window started at the last
/// assign, reopen or escalation. Keeping the old due date would escalate the finding
/// again on the very next run, so the sub-command would never get a chance to act;
/// a fixed extension would need a figure the framework does not have. The status does
/// not change (it still waits on the unit); the move is recorded as `escalate`.
public enum GradedSupervision {
    /// The history name of the actor.
    public static let actor = "system:graded-supervision"

    /// One finding moved up a level.
    public struct Escalation: Hashable, Sendable {
        public var state: FindingState
        public var move: FindingMove
        public var from: SupervisionLevel
        public var to: SupervisionLevel
    }

    /// The escalations due at `now`, one per overdue finding below HQ, ordered by finding
    /// id. Applying them and running again at the same `now` escalates nothing: every new
    /// due date lies after `now`.
    public static func escalate(_ states: [FindingState], now: Date) -> [Escalation] {
        states.filter { $0.isOverdue(at: now) && $0.level < .hq }.sorted { $0.findingID < $1.findingID }.map { state in
            let target: SupervisionLevel = state.level == .unit && state.subcommand != nil ? .subcommand : .hq
            let window = max(state.dueAt!.timeIntervalSince(state.windowStartedAt ?? state.dueAt!), 0)
            var next = state
            next.level = target
            next.dueAt = now.addingTimeInterval(window)
            next.windowStartedAt = now
            let supervisor = target == .subcommand ? "sub-command \(state.subcommand!)" : "HQ"
            let move = FindingMove(
                action: "escalate", from: state.status, to: state.status, by: actor, role: nil, at: now,
                note: "Overdue since \(state.dueAt!.ISO8601Format()); escalated from \(state.level.name) to \(supervisor), "
                    + "due \(next.dueAt!.ISO8601Format()).",
                level: target, unit: state.unit, dueAt: next.dueAt)
            next.history.append(move)
            return Escalation(state: next, move: move, from: state.level, to: target)
        }
    }

    /// The overdue findings at `now` by the level supervising them, each list ordered by
    /// due date (longest overdue first), then finding id. Levels with none are absent.
    public static func overdue(_ states: [FindingState], now: Date) -> [SupervisionLevel: [FindingState]] {
        Dictionary(grouping: states.filter { $0.isOverdue(at: now) }, by: \.level).mapValues { list in
            list.sorted { ($0.dueAt!, $0.findingID) < ($1.dueAt!, $1.findingID) }
        }
    }
}
