import CivitasProtos
import SwiftProtobuf

extension ReportFixtures {
    /// Three sub-commands: east 45 of 50 = 0.9, west 30 of 60 = 0.5 (stale),
    /// `north<&>` (no name known) 10 of 30 = 1/3.
    static func ranking() -> Civitas_V1_Ranking {
        .with {
            $0.framework = "test-city"
            $0.frameworkVersion = 3
            $0.period = .with { $0.name = "2026-10" }
            $0.entries = [
                entry(1, "east", 45, 50, 0.9, "r-east"),
                entry(2, "west", 30, 60, 0.5, "r-west"),
                entry(3, "north<&>", 10, 30, 1.0 / 3, "r-north"),
            ]
        }
    }

    static let staleResults: Set<String> = ["r-west"]

    static func entry(_ rank: UInt32, _ id: String, _ earned: Double, _ max: Double, _ ratio: Double, _ result: String) -> Civitas_V1_RankingEntry {
        .with {
            $0.rank = rank
            $0.subcommand = id
            $0.earned = earned
            $0.maxPoints = max
            $0.ratio = ratio
            $0.resultID = result
        }
    }

    /// The gap analysis of ``result(stale:)`` against a previous result; sent out of order
    /// on purpose (the report sorts by points lost, ties in the order received).
    /// - A1.1: lost 20 − 10 = 10, distance 0.9 − 0.75 = 0.15, change +2.5
    /// - B2.2: lost 20 − 20/3 = 13.333…, distance 0.9 − 0.3 = 0.6, change +20/3
    /// - B2.1: lost 10, missing (no distance), change 0
    /// - B1.1: lost 40, distance 0.9 − 0.88 = 0.02, gate failed, change −40
    /// Total change: −40 + 2.5 + 20/3 + 0 = −30.833…
    static func gapAnalysis() -> Civitas_V1_GapAnalysis {
        .with {
            $0.resultID = "r-city-1"
            $0.previousResultID = "r-city-0"
            $0.totalChange = -40 + 2.5 + 20.0 / 3
            $0.gaps = [
                gap("A1.1", "categories[0].items[0].indicators[0]", lost: 10, distance: 0.15, change: 2.5),
                gap("B2.2", "categories[1].items[1].indicators[1]", lost: 40.0 / 3, distance: 0.6, change: 20.0 / 3),
                gap("B2.1", "categories[1].items[1].indicators[0]", lost: 10, distance: nil, change: 0),
                gap("B1.1", "categories[1].items[0].indicators[0]", lost: 40, distance: 0.02, gateFailed: true, change: -40),
            ]
            $0.failedGates = [gateA(), gateB11()]
            $0.weakestBySubcommand = [
                .with {
                    $0.subcommand = "east"
                    $0.resultID = "r-east"
                    $0.gaps = [gap("B2.2", "categories[1].items[1].indicators[1]", lost: 5.5, distance: 0.1, change: nil)]
                }
            ]
        }
    }

    static func gap(_ code: String, _ path: String, lost: Double, distance: Double?, gateFailed: Bool = false, change: Double?) -> Civitas_V1_Gap {
        .with {
            $0.code = code
            $0.path = path
            $0.pointsLost = lost
            $0.hasDistance_p = distance != nil
            $0.distanceToTarget = distance ?? 0
            $0.gateFailed = gateFailed
            $0.hasChange_p = change != nil
            $0.changeSincePrevious = change ?? 0
        }
    }
}
