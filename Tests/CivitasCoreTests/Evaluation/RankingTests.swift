import CivitasCore
import Testing

/// The monthly dispatch ranking (DOMAIN §5): earned ÷ max_points, ties by sub-command id.
@Suite("Evaluation ranking")
struct RankingTests {
    func outcome(_ scope: EvaluationScope, earned: Double, maxPoints: Double) -> EvaluationOutcome {
        EvaluationOutcome(
            framework: "f", frameworkVersion: 1, frameworkSHA256: "", period: "2026-10", scope: scope, cutoff: 1, inputDigest: "",
            earned: earned, maxPoints: maxPoints, eligible: nil, leaves: [], nodes: [], gates: [])
    }

    @Test("by ratio descending, ties by sub-command id, ranks 1…n; the city is not ranked")
    func ties() {
        let entries = Ranking.rank([
            outcome(.subcommand("s3"), earned: 30, maxPoints: 40),  // 0.75
            outcome(.city, earned: 99, maxPoints: 100),
            outcome(.subcommand("s2"), earned: 45, maxPoints: 60),  // 0.75, ties with s3 → s2 first
            outcome(.subcommand("s1"), earned: 40, maxPoints: 80),  // 0.5
            outcome(.subcommand("s4"), earned: 9, maxPoints: 10),  // 0.9
            outcome(.subcommand("s0"), earned: 0, maxPoints: 0),  // no applying leaf → 0
        ])
        #expect(entries.map(\.subcommand) == ["s4", "s2", "s3", "s1", "s0"])
        #expect(entries.map(\.rank) == [1, 2, 3, 4, 5])
        #expect(entries.map(\.ratio) == [0.9, 0.75, 0.75, 0.5, 0])
        #expect(entries[1].earned == 45)
        #expect(entries[1].maxPoints == 60)
    }

    @Test("nothing to rank")
    func empty() {
        #expect(Ranking.rank([outcome(.city, earned: 1, maxPoints: 1)]).isEmpty)
    }
}
