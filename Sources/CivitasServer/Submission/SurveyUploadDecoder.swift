import CivitasCore
import Foundation
import GRPCCore

/// Decodes a `SubmitSurveyResponsesRequest` straight from its wire bytes into domain
/// records. Uploads of a million responses spent a fifth of the server's time in
/// SwiftProtobuf's generic decoding and a tenth more converting its messages; reading
/// the handful of fields directly costs a fraction of both. The .proto stays the
/// contract: ``SurveyUploadDecoderTests`` checks this decoder against SwiftProtobuf on
/// random messages, and fields it does not know are skipped as the format requires.
struct SurveyUploadDecoder: MessageDeserializer {
    func deserialize<Bytes: GRPCContiguousBytes>(_ serializedMessageBytes: Bytes) throws -> SurveyUpload {
        do {
            return try serializedMessageBytes.withUnsafeBytes { bytes throws(WireReader.Malformed) in try Self.decode(bytes) }
        } catch {
            throw RPCError(code: .invalidArgument, message: "A survey upload message cannot be decoded: \(error).")
        }
    }

    static func decode(_ bytes: UnsafeRawBufferPointer) throws(WireReader.Malformed) -> SurveyUpload {
        var reader = WireReader(bytes)
        var upload = SurveyUpload()
        while let (number, type) = try reader.field() {
            switch number {
            case 1:
                try reader.expect(type, .lengthDelimited, "tenant")
                upload.tenant = try reader.string()
            case 2:
                try reader.expect(type, .lengthDelimited, "responses")
                var nested = try reader.nested()
                upload.responses.append(try response(&nested))
            case 3:
                try reader.expect(type, .varint, "dry_run")
                upload.dryRun = try reader.varint() != 0
            default:
                try reader.skip(type, number: number)
            }
        }
        return upload
    }

    private static func response(_ reader: inout WireReader) throws(WireReader.Malformed) -> SurveyResponse {
        var (key, survey, respondent, subcommand) = ("", "", "", "")
        var (seconds, nanos): (Int64, Int32) = (0, 0)
        var duration: UInt32 = 0
        var answers: [SurveyAnswer] = []
        answers.reserveCapacity(16)
        while let (number, type) = try reader.field() {
            switch number {
            case 1...4:
                try reader.expect(type, .lengthDelimited, "string \(number)")
                let text = try reader.string()
                switch number {
                case 1: key = text
                case 2: survey = text
                case 3: respondent = text
                default: subcommand = text
                }
            case 5:
                // A message field seen twice merges, as in every protobuf decoder.
                try reader.expect(type, .lengthDelimited, "submitted_at")
                var nested = try reader.nested()
                try timestamp(&nested, &seconds, &nanos)
            case 6:
                try reader.expect(type, .varint, "duration_seconds")
                duration = UInt32(truncatingIfNeeded: try reader.varint())
            case 7:
                try reader.expect(type, .lengthDelimited, "answers")
                var nested = try reader.nested()
                answers.append(try answer(&nested))
            default:
                try reader.skip(type, number: number)
            }
        }
        return SurveyResponse(
            key: key, survey: survey, respondent: respondent, subcommand: subcommand.isEmpty ? nil : subcommand,
            submittedAt: Date(wireSeconds: seconds, nanos: nanos), durationSeconds: duration, answers: answers
        )
    }

    private static func timestamp(_ reader: inout WireReader, _ seconds: inout Int64, _ nanos: inout Int32) throws(WireReader.Malformed) {
        while let (number, type) = try reader.field() {
            switch number {
            case 1:
                try reader.expect(type, .varint, "seconds")
                seconds = Int64(bitPattern: try reader.varint())
            case 2:
                try reader.expect(type, .varint, "nanos")
                nanos = Int32(truncatingIfNeeded: try reader.varint())
            default:
                try reader.skip(type, number: number)
            }
        }
    }

    private static func answer(_ reader: inout WireReader) throws(WireReader.Malformed) -> SurveyAnswer {
        var answer = SurveyAnswer(question: "", answer: 0)
        while let (number, type) = try reader.field() {
            switch number {
            case 1:
                try reader.expect(type, .lengthDelimited, "question")
                answer.question = try reader.string()
            case 2:
                try reader.expect(type, .varint, "answer")
                answer.answer = UInt32(truncatingIfNeeded: try reader.varint())
            default:
                try reader.skip(type, number: number)
            }
        }
        return answer
    }
}
