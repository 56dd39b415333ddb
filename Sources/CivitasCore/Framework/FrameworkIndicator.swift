/// 测评内容, the leaf: how one period's raw data becomes `v` (the measure), how `v`
/// becomes a fraction of the points (the scoring rule), and an optional gate.
public struct FrameworkIndicator: Hashable, Sendable {
    public var code: String
    public var name: String
    public var description: String
    public var points: Double
    public var spiritual: Bool
    public var measure: Measure
    public var scoring: ScoringRule
    public var gate: LeafGate?
    /// Below this many samples the leaf is treated as missing (flag `insufficient`):
    /// reporting units, checks, valid answers, feed points, or days for `ratio_days`.
    public var minimumSamples: Int?
    /// Feed leaves only: applies in sub-command scopes, over the points naming the block.
    public var perBlock: Bool
    /// Material leaves: what a report carries, its valid range, and the assigned units.
    public var material: MaterialDeclaration?
    /// Cross-check: source consistency against another leaf or a feed metric (DOMAIN §6).
    public var peer: PeerCheck?
    /// Cross-check: a material rate claim checked against a checklist item's pass rate.
    public var contradiction: ContradictionCheck?

    public init(
        code: String, name: String, description: String = "", points: Double, spiritual: Bool = false, measure: Measure,
        scoring: ScoringRule, gate: LeafGate? = nil, minimumSamples: Int? = nil, perBlock: Bool = false,
        material: MaterialDeclaration? = nil, peer: PeerCheck? = nil, contradiction: ContradictionCheck? = nil
    ) {
        self.code = code
        self.name = name
        self.description = description
        self.points = points
        self.spiritual = spiritual
        self.measure = measure
        self.scoring = scoring
        self.gate = gate
        self.minimumSamples = minimumSamples
        self.perBlock = perBlock
        self.material = material
        self.peer = peer
        self.contradiction = contradiction
    }

    public var method: Channel {
        switch measure {
        case .material: .material
        case .inspection: .inspection
        case .survey: .survey
        case .feed: .feed
        }
    }
}

/// How a material indicator is reported (declared to the code registry on publish).
public struct MaterialDeclaration: Hashable, Sendable {
    public var valueKind: CodeRegistry.ValueKind
    /// Number indicators: the valid range of a reported value.
    public var range: ClosedRange<Double>?
    /// The units assigned to report it, in document order.
    public var units: [String]

    public init(valueKind: CodeRegistry.ValueKind, range: ClosedRange<Double>? = nil, units: [String]) {
        self.valueKind = valueKind
        self.range = range
        self.units = units
    }
}

/// The measure (DOMAIN §3.1): raw data of one period and one scope → `v`.
public enum Measure: Hashable, Sendable {
    /// Over the latest report per assigned unit in scope.
    case material(MaterialAggregate)
    /// Passed checks ÷ all checks of this checklist item code.
    case inspection(check: String)
    /// Over the valid responses of `survey` that answered `question`.
    case survey(survey: String, question: String, statistic: SurveyStatistic)
    /// Over the feed points of `metric` in the window.
    case feed(metric: String, aggregate: FeedAggregate)
}

public enum MaterialAggregate: String, Hashable, Sendable, CaseIterable {
    /// Over the assigned units in scope that reported a number.
    case sum, mean, min, max
    /// Over all assigned units in scope: every one reported "provided" (1) or not (0).
    case all
    /// Over all assigned units in scope: the fraction that reported "provided".
    case share
}

public enum SurveyStatistic: Hashable, Sendable {
    /// Share of answers ≥ `satisfiedAt` (sample 4).
    case satisfiedRate(satisfiedAt: UInt32)
    /// (mean − 1) ÷ 4.
    case meanNormalized
}

public enum FeedAggregate: Hashable, Sendable {
    case mean, sum
    /// Latest observed time, then highest sequence number.
    case last
    /// Share of local days with data whose daily mean meets the condition.
    case ratioDays(Condition)
}

public enum Direction: String, Hashable, Sendable, CaseIterable {
    case higherIsBetter = "higher"
    case lowerIsBetter = "lower"
}

/// `v op value`, e.g. `≥ 0.90` or `≤ 100`.
public struct Condition: Hashable, Sendable, CustomStringConvertible {
    public enum Operator: String, Hashable, Sendable, CaseIterable {
        case atLeast = ">="
        case atMost = "<="
        case greaterThan = ">"
        case lessThan = "<"
    }

    public var op: Operator
    public var value: Double

    public init(_ op: Operator, _ value: Double) {
        self.op = op
        self.value = value
    }

    public func isMet(by v: Double) -> Bool {
        switch op {
        case .atLeast: v >= value
        case .atMost: v <= value
        case .greaterThan: v > value
        case .lessThan: v < value
        }
    }

    public var description: String { "\(op.rawValue) \(value)" }
}

/// The scoring rule (DOMAIN §3.2): `v` → `f ∈ [0, 1]`; `earned = points × f`.
public enum ScoringRule: Hashable, Sendable {
    case threshold(target: Double, direction: Direction)
    case linear(floor: Double, target: Double, direction: Direction)
    /// The largest fraction whose bound `v` meets; 0 when none.
    case bands([Band], direction: Direction)
    /// 1 when `v` is 1 (provided / true), else 0.
    case boolean
}

public struct Band: Hashable, Sendable {
    public var bound: Double
    public var fraction: Double
    public init(bound: Double, fraction: Double) {
        self.bound = bound
        self.fraction = fraction
    }
}

/// A leaf gate (一票否决): a condition on `v`; a missing value fails it.
public struct LeafGate: Hashable, Sendable {
    public var condition: Condition
    public init(_ condition: Condition) { self.condition = condition }
}

/// Source consistency (DOMAIN §6): `|a − b| > tolerance × max(|b|, tiny)` is a finding.
public struct PeerCheck: Hashable, Sendable {
    public enum Target: Hashable, Sendable {
        case indicator(String)
        case feedMetric(String)
    }

    public var target: Target
    public var tolerance: Double
    public init(target: Target, tolerance: Double) {
        self.target = target
        self.tolerance = tolerance
    }
}

/// Inspection contradiction (DOMAIN §6): a material rate claim exceeding the pass rate of
/// `check` by more than `tolerance` (sample 0.10) is a finding.
public struct ContradictionCheck: Hashable, Sendable {
    public var check: String
    public var tolerance: Double
    public init(check: String, tolerance: Double) {
        self.check = check
        self.tolerance = tolerance
    }
}
