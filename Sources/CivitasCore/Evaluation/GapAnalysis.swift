/// One leaf's shortfall (差距).
public struct Gap: Hashable, Sendable {
    public var code: String
    public var path: String
    /// points − earned.
    public var pointsLost: Double
    /// How far `v` is from the rule's target in its good direction (≥ 0); nil when `v` is
    /// missing or the rule has no target (boolean).
    public var distanceToTarget: Double?
    public var gateFailed: Bool
    /// Earned now − earned in the previous result; nil without a previous result.
    public var changeSincePrevious: Double?
    public init(code: String, path: String, pointsLost: Double, distanceToTarget: Double?, gateFailed: Bool, changeSincePrevious: Double?) {
        self.code = code
        self.path = path
        self.pointsLost = pointsLost
        self.distanceToTarget = distanceToTarget
        self.gateFailed = gateFailed
        self.changeSincePrevious = changeSincePrevious
    }
}

public struct GapReport: Hashable, Sendable {
    /// Leaves with points lost > 0 or a failed gate, by points lost (desc), then path.
    public var gaps: [Gap]
    public var failedGates: [GateOutcome]
    /// Earned now − earned in the previous result; nil without one.
    public var totalChange: Double?
    /// Sub-command id → its weakest leaves (at most `weakestCount`), by points lost.
    public var weakestBySubcommand: [(subcommand: String, gaps: [Gap])]
    public init(gaps: [Gap], failedGates: [GateOutcome], totalChange: Double?, weakestBySubcommand: [(subcommand: String, gaps: [Gap])]) {
        self.gaps = gaps
        self.failedGates = failedGates
        self.totalChange = totalChange
        self.weakestBySubcommand = weakestBySubcommand
    }
    public static func == (a: Self, b: Self) -> Bool {
        a.gaps == b.gaps && a.failedGates == b.failedGates && a.totalChange == b.totalChange
            && a.weakestBySubcommand.map(\.subcommand) == b.weakestBySubcommand.map(\.subcommand)
            && a.weakestBySubcommand.map(\.gaps) == b.weakestBySubcommand.map(\.gaps)
    }
    public func hash(into hasher: inout Hasher) { hasher.combine(gaps) }
}

/// The gap analysis (DOMAIN §5 "差距"): where points are lost, how far each value is from
/// full marks, which gates fail, what changed since the previous result, and the weakest
/// leaves of each sub-command.
public enum GapAnalysis {
    /// - Parameters:
    ///   - current: the result analysed (any scope).
    ///   - framework: the framework `current` was computed with (for each leaf's rule).
    ///   - previous: the previous result of the same scope and framework, if any; a leaf's
    ///     change is matched by code (nil for a leaf the previous result lacks).
    ///   - subcommands: sub-command results of the same run; others are ignored.
    ///   - weakestCount: how many leaves to keep per sub-command.
    /// Ties in points lost are ordered by path in framework order (`indicators[2]` before
    /// `indicators[10]`).
    public static func analyze(
        _ current: EvaluationOutcome, framework: Framework, previous: EvaluationOutcome?, subcommands: [EvaluationOutcome],
        weakestCount: Int = 3
    ) -> GapReport {
        let rules = framework.scoringRulesByPath()
        let previousEarned = previous.map { Dictionary($0.leaves.map { ($0.code, $0.earned) }, uniquingKeysWith: { first, _ in first }) }
        let weakest =
            subcommands
            .compactMap { outcome in outcome.scope.subcommand.map { (subcommand: $0, outcome: outcome) } }
            .sorted { $0.subcommand.utf8.lexicographicallyPrecedes($1.subcommand.utf8) }
            .map { entry in
                (subcommand: entry.subcommand, gaps: Array(gaps(of: entry.outcome, rules: rules, previousEarned: nil).prefix(max(0, weakestCount))))
            }
        return GapReport(
            gaps: gaps(of: current, rules: rules, previousEarned: previousEarned), failedGates: current.gates.filter { !$0.passed },
            totalChange: previous.map { current.earned - $0.earned }, weakestBySubcommand: weakest)
    }

    private static func gaps(of outcome: EvaluationOutcome, rules: [String: ScoringRule], previousEarned: [String: Double]?) -> [Gap] {
        let failedLeafGates = Set(outcome.gates.filter { !$0.passed }.map(\.path))
        let gaps = outcome.leaves.compactMap { leaf -> Gap? in
            let lost = leaf.points - leaf.earned
            let gateFailed = failedLeafGates.contains(leaf.path)
            guard lost > 0 || gateFailed else { return nil }
            let distance = leaf.value.flatMap { value in rules[leaf.path]?.distanceToTarget(from: value) }
            let change = previousEarned.flatMap { earned in earned[leaf.code].map { leaf.earned - $0 } }
            return Gap(
                code: leaf.code, path: leaf.path, pointsLost: lost, distanceToTarget: distance, gateFailed: gateFailed,
                changeSincePrevious: change)
        }
        return gaps.sorted { a, b in
            a.pointsLost != b.pointsLost ? a.pointsLost > b.pointsLost : FrameworkPath.precedes(a.path, b.path)
        }
    }
}

/// Paths like `categories[2].items[0].indicators[3]`, ordered as the framework is.
enum FrameworkPath {
    /// Compares the bracketed indices numerically, everything else by bytes.
    static func precedes(_ a: String, _ b: String) -> Bool {
        let left = components(a)
        let right = components(b)
        for (x, y) in zip(left, right) where x != y {
            if let first = Int(x), let second = Int(y) { return first < second }
            return x.utf8.lexicographicallyPrecedes(y.utf8)
        }
        return left.count < right.count
    }

    private static func components(_ path: String) -> [Substring] {
        path.split(whereSeparator: { $0 == "[" || $0 == "]" || $0 == "." })
    }
}

extension Framework {
    /// Each leaf's scoring rule by its path.
    func scoringRulesByPath() -> [String: ScoringRule] {
        var rules: [String: ScoringRule] = [:]
        for (categoryIndex, category) in categories.enumerated() {
            for (itemIndex, item) in category.items.enumerated() {
                for (leafIndex, indicator) in item.indicators.enumerated() {
                    rules["categories[\(categoryIndex)].items[\(itemIndex)].indicators[\(leafIndex)]"] = indicator.scoring
                }
            }
        }
        return rules
    }
}
