@testable import CivitasCore
import Crypto
import Foundation
import Testing

/// Stored records are re-hashed by the audit check, and an identical repeat is
/// recognized by its hash: the canonical bytes must never change. The expected bytes
/// were written by an independent Python implementation of the layout in
/// CanonicalContent's documentation (length-prefixed UTF-8 strings, big-endian Int64 and
/// IEEE-754 doubles, times in whole milliseconds, answers sorted by question bytes).
@Suite("Canonical content")
struct CanonicalContentTests {
    static let at = Date(unixMilliseconds: 1_791_768_600_000)  // 2026-10-12T01:30:00Z

    @Test("a survey response: answers in question byte order whatever order they came in")
    func survey() {
        let answers = [("q2", 3), ("q10", 5), ("q1", 4)].map { SurveyAnswer(question: $0.0, answer: UInt32($0.1)) }
        let response = SurveyResponse(
            key: "ignored", survey: "s-wave", respondent: "r-7", subcommand: "sc-01", submittedAt: Self.at, durationSeconds: 300,
            answers: answers
        )
        let bytes = CanonicalContent.bytes(of: response)
        #expect(Self.hex(bytes) == """
            00000000000000067375727665790000000000000006732d776176650000000000000003722d37000000000000000573632d3031\
            000001a12dbb1dc0000000000000012c000000000000000300000000000000027131000000000000000400000000000000037131\
            300000000000000005000000000000000271320000000000000003
            """)
        #expect(Self.hex(Array(SHA256.hash(data: bytes))) == "af6204a7de625f3049708654a4ff97fb4ffd35d5241991b133bf71c245257cee")
        #expect(response.answers.map(\.question) == ["q1", "q10", "q2"])
    }

    @Test("a feed point: Chinese source as UTF-8 bytes, the value as a big-endian double, no sub-command as empty")
    func feed() {
        let point = FeedPoint(key: "ignored", metric: "aqi", source: "环境监测平台", observedAt: Self.at, value: 42.5, subcommand: nil)
        let bytes = CanonicalContent.bytes(of: point)
        #expect(Self.hex(bytes) == """
            00000000000000046665656400000000000000036171690000000000000012e78eafe5a283e79b91e6b58be5b9b3e58fb0000001a12dbb1dc0\
            40454000000000000000000000000000
            """)
        #expect(Self.hex(Array(SHA256.hash(data: bytes))) == "ec0139e60f36b878f708f3611a29fddf0caac430ec82153561919e8e60462b42")
    }

    static func hex(_ bytes: [UInt8]) -> String {
        bytes.map { String(format: "%02x", $0) }.joined()
    }
}
