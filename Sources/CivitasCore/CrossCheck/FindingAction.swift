import Foundation

/// A move a person asks for in rectification (DOMAIN §7). Who may ask, and from which
/// states, is fixed here and enforced by ``FindingState/applying(_:by:at:organization:)``:
///
/// | action   | from                               | to        | who |
/// |----------|------------------------------------|-----------|-----|
/// | assign   | open, assigned, reopened           | assigned  | HQ; a sub-command for findings of its block, to units of its block |
/// | rectify  | assigned, reopened                 | rectified | the assigned unit; the sub-command of its block |
/// | verify   | rectified                          | verified  | HQ |
/// | reopen   | rectified, verified                | reopened  | HQ |
/// | dismiss  | open, assigned, rectified, reopened| dismissed | HQ |
///
/// Assign and reopen open a new deadline window supervised at unit level again (see
/// ``GradedSupervision``). Assigning again re-targets or re-dates an assignment. A reopened finding stays with
/// its unit under a new due date: the unit rectifies again, or HQ assigns it elsewhere.
/// Verified can be reopened (the problem came back: evaluation is continuous, 常态化);
/// dismissed is final — a rule tripping on new data makes a new finding anyway.
/// Inspectors (and HQ) record findings by hand (``FindingState/opening(_:by:at:)``);
/// readers and operators change nothing. HQ never rectifies: whoever verifies must not
/// be the one who did the work.
public enum FindingAction: Hashable, Sendable {
    /// Make `unit` responsible, to rectify by `dueAt` (after now).
    case assign(unit: String, dueAt: Date, note: String = "")
    /// What was done (required) and the evidence for it (at least one document).
    case rectify(note: String, evidence: [Evidence])
    case verify(note: String = "")
    /// Why the rectification is rejected or the problem is back, and the new due date.
    case reopen(reason: String, dueAt: Date)
    case dismiss(reason: String)

    public var name: String {
        switch self {
        case .assign: "assign"
        case .rectify: "rectify"
        case .verify: "verify"
        case .reopen: "reopen"
        case .dismiss: "dismiss"
        }
    }

    /// The states this action may be applied in.
    public var allowedFrom: [FindingStatus] {
        switch self {
        case .assign: [.open, .assigned, .reopened]
        case .rectify: [.assigned, .reopened]
        case .verify: [.rectified]
        case .reopen: [.rectified, .verified]
        case .dismiss: [.open, .assigned, .rectified, .reopened]
        }
    }

    public var target: FindingStatus {
        switch self {
        case .assign: .assigned
        case .rectify: .rectified
        case .verify: .verified
        case .reopen: .reopened
        case .dismiss: .dismissed
        }
    }

    /// Roles that may ask for it at all; sub-commands and units further only within
    /// their block or assignment.
    public var allowedRoles: [Role] {
        switch self {
        case .assign: [.hq, .subcommand]
        case .rectify: [.subcommand, .unit]
        case .verify, .reopen, .dismiss: [.hq]
        }
    }

    /// What the action is for, in a sentence saying who may do it.
    var whoMay: String {
        switch self {
        case .assign: "HQ assigns findings, and a sub-command assigns those of its own block"
        case .rectify: "the assigned unit rectifies, or the sub-command of its block on its behalf"
        case .verify: "only HQ verifies a rectification"
        case .reopen: "only HQ reopens a finding"
        case .dismiss: "only HQ dismisses a finding"
        }
    }

    var note: String {
        switch self {
        case .assign(_, _, let note), .rectify(let note, _), .verify(let note): note
        case .reopen(let reason, _), .dismiss(let reason): reason
        }
    }
}
