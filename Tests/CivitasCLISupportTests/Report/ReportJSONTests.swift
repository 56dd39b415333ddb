@testable import CivitasCLISupport
import CivitasProtos
import Foundation
import Testing

@Suite("Report JSON")
struct ReportJSONTests {
    let names = ReportFixtures.names()

    func parsed(_ object: [String: Any]) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(ReportJSON.text(object).utf8)) as? [String: Any])
    }

    @Test("Score: the same keys every time, unrounded numbers, null for what is absent")
    func score() throws {
        let json = try parsed(ReportJSON.score(ReportFixtures.result(), passScore: 90, names: names))
        #expect(Set(json.keys) == [
            "report", "result_id", "framework", "framework_version", "framework_sha256", "period", "scope", "cutoff_sequence",
            "input_digest", "computed_at", "stale", "total", "max_points", "pass_score", "eligible", "gates", "nodes", "leaves",
        ])
        #expect(json["total"] as? Double == 20 + 20.0 / 3)
        #expect(json["cutoff_sequence"] as? Int == 1234)
        #expect(json["eligible"] as? Bool == false)
        let leaves = try #require(json["leaves"] as? [[String: Any]])
        #expect(Set(leaves[0].keys) == ["code", "name", "description", "path", "points", "value", "fraction", "earned", "flags", "samples"])
        let missing = try #require(leaves.first { $0["code"] as? String == "B2.1" })
        #expect(missing["value"] is NSNull)
        #expect(missing["flags"] as? [String] == ["missing"])
        let partial = try #require(leaves.first { $0["code"] as? String == "B2.2" })
        #expect(partial["earned"] as? Double == 20.0 / 3)
        #expect(partial["name"] as? String == "设施完好率" && partial["description"] as? String == "Facilities in good repair")
        let nodes = try #require(json["nodes"] as? [[String: Any]])
        #expect(nodes.map { $0["level"] as? String } == ["category", "item", "category", "item", "item"])
        let gates = try #require(json["gates"] as? [[String: Any]])
        #expect(Set(gates[0].keys) == ["code", "name", "description", "condition", "passed", "value"])
    }

    @Test("Sub-command scope: eligibility is null, not false")
    func subcommandEligibility() throws {
        var result = ReportFixtures.result()
        result.hasEligibility_p = false
        let json = try parsed(ReportJSON.score(result, passScore: nil, names: names))
        #expect(json["eligible"] is NSNull && json["pass_score"] is NSNull)
    }

    @Test("Sorted keys: the same report is the same bytes")
    func deterministic() {
        let first = ReportJSON.text(ReportJSON.score(ReportFixtures.result(), passScore: 90, names: names))
        let second = ReportJSON.text(ReportJSON.score(ReportFixtures.result(), passScore: 90, names: names))
        #expect(first == second)
        let cutoff = first.range(of: "\"cutoff_sequence\"")!.lowerBound
        let eligible = first.range(of: "\"eligible\"")!.lowerBound
        #expect(cutoff < eligible)
    }

    @Test("Ranking and gap keys; gaps sorted by points lost; stale entries flagged")
    func rankingAndGap() throws {
        let ranking = try parsed(ReportJSON.ranking(ReportFixtures.ranking(), staleResults: ReportFixtures.staleResults, names: names))
        #expect(Set(ranking.keys) == ["report", "framework", "framework_version", "period", "entries"])
        let entries = try #require(ranking["entries"] as? [[String: Any]])
        #expect(Set(entries[0].keys) == ["rank", "subcommand", "subcommand_name", "earned", "max_points", "ratio", "result_id", "stale"])
        #expect(entries.map { $0["stale"] as? Bool } == [false, true, false])
        #expect(entries[2]["subcommand_name"] is NSNull)
        #expect(entries[2]["ratio"] as? Double == 1.0 / 3)

        let gap = try parsed(ReportJSON.gap(ReportFixtures.gapAnalysis(), result: ReportFixtures.result(), names: names))
        #expect(gap["report"] as? String == "gap" && gap["previous_result_id"] as? String == "r-city-0")
        #expect(gap["total_change"] as? Double == -40 + 2.5 + 20.0 / 3)
        let gaps = try #require(gap["gaps"] as? [[String: Any]])
        #expect(gaps.map { $0["code"] as? String } == ["B1.1", "B2.2", "A1.1", "B2.1"])
        #expect(Set(gaps[0].keys) == ["code", "name", "description", "path", "points_lost", "distance_to_target", "gate_failed", "change_since_previous"])
        #expect(gaps[3]["distance_to_target"] is NSNull)
        let weakest = try #require(gap["weakest_by_subcommand"] as? [[String: Any]])
        #expect(weakest.first?["subcommand_name"] as? String == "东城分指挥部")
    }
}
