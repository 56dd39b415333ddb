import Foundation

// STUB: the engine helper replaces this file. Signatures are the contract.

/// The sufficient statistics of one period's records for one framework, folded in one
/// row at a time (so storage never materializes a million records, and a re-evaluation
/// after late data folds in only the new rows).
public struct EvaluationData: Sendable {
    public init(period: Period, timeZone: TimeZone, surveyMinimumDurations: [String: UInt32]) {
        self.period = period
        self.cutoff = 0
    }

    public let period: Period
    /// The highest sequence number folded in so far (set by ``advance(to:)``).
    public private(set) var cutoff: Int64

    /// Rows outside the period are ignored; storage may pre-filter but need not.
    public mutating func add(_ row: EvaluationRow.Material) { preconditionFailure("stub") }
    public mutating func add(_ row: EvaluationRow.Inspection) { preconditionFailure("stub") }
    public mutating func add(_ row: EvaluationRow.Survey) { preconditionFailure("stub") }
    public mutating func add(_ row: EvaluationRow.Feed) { preconditionFailure("stub") }

    /// Records that every row with sequence ≤ `cutoff` has been folded in.
    public mutating func advance(to cutoff: Int64) { self.cutoff = max(self.cutoff, cutoff) }

    /// True when a late row could not be folded in incrementally (e.g. a survey response
    /// earlier than the one already counted for its respondent): rebuild from scratch.
    public var needsRebuild: Bool { false }

    /// Lower-case hex digest of the records that count.
    public var inputDigest: String { preconditionFailure("stub") }
}
