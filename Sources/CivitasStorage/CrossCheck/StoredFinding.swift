import CivitasCore
import Foundation

/// A finding as the tenant's file holds it: what the rule found (figures refreshed by the
/// latest run that found it again) and where it stands in rectification.
public struct StoredFinding: Hashable, Sendable {
    /// As found: `unit` and `subcommand` are the ones the rule named.
    public var finding: Finding
    /// Status, responsible unit and block now, due date, level; `history` holds every
    /// move when the finding was read singly (``TenantDatabase/finding(id:)``), and is
    /// empty in listings.
    public var state: FindingState
    /// When the run that first found it recorded it.
    public var foundAt: Date
    /// The cross-check run (job) that first found it.
    public var runID: String
    /// Position in the order findings were first found: what listings page by.
    public var position: Int64

    /// Whether the due date has passed while the finding still waits on its unit.
    public func isOverdue(at now: Date) -> Bool { state.isOverdue(at: now) }
}

/// Which findings a listing returns, in the order they were first found.
public struct FindingQuery: Sendable {
    public var view: FindingView
    public var period: String?
    public var status: FindingStatus?
    /// Only these rules; nil: every rule.
    public var rules: [CrossCheckRule]?
    /// Only this block's findings (the responsible sub-command now).
    public var subcommand: String?
    /// Only findings overdue at this instant.
    public var overdueAt: Date?
    /// Continue after this position (``FindingPage/nextAfter``).
    public var after: Int64?
    public var limit: Int

    public init(
        view: FindingView, period: String? = nil, status: FindingStatus? = nil, rules: [CrossCheckRule]? = nil,
        subcommand: String? = nil, overdueAt: Date? = nil, after: Int64? = nil, limit: Int = 100
    ) {
        self.view = view
        self.period = period
        self.status = status
        self.rules = rules
        self.subcommand = subcommand
        self.overdueAt = overdueAt
        self.after = after
        self.limit = limit
    }
}

public struct FindingPage: Sendable {
    public var findings: [StoredFinding]
    /// Where the next page starts; nil on the last page.
    public var nextAfter: Int64?
}

/// One recorded cross-check run.
public struct CrossCheckRunRecord: Hashable, Sendable {
    /// The job's id.
    public var id: String
    public var period: String
    public var rules: [CrossCheckRule]
    public var framework: String
    public var frameworkVersion: Int
    /// The highest sequence number the run read.
    public var cutoff: Int64
    public var startedAt: Date
    public var finishedAt: Date
    /// Findings the run produced.
    public var found: Int
    /// Of those, the ones not known before.
    public var newFindings: Int
    /// Of those, known ones whose figures, severity, message or records changed.
    public var refreshed: Int
}
