/// What one evaluation of one scope produced (DOMAIN §5 "Output"). Plain values: the
/// canonical encoding (``canonicalJSON()``) is what is stored, hashed and compared.
public struct EvaluationOutcome: Hashable, Sendable {
    public var framework: String
    public var frameworkVersion: Int
    public var frameworkSHA256: String
    public var period: String
    public var scope: EvaluationScope
    /// The highest sequence number the evaluation included.
    public var cutoff: Int64
    /// Lower-case hex; see ``EvaluationData`` for what it covers.
    public var inputDigest: String
    /// Sum of the leaves' earned points in scope (unrounded).
    public var earned: Double
    /// Sum of the points of the leaves that apply in scope (the framework total for the city).
    public var maxPoints: Double
    /// City scope: total ≥ pass_score and every gate passes. Nil in sub-command scopes
    /// (eligibility is a city-scope verdict).
    public var eligible: Bool?
    /// Every leaf that applies in scope, in framework order.
    public var leaves: [LeafOutcome]
    /// Categories and items with at least one applying leaf, in framework order.
    public var nodes: [NodeOutcome]
    /// Every gate that applies in scope, leaf and node, in framework order.
    public var gates: [GateOutcome]

    public init(
        framework: String, frameworkVersion: Int, frameworkSHA256: String, period: String, scope: EvaluationScope, cutoff: Int64,
        inputDigest: String, earned: Double, maxPoints: Double, eligible: Bool?, leaves: [LeafOutcome], nodes: [NodeOutcome],
        gates: [GateOutcome]
    ) {
        self.framework = framework
        self.frameworkVersion = frameworkVersion
        self.frameworkSHA256 = frameworkSHA256
        self.period = period
        self.scope = scope
        self.cutoff = cutoff
        self.inputDigest = inputDigest
        self.earned = earned
        self.maxPoints = maxPoints
        self.eligible = eligible
        self.leaves = leaves
        self.nodes = nodes
        self.gates = gates
    }
}

public enum LeafFlag: String, Hashable, Sendable, CaseIterable, Comparable {
    case missing
    case insufficient

    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
}

public struct LeafOutcome: Hashable, Sendable {
    public var code: String
    /// `categories[2].items[0].indicators[3]`.
    public var path: String
    public var points: Double
    /// Nil when missing or insufficient.
    public var value: Double?
    public var fraction: Double
    public var earned: Double
    /// Sorted.
    public var flags: [LeafFlag]
    /// Reporting units, checks, valid answers, feed points, or days (`ratio_days`).
    public var samples: Int

    public init(code: String, path: String, points: Double, value: Double?, fraction: Double, earned: Double, flags: [LeafFlag], samples: Int) {
        self.code = code
        self.path = path
        self.points = points
        self.value = value
        self.fraction = fraction
        self.earned = earned
        self.flags = flags
        self.samples = samples
    }
}

public struct NodeOutcome: Hashable, Sendable {
    public enum Level: String, Hashable, Sendable {
        case category, item
    }

    public var code: String
    public var path: String
    public var level: Level
    /// In scope: the sum of its applying leaves' points.
    public var points: Double
    public var earned: Double

    public init(code: String, path: String, level: Level, points: Double, earned: Double) {
        self.code = code
        self.path = path
        self.level = level
        self.points = points
        self.earned = earned
    }
}

public struct GateOutcome: Hashable, Sendable {
    /// The code of the gated node or leaf.
    public var node: String
    public var path: String
    /// Human-readable condition: `value >= 0.9` or `earned >= 0.85 of points`.
    public var condition: String
    public var passed: Bool
    /// Leaf gates: `v`; node gates: earned ÷ points in scope. Nil when missing.
    public var value: Double?

    public init(node: String, path: String, condition: String, passed: Bool, value: Double?) {
        self.node = node
        self.path = path
        self.condition = condition
        self.passed = passed
        self.value = value
    }
}
