/// The monthly dispatch ranking (月调度排名): sub-command scopes by earned ÷ max_points,
/// ties by sub-command id.
public struct RankingEntry: Hashable, Sendable {
    /// 1 for the best; every entry has its own rank (ties are split by sub-command id).
    public var rank: Int
    public var subcommand: String
    public var earned: Double
    public var maxPoints: Double
    /// earned ÷ max_points; 0 when max_points is 0 (no leaf applies in the block).
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
    /// Only `.subcommand` outcomes are ranked; others are ignored. By ratio descending,
    /// then sub-command id ascending (byte order), ranked 1…n.
    public static func rank(_ outcomes: [EvaluationOutcome]) -> [RankingEntry] {
        let entries: [RankingEntry] = outcomes.compactMap { outcome in
            guard let subcommand = outcome.scope.subcommand else { return nil }
            let ratio = outcome.maxPoints > 0 ? outcome.earned / outcome.maxPoints : 0
            return RankingEntry(rank: 0, subcommand: subcommand, earned: outcome.earned, maxPoints: outcome.maxPoints, ratio: ratio)
        }
        let sorted = entries.sorted { a, b in
            a.ratio != b.ratio ? a.ratio > b.ratio : a.subcommand.utf8.lexicographicallyPrecedes(b.subcommand.utf8)
        }
        return sorted.enumerated().map { index, entry in
            var ranked = entry
            ranked.rank = index + 1
            return ranked
        }
    }
}
