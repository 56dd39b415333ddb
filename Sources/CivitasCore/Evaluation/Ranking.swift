// STUB: the engine helper replaces this file. Signatures are the contract.

/// The monthly dispatch ranking (月调度排名): sub-command scopes by earned ÷ max_points,
/// ties by sub-command id.
public struct RankingEntry: Hashable, Sendable {
    public var rank: Int
    public var subcommand: String
    public var earned: Double
    public var maxPoints: Double
    public var ratio: Double
    public init(rank: Int, subcommand: String, earned: Double, maxPoints: Double, ratio: Double) {
        self.rank = rank
        self.subcommand = subcommand
        self.earned = earned
        self.maxPoints = maxPoints
        self.ratio = ratio
    }
}

public enum Ranking {
    /// Only `.subcommand` outcomes are ranked; others are ignored.
    public static func rank(_ outcomes: [EvaluationOutcome]) -> [RankingEntry] { preconditionFailure("stub") }
}
