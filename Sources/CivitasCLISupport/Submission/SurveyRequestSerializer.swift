import CivitasProtos
import GRPCCore
import SwiftProtobuf

/// Encodes `SubmitSurveyResponsesRequest` straight to protobuf wire bytes: one pass for the
/// sizes (each response's kept) and one that writes into a buffer of the exact size.
/// SwiftProtobuf works out every nested message's size again at each level (a request's
/// responses, then each response's answers), which made serialization most of the
/// client's CPU in a million-row upload. The bytes are exactly SwiftProtobuf's (fields in
/// number order, proto3 defaults left out; tested against it on random messages); a
/// message carrying unknown fields, which this client never makes, goes through
/// SwiftProtobuf.
struct SurveyRequestSerializer: MessageSerializer {
    typealias Message = Civitas_V1_SubmitSurveyResponsesRequest

    /// The length-delimited wire type.
    private static let delimited: UInt8 = 2

    func serialize<Bytes: GRPCContiguousBytes>(_ request: Message) throws -> Bytes {
        guard Self.isPlain(request) else { return Bytes(try request.serializedBytes() as [UInt8]) }
        var sizes: [Int] = []
        sizes.reserveCapacity(request.responses.count)
        var total = WireWriter.stringSize(request.tenant) + (request.dryRun ? 2 : 0)
        for response in request.responses {
            let size = Self.size(of: response)
            sizes.append(size)
            total += WireWriter.delimitedSize(size)
        }
        var bytes = Bytes(repeating: 0, count: total)
        bytes.withUnsafeMutableBytes { buffer in
            var out = WireWriter(buffer)
            out.stringField(1, request.tenant)
            for (response, size) in zip(request.responses, sizes) {
                out.tag(2, Self.delimited)
                out.varint(UInt64(size))
                Self.write(response, into: &out)
            }
            out.varintField(3, request.dryRun ? 1 : 0)
            precondition(out.position == total, "survey request size \(total) but \(out.position) bytes written")
        }
        return bytes
    }

    /// No unknown fields anywhere (which SwiftProtobuf would write after the known ones).
    static func isPlain(_ request: Message) -> Bool {
        request.unknownFields.data.isEmpty
            && request.responses.allSatisfy { response in
                response.unknownFields.data.isEmpty && response.submittedAt.unknownFields.data.isEmpty
                    && response.answers.allSatisfy { $0.unknownFields.data.isEmpty }
            }
    }

    static func size(of response: Civitas_V1_SurveyResponse) -> Int {
        var size = WireWriter.stringSize(response.key) + WireWriter.stringSize(response.survey)
            + WireWriter.stringSize(response.respondent) + WireWriter.stringSize(response.subcommand)
        if response.hasSubmittedAt { size += WireWriter.delimitedSize(timestampSize(response.submittedAt)) }
        size += WireWriter.varintFieldSize(UInt64(response.durationSeconds))
        for answer in response.answers { size += WireWriter.delimitedSize(answerSize(answer)) }
        return size
    }

    static func timestampSize(_ time: Google_Protobuf_Timestamp) -> Int {
        WireWriter.varintFieldSize(UInt64(bitPattern: time.seconds))
            + WireWriter.varintFieldSize(UInt64(bitPattern: Int64(time.nanos)))
    }

    static func answerSize(_ answer: Civitas_V1_SurveyAnswer) -> Int {
        WireWriter.stringSize(answer.question) + WireWriter.varintFieldSize(UInt64(answer.answer))
    }

    static func write(_ response: Civitas_V1_SurveyResponse, into out: inout WireWriter) {
        out.stringField(1, response.key)
        out.stringField(2, response.survey)
        out.stringField(3, response.respondent)
        out.stringField(4, response.subcommand)
        if response.hasSubmittedAt {
            let time = response.submittedAt
            out.tag(5, delimited)
            out.varint(UInt64(timestampSize(time)))
            out.varintField(1, UInt64(bitPattern: time.seconds))
            out.varintField(2, UInt64(bitPattern: Int64(time.nanos)))
        }
        out.varintField(6, UInt64(response.durationSeconds))
        for answer in response.answers {
            out.tag(7, delimited)
            out.varint(UInt64(answerSize(answer)))
            out.stringField(1, answer.question)
            out.varintField(2, UInt64(answer.answer))
        }
    }
}

/// Decodes a reply with SwiftProtobuf (GRPCProtobuf's deserializer is not a dependency here).
struct ReplyDeserializer<Message: SwiftProtobuf.Message>: MessageDeserializer {
    func deserialize<Bytes: GRPCContiguousBytes>(_ bytes: Bytes) throws -> Message {
        do {
            return try bytes.withUnsafeBytes { try Message(serializedBytes: Array($0)) }
        } catch {
            throw RPCError(code: .invalidArgument, message: "Can't deserialize to message of type \(Message.self).", cause: error)
        }
    }
}
