// STUB: the engine helper replaces this file. Signatures are the contract.

/// One leaf's shortfall (差距).
public struct Gap: Hashable, Sendable {
    public var code: String
    public var path: String
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

public enum GapAnalysis {
    public static func analyze(
        _ current: EvaluationOutcome, framework: Framework, previous: EvaluationOutcome?, subcommands: [EvaluationOutcome],
        weakestCount: Int = 3
    ) -> GapReport { preconditionFailure("stub") }
}
