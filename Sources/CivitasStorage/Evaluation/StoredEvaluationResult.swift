import CivitasCore
import Foundation

/// A stored result's indexed columns: what listings show.
public struct EvaluationResultSummary: Hashable, Sendable {
    public var id: String
    public var framework: String
    public var frameworkVersion: Int
    public var frameworkSHA256: String
    public var period: String
    public var periodStart: Date
    public var periodEnd: Date
    public var scope: EvaluationScope
    /// The highest sequence number the evaluation included.
    public var cutoff: Int64
    public var inputDigest: String
    public var earned: Double
    public var maxPoints: Double
    /// Nil in sub-command scopes (eligibility is a city verdict).
    public var eligible: Bool?
    public var computedAt: Date
    /// The evaluation job that computed it.
    public var jobID: String
    /// Records landed in the period after the cut-off: the numbers are out of date.
    public var stale: Bool
    /// The latest finished cross-check run of the period when the result was stored (nil:
    /// none had run). Its findings are reported beside the score, never folded into it.
    public var crossCheckRun: String?
}

/// A stored result in full: its columns, its canonical bytes and the outcome they encode.
public struct StoredEvaluationResult: Hashable, Sendable {
    public var summary: EvaluationResultSummary
    /// ``EvaluationOutcome/canonicalJSON()`` as stored: byte-identical for the same inputs.
    public var canonical: [UInt8]
    public var outcome: EvaluationOutcome
}

/// Which stored results a listing returns, newest first.
public struct EvaluationResultQuery: Sendable {
    public var framework: String?
    public var period: String?
    /// Only these scopes (a sub-command sees its own); nil: every scope.
    public var scopes: [EvaluationScope]?
    /// Continue after this page position (``EvaluationResultPage/nextAfter``).
    public var after: Int64?
    public var limit = 100

    public init(framework: String? = nil, period: String? = nil, scopes: [EvaluationScope]? = nil) {
        self.framework = framework
        self.period = period
        self.scopes = scopes
    }
}

public struct EvaluationResultPage: Sendable {
    public var results: [EvaluationResultSummary]
    /// Where the next page starts; nil on the last page.
    public var nextAfter: Int64?
}

/// A latest result that records landed after: the re-evaluation to queue (DOMAIN §8).
public struct StaleEvaluation: Hashable, Sendable {
    public var framework: String
    public var frameworkVersion: Int
    public var period: String
    public var scope: EvaluationScope

    public init(framework: String, frameworkVersion: Int, period: String, scope: EvaluationScope) {
        self.framework = framework
        self.frameworkVersion = frameworkVersion
        self.period = period
        self.scope = scope
    }
}
