import CivitasCore
import Foundation
import Testing

/// The canonical encoding storage keeps (DOMAIN §5 "byte-identical").
@Suite("Evaluation canonical JSON")
struct CanonicalJSONTests {
    let small = EvaluationOutcome(
        framework: "model-city", frameworkVersion: 3, frameworkSHA256: "ab", period: "2026-10", scope: .subcommand("s1"), cutoff: 42,
        inputDigest: "cd", earned: 7.5, maxPoints: 10, eligible: nil,
        leaves: [
            LeafOutcome(
                code: "air", path: "categories[0].items[0].indicators[0]", points: 10, value: 0.75, fraction: 0.75, earned: 7.5, flags: [], samples: 4
            ),
            LeafOutcome(code: "q\"\n✓", path: "p", points: 0, value: nil, fraction: 0, earned: 0, flags: [.missing], samples: 0),
        ],
        nodes: [NodeOutcome(code: "c0", path: "categories[0]", level: .category, points: 10, earned: 7.5)],
        gates: [GateOutcome(node: "air", path: "categories[0].items[0].indicators[0]", condition: "value >= 0.9", passed: false, value: 0.75)])

    @Test("sorted keys, no whitespace, shortest numbers, null for nil")
    func exactBytes() {
        let expected =
            #"{"cutoff":42,"earned":7.5,"eligible":null,"format":1,"framework":"model-city","framework_sha256":"ab","framework_version":3,"#
            + #""gates":[{"condition":"value >= 0.9","node":"air","passed":false,"path":"categories[0].items[0].indicators[0]","value":0.75}],"#
            + #""input_digest":"cd","leaves":[{"code":"air","earned":7.5,"flags":[],"fraction":0.75,"path":"categories[0].items[0].indicators[0]","#
            + #""points":10,"samples":4,"value":0.75},{"code":"q\"\n✓","earned":0,"flags":["missing"],"fraction":0,"path":"p","points":0,"#
            + #""samples":0,"value":null}],"max_points":10,"nodes":[{"code":"c0","earned":7.5,"level":"category","path":"categories[0]","points":10}],"#
            + #""period":"2026-10","scope":"subcommand:s1"}"#
        #expect(String(decoding: small.canonicalJSON(), as: UTF8.self) == expected)
    }

    @Test("decoding gives back the same value and the same bytes")
    func roundTrip() throws {
        let bytes = small.canonicalJSON()
        let decoded = try EvaluationOutcome(canonicalJSON: bytes)
        #expect(decoded == small)
        #expect(decoded.canonicalJSON() == bytes)
    }

    @Test(
        "doubles keep every bit",
        arguments: [
            0.1, 1.0 / 3, 1e-5, 1e21, Double.leastNonzeroMagnitude, 123_456_789.125, -0.0, 0.30000000000000004, Double.greatestFiniteMagnitude,
        ])
    func doubles(value: Double) throws {
        var outcome = small
        outcome.earned = value
        outcome.leaves[0].value = value
        let decoded = try EvaluationOutcome(canonicalJSON: outcome.canonicalJSON())
        #expect(decoded.earned.bitPattern == value.bitPattern)
        #expect(decoded.leaves[0].value?.bitPattern == value.bitPattern)
    }

    @Test("the city scope and an eligibility verdict")
    func cityScope() throws {
        var outcome = small
        outcome.scope = .city
        outcome.eligible = true
        let text = String(decoding: outcome.canonicalJSON(), as: UTF8.self)
        #expect(text.contains(#""eligible":true"#))
        #expect(text.contains(#""scope":"city""#))
        #expect(try EvaluationOutcome(canonicalJSON: outcome.canonicalJSON()) == outcome)
    }

    @Test(
        "bad bytes are refused with the field or offset at fault",
        arguments: [
            ("", "byte 0"),
            ("{\"cutoff\":", "byte 10"),
            ("[]", "result is not an object"),
            ("{}", "lacks the field result.cutoff"),
        ])
    func refused(text: String, fragment: String) {
        let error = #expect(throws: CivitasError.self) { try EvaluationOutcome(canonicalJSON: Array(text.utf8)) }
        #expect(error?.code == .internal)
        #expect(error?.message.contains(fragment) == true, "\(error?.message ?? "")")
    }

    @Test("valid JSON that is not the canonical form is refused")
    func notCanonical() {
        let text = String(decoding: small.canonicalJSON(), as: UTF8.self)
        let variants = [
            text.replacingOccurrences(of: #""cutoff":42"#, with: #""cutoff": 42"#),
            text.replacingOccurrences(of: #""earned":7.5,"eligible""#, with: #""earned":7.50,"eligible""#),
            text.replacingOccurrences(of: #""max_points":10"#, with: #""max_points":10.0"#),
        ]
        for variant in variants {
            let error = #expect(throws: CivitasError.self) { try EvaluationOutcome(canonicalJSON: Array(variant.utf8)) }
            #expect(error?.message.contains("not canonical") == true)
        }
    }

    @Test("mistyped, unknown and out-of-vocabulary fields are named")
    func fields() {
        let text = String(decoding: small.canonicalJSON(), as: UTF8.self)
        let cases = [
            (text.replacingOccurrences(of: #""samples":4"#, with: #""samples":"4""#), "result.leaves[0].samples is not an integer"),
            (text.replacingOccurrences(of: #""flags":["missing"]"#, with: #""flags":["lost"]"#), "result.leaves[1].flags[0]"),
            (text.replacingOccurrences(of: #""format":1,"#, with: #""format":1,"extra":0,"#), "unknown field result.extra"),
            (text.replacingOccurrences(of: #""format":1"#, with: #""format":2"#), "format 2"),
            (text.replacingOccurrences(of: #""scope":"subcommand:s1""#, with: #""scope":"block""#), "result.scope"),
            (text.replacingOccurrences(of: #""level":"category""#, with: #""level":"leaf""#), "result.nodes[0].level"),
        ]
        for (variant, fragment) in cases {
            let error = #expect(throws: CivitasError.self) { try EvaluationOutcome(canonicalJSON: Array(variant.utf8)) }
            #expect(error?.message.contains(fragment) == true, "\(error?.message ?? "")")
        }
    }
}
