import CivitasCore
import CivitasProtos
@testable import CivitasServer
import Foundation
import SwiftProtobuf
import Testing

/// The server decodes survey uploads from their wire bytes itself (for speed). Whatever
/// a protobuf encoder sends must mean exactly what SwiftProtobuf's decoding of the
/// .proto means: checked on random messages — unicode and empty strings, negative and
/// huge times, duplicated and unordered answers, unknown fields of every wire type —
/// and on every truncation of a message.
@Suite("Survey upload decoder")
struct SurveyUploadDecoderTests {
    @Test("random messages decode to the same records as through SwiftProtobuf", arguments: 0..<300)
    func sameAsSwiftProtobuf(seed: UInt64) throws {
        var random = SplitMix64(seed: seed)
        let message = Self.message(&random)
        var bytes: [UInt8] = try message.serializedBytes()
        if random.next() % 3 == 0 { bytes += Self.unknownFields() }
        let expected = SurveyUpload(try Civitas_V1_SubmitSurveyResponsesRequest(serializedBytes: bytes))
        let decoded = try bytes.withUnsafeBytes { try SurveyUploadDecoder.decode($0) }
        #expect(decoded.tenant == expected.tenant && decoded.dryRun == expected.dryRun)
        #expect(decoded.responses == expected.responses)
    }

    @Test("a truncated message is refused or, where SwiftProtobuf accepts it, means the same")
    func truncations() throws {
        var random = SplitMix64(seed: 99)
        let bytes: [UInt8] = try Self.message(&random).serializedBytes()
        for length in 0..<bytes.count {
            let prefix = Array(bytes[..<length])
            let fast = try? prefix.withUnsafeBytes { try SurveyUploadDecoder.decode($0) }
            let reference = try? Civitas_V1_SubmitSurveyResponsesRequest(serializedBytes: prefix)
            if let fast {
                let reference = try #require(reference, "accepted \(length) bytes that SwiftProtobuf refuses")
                #expect(fast.responses == SurveyUpload(reference).responses)
            }
        }
    }

    @Test("malformed bytes are refused with the reason and offset, never a crash")
    func malformed() {
        let cases: [([UInt8], String)] = [
            ([0x12, 0x05, 0x0A], "runs past the message"),                   // responses: 5 bytes announced, 1 there
            ([0x18, 0x80], "ends inside a varint"),                          // dry_run: a varint cut short
            ([0x0A, 0x02, 0xC3, 0x28], "not valid UTF-8"),                   // tenant: C3 28 is no UTF-8
            ([0x00], "invalid field tag"),                                   // field number 0
            ([0x0A, 0x01, 0x41, 0x0F], "invalid field tag"),                 // wire type 7 does not exist
            ([0x12, 0x02, 0x28, 0x00], "submitted_at has wire type 0"),      // a response's time as a varint
            ([0xA3, 0x01, 0x08, 0x01], "group 20 is not closed"),            // unknown group 20, never ended
            ([0x18] + Array(repeating: 0xFF, count: 9) + [0x7F], "longer than 64 bits"),
        ]
        for (bytes, reason) in cases {
            #expect {
                try bytes.withUnsafeBytes { _ = try SurveyUploadDecoder.decode($0) }
            } throws: { error in
                "\(error)".contains(reason) && "\(error)".contains("at byte")
            }
        }
    }

    @Test("a time beyond any calendar is clamped, not an overflow")
    func hugeTime() throws {
        let message = Civitas_V1_SubmitSurveyResponsesRequest.with {
            $0.responses = [.with { $0.submittedAt = Google_Protobuf_Timestamp(seconds: .max, nanos: 0) }]
        }
        let bytes: [UInt8] = try message.serializedBytes()
        let decoded = try bytes.withUnsafeBytes { try SurveyUploadDecoder.decode($0) }
        #expect(decoded.responses.first?.submittedAt == Date(unixMilliseconds: 1_000_000_000_000_000))
    }

    // MARK: Random messages

    static func message(_ random: inout SplitMix64) -> Civitas_V1_SubmitSurveyResponsesRequest {
        .with {
            $0.tenant = text(&random)
            $0.dryRun = random.next() % 2 == 0
            $0.responses = (0..<Int(random.next() % 6)).map { _ in response(&random) }
        }
    }

    static func response(_ random: inout SplitMix64) -> Civitas_V1_SurveyResponse {
        .with {
            $0.key = text(&random)
            $0.survey = text(&random)
            $0.respondent = text(&random)
            $0.subcommand = text(&random)
            if random.next() % 5 != 0 {
                let seconds = random.next() % 4 == 0 ? Int64(bitPattern: random.next()) : Int64(random.next() % 4_000_000_000) - 1_000_000_000
                $0.submittedAt = Google_Protobuf_Timestamp(seconds: seconds, nanos: Int32(random.next() % 1_000_000_000))
            }
            $0.durationSeconds = UInt32(truncatingIfNeeded: random.next() % 3 == 0 ? random.next() : random.next() % 900)
            $0.answers = (0..<Int(random.next() % 14)).map { _ in
                .with { $0.question = random.next() % 4 == 0 ? text(&random) : "q\(random.next() % 12)"; $0.answer = UInt32(random.next() % 8) }
            }
        }
    }

    static let alphabet: [String] = ["a", "Z", "0", "-", "_", " ", "é", "区", "问", "🙂", "\u{0}", "q1", "q10", "q2"]

    static func text(_ random: inout SplitMix64) -> String {
        (0..<Int(random.next() % 24)).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] }.joined()
    }

    /// Fields a newer client might add, at the top level: every wire type.
    static func unknownFields() -> [UInt8] {
        var bytes: [UInt8] = []
        bytes += [0x78 | 0x00, 0x96, 0x01]                    // field 15, varint 150
        bytes += [0x81, 0x01] + Array(repeating: 7, count: 8)  // field 16, fixed64
        bytes += [0x8A, 0x01, 0x03, 0x61, 0x62, 0x63]         // field 17, "abc"
        bytes += [0x95, 0x01, 1, 2, 3, 4]                     // field 18, fixed32
        bytes += [0x9B, 0x01, 0x08, 0x01, 0x9C, 0x01]         // field 19, a group holding a varint
        return bytes
    }
}
