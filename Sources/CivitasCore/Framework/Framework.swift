import Foundation

/// A validated evaluation framework (测评体系, DOMAIN §3): the category → item →
/// indicator tree with points, tags, gates and per leaf how raw data becomes a score.
///
/// Built by ``FrameworkDocument/parse(_:)``, so every parsed instance satisfies the
/// publishing rules (points add up, the profile holds, every rule can separate values).
/// Every number here is data from the document, never a constant in code.
public struct Framework: Hashable, Sendable {
    /// Stable name across versions, e.g. `model-city`.
    public var code: String
    public var title: String
    public var description: String
    /// True for the sample frameworks shipped with Civitas: their figures are samples.
    public var isSample: Bool
    public var total: Double
    public var passScore: Double
    /// IANA zone of period boundaries and local days (default Asia/Shanghai).
    public var timeZoneIdentifier: String
    /// Days after a period's end during which records are not late (DOMAIN §6).
    public var graceDays: Int
    public var profile: SpiritualProfile?
    /// The codes submissions are checked against (DOMAIN §3, last paragraph).
    public var surveys: [CodeRegistry.Survey]
    public var feedMetrics: [CodeRegistry.FeedMetric]
    public var checklistItems: [CodeRegistry.ChecklistItem]
    public var categories: [FrameworkCategory]

    public init(
        code: String, title: String, description: String = "", isSample: Bool = false, total: Double, passScore: Double,
        timeZoneIdentifier: String = "Asia/Shanghai", graceDays: Int = 0, profile: SpiritualProfile? = nil,
        surveys: [CodeRegistry.Survey] = [], feedMetrics: [CodeRegistry.FeedMetric] = [],
        checklistItems: [CodeRegistry.ChecklistItem] = [], categories: [FrameworkCategory]
    ) {
        self.code = code
        self.title = title
        self.description = description
        self.isSample = isSample
        self.total = total
        self.passScore = passScore
        self.timeZoneIdentifier = timeZoneIdentifier
        self.graceDays = graceDays
        self.profile = profile
        self.surveys = surveys
        self.feedMetrics = feedMetrics
        self.checklistItems = checklistItems
        self.categories = categories
    }
}

/// The profile constraint on the share of `spiritual`-tagged points (DOMAIN §3): the
/// Model City profile requires at least 40% of the total.
public struct SpiritualProfile: Hashable, Sendable {
    public var name: String
    public var minimumShare: Double?
    public var maximumShare: Double?

    public init(name: String, minimumShare: Double? = nil, maximumShare: Double? = nil) {
        self.name = name
        self.minimumShare = minimumShare
        self.maximumShare = maximumShare
    }
}

/// 测评项目大类. `points` equals the sum of its items' points.
public struct FrameworkCategory: Hashable, Sendable {
    public var code: String
    /// Chinese name as the framework prints it.
    public var name: String
    /// English description.
    public var description: String
    public var points: Double
    /// Tags this node and everything under it as spiritual civilization (精神文明).
    public var spiritual: Bool
    public var gate: NodeGate?
    public var items: [FrameworkItem]

    public init(
        code: String, name: String, description: String = "", points: Double, spiritual: Bool = false, gate: NodeGate? = nil,
        items: [FrameworkItem]
    ) {
        self.code = code
        self.name = name
        self.description = description
        self.points = points
        self.spiritual = spiritual
        self.gate = gate
        self.items = items
    }
}

/// 测评项目. `points` equals the sum of its indicators' points.
public struct FrameworkItem: Hashable, Sendable {
    public var code: String
    public var name: String
    public var description: String
    public var points: Double
    public var spiritual: Bool
    public var gate: NodeGate?
    public var indicators: [FrameworkIndicator]

    public init(
        code: String, name: String, description: String = "", points: Double, spiritual: Bool = false, gate: NodeGate? = nil,
        indicators: [FrameworkIndicator]
    ) {
        self.code = code
        self.name = name
        self.description = description
        self.points = points
        self.spiritual = spiritual
        self.gate = gate
        self.indicators = indicators
    }
}

/// A node gate (门槛): the node must earn at least `minimumFraction` of its points — in a
/// sub-command scope, of its points that apply there (DOMAIN §3.3).
public struct NodeGate: Hashable, Sendable {
    public var minimumFraction: Double
    public init(minimumFraction: Double) { self.minimumFraction = minimumFraction }
}
