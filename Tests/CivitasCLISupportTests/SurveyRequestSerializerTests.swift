@testable import CivitasCLISupport
import CivitasProtos
import CivitasCore
import Foundation
import GRPCCore
import SwiftProtobuf
import Testing

@Suite("Survey requests encoded straight to wire bytes")
struct SurveyRequestSerializerTests {
    static func randomText(_ random: inout SplitMix64) -> String {
        let pieces = ["", "", "a", "k123456", "s-wave", "测试", "é", String(repeating: "x", count: 130), String(repeating: "问", count: 6000)]
        return pieces.randomElement(using: &random)!
    }

    static func randomResponse(_ random: inout SplitMix64) -> Civitas_V1_SurveyResponse {
        var response = Civitas_V1_SurveyResponse()
        response.key = randomText(&random)
        response.survey = randomText(&random)
        response.respondent = randomText(&random)
        response.subcommand = randomText(&random)
        if Int.random(in: 0..<4, using: &random) > 0 {
            let seconds: [Int64] = [0, 1, -1, 1_791_163_800, -62_135_596_800, Int64.max, Int64.min, .random(in: .min ... .max, using: &random)]
            let nanos: [Int32] = [0, 1, -1, 999_999_999, .random(in: .min ... .max, using: &random)]
            response.submittedAt = Google_Protobuf_Timestamp(
                seconds: seconds.randomElement(using: &random)!, nanos: nanos.randomElement(using: &random)!
            )
        }
        response.durationSeconds = [0, 1, 127, 128, 16_384, UInt32.max, .random(in: 0 ... .max, using: &random)].randomElement(using: &random)!
        let count = Bool.random(using: &random) ? Int.random(in: 0...12, using: &random) : Int.random(in: 0...300, using: &random)
        response.answers = (0..<count).map { _ in
            .with {
                $0.question = ["", "q1", "q10", "问题", String(repeating: "q", count: 200)].randomElement(using: &random)!
                $0.answer = [0, 1, 5, 128, UInt32.max].randomElement(using: &random)!
            }
        }
        return response
    }

    @Test("The same bytes as SwiftProtobuf's, on random requests (seeded)")
    func sameBytes() throws {
        var random = SplitMix64(seed: 8128)
        for _ in 0..<400 {
            var request = Civitas_V1_SubmitSurveyResponsesRequest()
            request.tenant = Self.randomText(&random)
            request.dryRun = Bool.random(using: &random)
            request.responses = (0..<Int.random(in: 0...6, using: &random)).map { _ in Self.randomResponse(&random) }
            let encoded: [UInt8] = try SurveyRequestSerializer().serialize(request)
            let expected: [UInt8] = try request.serializedBytes()
            #expect(encoded == expected)
            #expect(try Civitas_V1_SubmitSurveyResponsesRequest(serializedBytes: encoded) == request)
        }
    }

    @Test("A message with unknown fields goes through SwiftProtobuf, unknown fields kept")
    func unknownFields() throws {
        var response = Civitas_V1_SurveyResponse()
        response.key = "k1"
        let bytes: [UInt8] = try response.serializedBytes() + [0x58, 0x01]
        var request = Civitas_V1_SubmitSurveyResponsesRequest()
        request.responses = [try Civitas_V1_SurveyResponse(serializedBytes: bytes)]
        #expect(!SurveyRequestSerializer.isPlain(request))
        let encoded: [UInt8] = try SurveyRequestSerializer().serialize(request)
        #expect(encoded == (try request.serializedBytes() as [UInt8]))
    }

    @Test("A survey file's batch, as the reader makes it")
    func readerBatch() throws {
        let parsed = try read(
            Civitas_V1_SurveyResponse.self,
            """
            key,survey,respondent,subcommand,submitted_at,duration_seconds,q2,q1
            k1,wave-1,r-0001,sc-01,2026-10-05 09:30,240,5,
            ,wave-1,r-0002,,2026-10-05T01:31:10.25Z,95,1,2
            """
        )
        let request = Civitas_V1_SubmitSurveyResponsesRequest.with { $0.tenant = "demo-city"; $0.responses = parsed.items.map(\.record) }
        #expect((try SurveyRequestSerializer().serialize(request) as [UInt8]) == (try request.serializedBytes() as [UInt8]))
    }
}
