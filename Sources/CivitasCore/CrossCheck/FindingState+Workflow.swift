import Foundation

/// Who records a finding: a cross-check run, or a person recording one by hand.
public enum FindingRecorder: Hashable, Sendable {
    /// A job, e.g. `cross-check`; recorded in the history as `system:<name>`.
    case system(String)
    /// HQ or an inspector recording a ``CrossCheckRule/manual`` finding.
    case principal(Principal)
}

extension FindingState {
    /// The state of a newly recorded finding: open, responsible as the finding says,
    /// supervised at unit level, with the opening move in its history.
    public static func opening(_ finding: Finding, by recorder: FindingRecorder, at time: Date) throws(CivitasError) -> FindingState {
        let (by, role): (String, Role?)
        switch recorder {
        case .system(let name):
            (by, role) = ("system:\(name)", nil)
        case .principal(let principal):
            guard principal.role == .hq || principal.role == .inspector else {
                throw .permissionDenied(
                    "Role \(principal.role.rawValue) (credential \(principal.credentialID)) may not record finding \(finding.id); "
                        + "inspectors and HQ record findings.")
            }
            guard finding.rule == .manual else {
                throw .invalidArgument(
                    "Finding \(finding.id) has rule \(finding.rule.rawValue); only cross-check runs record rule findings, "
                        + "a person records rule manual.")
            }
            (by, role) = (principal.credentialID, principal.role)
        }
        let move = FindingMove(
            action: "open", from: nil, to: .open, by: by, role: role, at: time, note: finding.message, level: .unit,
            unit: finding.unit, dueAt: nil)
        return FindingState(
            restoring: finding.id, status: .open, unit: finding.unit, subcommand: finding.subcommand, dueAt: nil,
            windowStartedAt: nil, level: .unit, rectification: nil, history: [move])
    }

    /// Applies `action` asked by `principal` at `time`: the new state (its history ends
    /// with the move) and the move. Refused, with a sentence naming the finding, when the
    /// role may never do it (permission denied), the state does not allow it (failed
    /// precondition), the principal is not the one responsible (permission denied), or
    /// an argument is wrong (invalid argument) — checked in that order.
    ///
    /// - Parameter organization: resolves and checks the unit an assignment names.
    public func applying(
        _ action: FindingAction, by principal: Principal, at time: Date, organization: OrganizationSnapshot
    ) throws(CivitasError) -> (state: FindingState, move: FindingMove) {
        let who = "\(principal.role.rawValue) credential \(principal.credentialID)"
        guard action.allowedRoles.contains(principal.role) else {
            throw .permissionDenied("The \(who) may not \(action.name) finding \(findingID): \(action.whoMay).")
        }
        guard action.allowedFrom.contains(status) else {
            let from = action.allowedFrom.map(\.rawValue).joined(separator: ", ")
            throw .failedPrecondition(
                "Finding \(findingID) is \(status.rawValue) and cannot be \(action.target.rawValue) "
                    + "now; \(action.name) applies only to a finding that is \(from).")
        }
        var next = self
        switch action {
        case .assign(let unit, let dueAt, _):
            let block = try assignee(unit, organization: organization, by: principal, who: who)
            try Self.requireFuture(dueAt, after: time, finding: findingID, field: "due date")
            (next.unit, next.subcommand, next.dueAt, next.windowStartedAt, next.level) = (unit, block, dueAt, time, .unit)
        case .rectify(let note, let evidence):
            try requireResponsible(principal, who: who)
            try Self.requireText(note, finding: findingID, field: "rectification note")
            guard !evidence.isEmpty else {
                throw .invalidArgument("Rectifying finding \(findingID) needs evidence: attach at least one document.")
            }
            next.rectification = Rectification(note: note, evidence: evidence)
        case .verify:
            break
        case .reopen(let reason, let dueAt):
            try Self.requireText(reason, finding: findingID, field: "reason for reopening")
            try Self.requireFuture(dueAt, after: time, finding: findingID, field: "new due date")
            (next.dueAt, next.windowStartedAt, next.level) = (dueAt, time, .unit)
        case .dismiss(let reason):
            try Self.requireText(reason, finding: findingID, field: "reason for dismissal")
        }
        next.status = action.target
        let move = FindingMove(
            action: action.name, from: status, to: next.status, by: principal.credentialID, role: principal.role, at: time,
            note: action.note, level: next.level, unit: next.unit, dueAt: next.dueAt)
        next.history.append(move)
        return (next, move)
    }

    /// The block of the unit being assigned, after checking it exists, is active and —
    /// for a sub-command — that both the finding and the unit are in its block.
    private func assignee(
        _ unit: String, organization: OrganizationSnapshot, by principal: Principal, who: String
    ) throws(CivitasError) -> String? {
        if principal.role == .subcommand, subcommand == nil || subcommand != principal.scope {
            throw .permissionDenied(
                "The \(who) may not assign finding \(findingID): it belongs to \(subcommand.map { "sub-command \($0)" } ?? "HQ"), "
                    + "and a sub-command assigns only findings of its own block.")
        }
        guard let entry = organization.units[unit] else {
            throw .invalidArgument("Cannot assign finding \(findingID) to unit \"\(unit.prefix(64))\": no such unit.")
        }
        guard entry.active else {
            throw .invalidArgument("Cannot assign finding \(findingID) to unit \(unit): the unit is inactive.")
        }
        if principal.role == .subcommand, entry.subcommand != principal.scope {
            throw .permissionDenied(
                "The \(who) may not assign finding \(findingID) to unit \(unit): the unit is not in its block.")
        }
        return entry.subcommand
    }

    /// Units rectify only what is assigned to them; sub-commands only in their block.
    private func requireResponsible(_ principal: Principal, who: String) throws(CivitasError) {
        switch principal.role {
        case .unit where unit == nil || unit != principal.scope:
            throw .permissionDenied(
                "The \(who) may not rectify finding \(findingID): it is assigned to unit \(unit ?? "(none)"), not to \(principal.scope ?? "(no unit)").")
        case .subcommand where subcommand == nil || subcommand != principal.scope:
            throw .permissionDenied(
                "The \(who) may not rectify finding \(findingID): it belongs to \(subcommand.map { "sub-command \($0)" } ?? "HQ"), "
                    + "not to its block.")
        default:
            break
        }
    }

    private static func requireText(_ text: String, finding: String, field: String) throws(CivitasError) {
        guard !text.allSatisfy(\.isWhitespace) else {
            throw .invalidArgument("Finding \(finding): the \(field) is empty; say it in a sentence.")
        }
    }

    private static func requireFuture(_ date: Date, after time: Date, finding: String, field: String) throws(CivitasError) {
        guard date > time else {
            throw .invalidArgument(
                "Finding \(finding): the \(field) \(date.ISO8601Format()) is not after the time of the move, \(time.ISO8601Format()).")
        }
    }
}
