import Foundation

/// The sufficient statistics of one period's records for one framework, folded in one
/// row at a time (so storage never materializes a million records, and a re-evaluation
/// after late data folds in only the new rows).
///
/// What it keeps (DOMAIN §3.1), never the records themselves:
/// - material: per (unit, indicator) the one report that counts (latest reporting-period
///   end, then highest sequence); a better report replaces it when folded in;
/// - inspection: per (point, check code) passed and total counts;
/// - survey: per (survey, respondent) the first response's time and sequence, and from
///   the valid responses histograms of the answers 1…5 per (survey, question,
///   sub-command) — see ``SurveyTally`` for the integrity rules and ``needsRebuild``;
/// - feed: per (metric, sub-command) count, exact sum and last point, and per local day
///   count and exact sum (for `ratio_days`);
/// - the input digest of the records that count (``InputDigest``).
///
/// Sums of feed values are exact (``ExactSum``), so the result does not depend on the
/// order rows are folded in: shuffled rows, or one fold versus two, give the same bytes.
public struct EvaluationData: Sendable {
    /// - Parameters:
    ///   - period: the evaluated period; rows outside it are ignored.
    ///   - timeZone: the framework's zone, for the local days of `ratio_days`.
    ///   - surveyMinimumDurations: survey code → minimum duration in seconds (0 if absent):
    ///     faster responses are not valid (DOMAIN §6).
    public init(period: Period, timeZone: TimeZone, surveyMinimumDurations: [String: UInt32]) {
        self.period = period
        self.timeZone = timeZone
        self.cutoff = 0
        windowStart = period.start.unixMilliseconds
        windowEnd = period.end.unixMilliseconds
        surveys = SurveyTally(minimumDurations: surveyMinimumDurations)
        feeds = FeedTally(days: LocalDayIndex(period: period, timeZone: timeZone))
    }

    public let period: Period
    /// The zone of the local days (`ratio_days`).
    public let timeZone: TimeZone
    /// The highest sequence number folded in so far (set by ``advance(to:)``).
    public private(set) var cutoff: Int64

    /// `[period.start, period.end)` in milliseconds since 1970.
    let windowStart: Int64
    let windowEnd: Int64
    var digest = InputDigest()
    var materials: [MaterialSlot: CountedMaterialReport] = [:]
    var inspections = InspectionTally()
    var surveys: SurveyTally
    var feeds: FeedTally

    /// Records that every row with sequence ≤ `cutoff` has been folded in. From then on
    /// rows with a sequence ≤ the cut-off are ignored (folding a row twice is harmless),
    /// and the answers of the survey responses counted so far are dropped (see
    /// ``needsRebuild``).
    public mutating func advance(to cutoff: Int64) {
        self.cutoff = max(self.cutoff, cutoff)
        surveys.startNextFold()
    }

    /// True when a late row could not be folded in incrementally: a survey response
    /// preceding the valid one counted for its respondent before the last
    /// ``advance(to:)``, whose answers are no longer in memory to take out of the
    /// histograms. Rebuild from scratch (a fold between two advances is always exact,
    /// whatever the order of its rows).
    public var needsRebuild: Bool { surveys.displacedWithoutAnswers }

    /// Lower-case hex digest of the records that count: the counted material report per
    /// (unit, indicator), every inspection record and feed point in the window, every
    /// valid survey response. See ``InputDigest`` for how and its limits.
    public var inputDigest: String { digest.hexDigest }

    /// How many records count now (what ``inputDigest`` covers).
    public var countedRecords: Int { Int(digest.count) }

    func inWindow(_ milliseconds: Int64) -> Bool { windowStart <= milliseconds && milliseconds < windowEnd }
}
