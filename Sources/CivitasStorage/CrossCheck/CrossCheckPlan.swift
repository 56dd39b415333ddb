import CivitasCore
import Foundation

/// What one run reads, decided from the framework, the period and the rules asked for
/// before any record is touched: the windows, the deadline, and which of the four
/// channels need streaming at all.
struct CrossCheckPlan: Sendable {
    /// How many earlier periods of the same kind the history rule looks back over.
    static let historyDepth = 12

    let published: PublishedFramework
    let period: Period
    let rules: Set<CrossCheckRule>
    /// The earlier periods, most recent first (the history rule's).
    let history: [Period]
    /// Records received after this (milliseconds since 1970) are late.
    let deadline: Int64
    let peers: PeerCodes

    init(framework published: PublishedFramework, period: Period, rules: Set<CrossCheckRule>, timeZone: TimeZone) {
        let framework = published.framework
        self.published = published
        self.period = period
        self.rules = rules
        history = rules.contains(.historyOutlier) ? PeriodHistory.previous(period, count: Self.historyDepth, timeZone: timeZone) : []
        deadline = LatenessRule.deadline(of: period, framework: framework).unixMilliseconds
        peers = rules.contains(.sourceConsistency) ? PeerCodes(framework) : PeerCodes()
    }

    var framework: Framework { published.framework }
    var periodStart: Int64 { period.start.unixMilliseconds }
    var periodEnd: Int64 { period.end.unixMilliseconds }
    var lateness: Bool { rules.contains(.lateness) }
    var surveyIntegrity: Bool { !rules.isDisjoint(with: CrossCheckRule.surveyIntegrity) }

    var readsEvidence: Bool { rules.contains(.duplicateEvidence) }
    var readsInspections: Bool { lateness || rules.contains(.inspectionContradiction) || !peers.checks.isEmpty }
    var readsSurveys: Bool { lateness || surveyIntegrity || !peers.surveys.isEmpty }
    var readsFeeds: Bool { lateness || !peers.feedMetrics.isEmpty || !peers.unmeasuredFeedMetrics.isEmpty }

    /// The minimum duration of each survey the framework declares.
    var surveyMinimums: [String: UInt32] {
        Dictionary(framework.surveys.map { ($0.code, $0.minimumDurationSeconds) }, uniquingKeysWith: { first, _ in first })
    }
}

/// The codes source consistency needs values of: every leaf that declares a peer, the
/// peer leaves, and the feed leaves that measure a peer feed metric (the metric is then
/// aggregated as that leaf aggregates it). Only these records are folded into the
/// evaluation data the values come from. A peer feed metric that no leaf measures is
/// taken as the mean of its points over the period (``unmeasuredFeedMetrics``).
struct PeerCodes: Sendable {
    /// Codes of the leaves whose values are needed.
    var leaves: Set<String> = []
    var materialIndicators: Set<String> = []
    var checks: Set<String> = []
    var surveys: Set<String> = []
    /// Feed metrics whose points are folded (a needed leaf measures them).
    var feedMetrics: Set<String> = []
    /// Peer feed metrics no leaf of the framework measures.
    var unmeasuredFeedMetrics: Set<String> = []

    init() {}

    init(_ framework: Framework) {
        let all = framework.categories.flatMap { $0.items.flatMap(\.indicators) }
        var needed: [FrameworkIndicator] = []
        for leaf in all {
            guard let peer = leaf.peer else { continue }
            needed.append(leaf)
            switch peer.target {
            case .indicator(let code):
                needed += all.filter { $0.code == code }
            case .feedMetric(let metric):
                if let measuring = Self.firstLeaf(measuring: metric, in: all) {
                    needed.append(measuring)
                } else {
                    unmeasuredFeedMetrics.insert(metric)
                }
            }
        }
        for leaf in needed {
            leaves.insert(leaf.code)
            switch leaf.measure {
            case .material: materialIndicators.insert(leaf.code)
            case .inspection(let check): checks.insert(check)
            case .survey(let survey, _, _): surveys.insert(survey)
            case .feed(let metric, _): feedMetrics.insert(metric)
            }
        }
    }

    /// The first leaf, in document order, that measures feed metric `metric`.
    static func firstLeaf(measuring metric: String, in leaves: [FrameworkIndicator]) -> FrameworkIndicator? {
        leaves.first { leaf in
            guard case .feed(let measured, _) = leaf.measure else { return false }
            return measured == metric
        }
    }
}
