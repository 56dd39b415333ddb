import CivitasClient
import CivitasProtos
import Foundation
import GRPCCore
import SwiftProtobuf

extension Civitas_V1_SurveyResponse: SubmissionRecord {
    public static var channel: SubmissionChannel { .survey }

    public static var csvColumns: String {
        "key,survey,respondent,subcommand,submitted_at,duration_seconds, then one column per question code"
    }

    static let aliases: [String: String] = [
        "key": "key", "键": "key", "幂等键": "key",
        "survey": "survey", "问卷": "survey",
        "respondent": "respondent", "受访者": "respondent",
        "subcommand": "subcommand", "分指挥部": "subcommand",
        "submitted_at": "submitted_at", "submittedat": "submitted_at", "提交时间": "submitted_at",
        "duration_seconds": "duration_seconds", "duration": "duration_seconds", "用时": "duration_seconds",
        "答题时长": "duration_seconds",
    ]

    public static func csvReader(header: [String], context: SubmissionReadContext) throws -> any CSVRecordReader<Self> {
        let columns = try ColumnMap(
            header: header, aliases: aliases,
            required: ["survey", "respondent", "submitted_at", "duration_seconds"], source: context.source,
            allowOthers: true
        )
        guard !columns.others.isEmpty else {
            throw CSVError(source: context.source, line: 1, message: "has no question columns (one column per question code)")
        }
        return SurveyCSVReader(columns: columns, context: context)
    }

    public static func submit(
        _ call: UploadCall<Self>, over civitas: CivitasConnection, tenant: String, dryRun: Bool
    ) async throws -> Civitas_V1_SubmitResponse {
        let request = StreamingClientRequest(of: Civitas_V1_SubmitSurveyResponsesRequest.self) { writer in
            while let batch = try await call.next() {
                try await writer.write(.with { $0.tenant = tenant; $0.responses = batch.records; $0.dryRun = dryRun })
                call.sent(batch)
            }
        }
        return try await civitas.submissions.submitSurveyResponses(
            request: request, serializer: SurveyRequestSerializer(), deserializer: ReplyDeserializer<Civitas_V1_SubmitResponse>(),
            options: civitas.streamOptions
        )
    }

    /// Answers in any column order give one key: sorted by question as the map this field
    /// replaced was, so the derived key's bytes — and the keys of files sent before — stay
    /// the same.
    public mutating func normalizeForKey() {
        answers.sort { $0.question < $1.question }
    }
}

/// Survey rows: the fixed columns, then one column per question code.
struct SurveyCSVReader: CSVRecordReader {
    typealias Record = Civitas_V1_SurveyResponse

    let key, survey, respondent, subcommand, submittedAt, duration: Int?
    let questions: [(position: Int, code: String)]
    let context: SubmissionReadContext

    init(columns: ColumnMap, context: SubmissionReadContext) {
        (key, survey, respondent) = (columns.position("key"), columns.position("survey"), columns.position("respondent"))
        (subcommand, submittedAt) = (columns.position("subcommand"), columns.position("submitted_at"))
        duration = columns.position("duration_seconds")
        // Sent in the order of the questions' UTF-8 bytes, the order the server keeps
        // answers in: it then only checks the order instead of sorting every response.
        questions = columns.others.map { ($0.position, $0.heading) }.sorted { $0.code.utf8.lexicographicallyPrecedes($1.code.utf8) }
        self.context = context
    }

    mutating func read(_ row: CSVCells, into batches: inout BatchBuilder<Record>) {
        do throws(CellProblem) {
            var response = Record()
            response.key = row.string(key)
            response.survey = try row.required(survey, "survey")
            response.respondent = try row.required(respondent, "respondent")
            response.subcommand = row.string(subcommand)
            response.submittedAt = try context.timestamp(row.trimmed(submittedAt), field: "submitted_at")
            let seconds = row.trimmed(duration)
            guard !seconds.isEmpty else { throw CellProblem("duration_seconds", "is empty") }
            response.durationSeconds = try Cells.unsigned(seconds, field: "duration_seconds")
            response.answers.reserveCapacity(questions.count)
            for (position, question) in questions where position < row.count {
                let answer = row.trimmed(position)
                if answer.isEmpty { continue }
                guard let value = UTF8Cell.unsigned(answer) ?? UInt32(UTF8Cell.string(answer)) else {
                    throw CellProblem(question, "\"\(UTF8Cell.string(answer))\" is not an answer 1–5 (leave it empty when unanswered)")
                }
                var entry = Civitas_V1_SurveyAnswer()
                entry.question = question
                entry.answer = value
                response.answers.append(entry)
            }
            batches.add(response, origin: row.origin)
        } catch {
            batches.refuse(error, lines: [row.line], origin: row.origin)
        }
    }
}
