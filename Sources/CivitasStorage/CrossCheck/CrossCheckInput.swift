import CivitasCore
import Foundation

/// What a run's rules read, from one snapshot of the tenant's file (records with sequence
/// ≤ ``cutoff``). Small channels are kept whole; of the large ones (survey waves, feeds)
/// only what a rule can flag is kept, so a run over a million records holds thousands.
/// Every rule is still the core's: keeping less never changes what it finds (see each
/// field).
struct CrossCheckInput: Sendable {
    /// Feed sums of a peer metric no leaf measures: per sub-command, nil for the city.
    struct FeedMeanKey: Hashable, Sendable {
        var metric: String
        var subcommand: String?
    }

    var cutoff: Int64 = 0
    /// Every material report whose reporting period lies in the period, superseded ones
    /// too (``MaterialSelection`` picks the one that counts, as the evaluation does).
    var materials: [EvaluationRow.Material] = []
    /// The evidence documents of those reports.
    var evidence: [DuplicateEvidenceRule.Use] = []
    /// Material reports of the earlier periods the history rule compares with.
    var history: [EvaluationRow.Material] = []
    /// Inspection records observed in the period (read when contradiction, lateness or
    /// a peer needs them).
    var inspections: [EvaluationRow.Inspection] = []
    /// Survey responses submitted in the period that an integrity rule can flag: the
    /// straight-lined, the too fast, and every response of a respondent key that
    /// answered the same survey more than once. The rules judge each response alone or
    /// within its respondent's group, so the others could never yield a finding.
    var surveys: [EvaluationRow.Survey] = []
    /// Records of the period received after the deadline (the lateness rule keeps only those).
    var lateReceipts: [LatenessRule.Receipt] = []
    /// The period's records the source-consistency leaves measure, folded as an
    /// evaluation folds them; nil when no leaf declares a peer.
    var peerData: EvaluationData?
    /// Peer feed metrics no leaf measures, summed in sequence order.
    var feedSums: [FeedMeanKey: (sum: Double, count: Int)] = [:]

    /// How many records the run read (every row streamed, kept or not).
    var recordsRead = 0
}
