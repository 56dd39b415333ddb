import CivitasCore
import Foundation
import Testing

/// Framework documents and evaluation outcomes share one JSON reader and writer, but
/// their stored bytes (document hashes, stored results) were fixed before they did. The
/// few places where the two layouts differ must stay different.
@Suite("Canonical JSON: the framework and outcome layouts keep their differences")
struct CanonicalLayoutTests {
    @Test("a framework writes whole numbers below 2^53 as digits, 2^53 itself with .0, -0 as 0, and U+0008/U+000C as \\u escapes")
    func frameworkLayout() {
        let framework = Framework(
            code: "t", title: "t", description: "a\u{8}b\u{C}c", total: -0.0, passScore: 9_007_199_254_740_992, categories: [])
        let text = String(decoding: FrameworkDocument.canonicalJSON(framework), as: UTF8.self)
        // 2^53 = 9007199254740992 is not below 2^53, so it keeps Swift's text "9007199254740992.0".
        #expect(text.contains(#""pass_score":9007199254740992.0,"#), "\(text)")
        #expect(text.contains(#""total":0}"#), "\(text)")
        #expect(text.contains(#""description":"a\u0008b\u000cc""#), "\(text)")
    }

    @Test("an outcome writes Swift's shortest text without .0, keeps -0, and escapes U+0008/U+000C as \\b and \\f")
    func outcomeLayout() throws {
        let outcome = EvaluationOutcome(
            framework: "f", frameworkVersion: 1, frameworkSHA256: "ab", period: "2026-10", scope: .city, cutoff: 1,
            inputDigest: "cd", earned: -0.0, maxPoints: 9_007_199_254_740_992, eligible: nil,
            leaves: [LeafOutcome(code: "a\u{8}b\u{C}c", path: "p", points: 0, value: nil, fraction: 0, earned: 0, flags: [], samples: 0)],
            nodes: [], gates: [])
        let bytes = outcome.canonicalJSON()
        let text = String(decoding: bytes, as: UTF8.self)
        // Swift describes 2^53 as "9007199254740992.0" and -0.0 as "-0.0"; only the ".0" is dropped.
        #expect(text.contains(#""max_points":9007199254740992,"#), "\(text)")
        #expect(text.contains(#""earned":-0,"#), "\(text)")
        #expect(text.contains(#""code":"a\bb\fc""#), "\(text)")
        let decoded = try EvaluationOutcome(canonicalJSON: bytes)
        #expect(decoded.earned.sign == .minus)
        #expect(decoded.leaves[0].code == "a\u{8}b\u{C}c")
    }

    @Test("an outcome object with a repeated key is refused naming the field")
    func repeatedKey() {
        let text = String(decoding: outcomeBytes(), as: UTF8.self).replacingOccurrences(of: #""cutoff":1,"#, with: #""cutoff":1,"cutoff":1,"#)
        let error = #expect(throws: CivitasError.self) { try EvaluationOutcome(canonicalJSON: Array(text.utf8)) }
        #expect(error?.code == .internal)
        #expect(error?.message.contains("result.cutoff more than once") == true, "\(error?.message ?? "")")
    }

    private func outcomeBytes() -> [UInt8] {
        EvaluationOutcome(
            framework: "f", frameworkVersion: 1, frameworkSHA256: "ab", period: "2026-10", scope: .city, cutoff: 1,
            inputDigest: "cd", earned: 0, maxPoints: 0, eligible: nil, leaves: [], nodes: [], gates: []
        ).canonicalJSON()
    }
}
