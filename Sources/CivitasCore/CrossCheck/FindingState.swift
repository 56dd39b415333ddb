import Foundation

/// Where a finding stands in rectification (整改, DOMAIN §7).
public enum FindingStatus: String, CaseIterable, Sendable {
    /// Found, nobody assigned yet.
    case open
    /// A responsible unit must rectify it by the due date.
    case assigned
    /// The unit says it is fixed (note and evidence); HQ has to verify.
    case rectified
    /// HQ accepted the rectification.
    case verified
    /// HQ rejected the rectification, or the problem came back after verification; the
    /// same unit must rectify again by a new due date (or HQ assigns someone else).
    case reopened
    /// HQ decided it needs no rectification, with a reason. Final.
    case dismissed

    /// Waiting on the responsible unit: the only states that can be overdue.
    public var awaitsRectification: Bool { self == .assigned || self == .reopened }
}

/// Who supervises a finding's deadline in graded supervision (分级督查, DOMAIN §7).
/// Raw values are the wire's `level` (0 unit, 1 sub-command, 2 HQ).
public enum SupervisionLevel: Int, CaseIterable, Sendable, Comparable {
    case unit = 0
    case subcommand = 1
    case hq = 2

    public var name: String {
        switch self {
        case .unit: "unit"
        case .subcommand: "sub-command"
        case .hq: "HQ"
        }
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// One move of a finding, recorded with who made it and when.
public struct FindingMove: Hashable, Sendable {
    /// `open`, `assign`, `rectify`, `verify`, `reopen`, `dismiss` or `escalate`.
    public var action: String
    /// Nil for the move that opened the finding.
    public var from: FindingStatus?
    public var to: FindingStatus
    /// The credential that made the move, or `system:<job>` for cross-check runs and
    /// graded supervision.
    public var by: String
    /// The credential's role; nil for the system.
    public var role: Role?
    public var at: Date
    /// The reason, rectification note or assignment note; empty when none was given.
    public var note: String
    /// The supervision level after the move.
    public var level: SupervisionLevel
    /// The responsible unit after the move.
    public var unit: String?
    /// The due date after the move.
    public var dueAt: Date?

    public init(
        action: String, from: FindingStatus?, to: FindingStatus, by: String, role: Role?, at: Date, note: String,
        level: SupervisionLevel, unit: String?, dueAt: Date?
    ) {
        self.action = action
        self.from = from
        self.to = to
        self.by = by
        self.role = role
        self.at = at
        self.note = note
        self.level = level
        self.unit = unit
        self.dueAt = dueAt
    }
}

/// What the unit sent when it rectified.
public struct Rectification: Hashable, Sendable {
    public var note: String
    public var evidence: [Evidence]

    public init(note: String, evidence: [Evidence]) {
        self.note = note
        self.evidence = evidence
    }
}

/// A finding's rectification state: status, the responsible unit and block, the due date,
/// the supervision level and the full history. Changed only by
/// ``applying(_:by:at:organization:)`` and ``GradedSupervision``, so every state was
/// reached by recorded, authorized moves.
public struct FindingState: Hashable, Sendable {
    public let findingID: String
    public internal(set) var status: FindingStatus
    /// The responsible unit: the finding's own until someone assigns one.
    public internal(set) var unit: String?
    /// The responsible block (the unit's sub-command); nil is HQ's.
    public internal(set) var subcommand: String?
    /// Set by assign and reopen, moved by escalation.
    public internal(set) var dueAt: Date?
    /// When the current deadline window began (assign, reopen, escalation): escalation
    /// gives the next level a window of the same length, `dueAt − windowStartedAt`.
    public internal(set) var windowStartedAt: Date?
    public internal(set) var level: SupervisionLevel
    public internal(set) var rectification: Rectification?
    public internal(set) var history: [FindingMove]

    /// A state as storage saved it. Only for loading: a finding moves through
    /// ``opening(_:by:at:)``, ``applying(_:by:at:organization:)`` and ``GradedSupervision``.
    public init(
        restoring findingID: String, status: FindingStatus, unit: String?, subcommand: String?, dueAt: Date?, windowStartedAt: Date?,
        level: SupervisionLevel, rectification: Rectification?, history: [FindingMove]
    ) {
        self.findingID = findingID
        self.status = status
        self.unit = unit
        self.subcommand = subcommand
        self.dueAt = dueAt
        self.windowStartedAt = windowStartedAt
        self.level = level
        self.rectification = rectification
        self.history = history
    }

    /// Whether the due date has passed while the finding still waits on its unit.
    public func isOverdue(at now: Date) -> Bool {
        guard status.awaitsRectification, let dueAt else { return false }
        return dueAt < now
    }
}
