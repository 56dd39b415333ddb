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

    public static func read(csv table: CSVTable, context: SubmissionReadContext) throws -> ParsedSubmission<Self> {
        let columns = try ColumnMap(
            header: table.header, aliases: aliases,
            required: ["survey", "respondent", "submitted_at", "duration_seconds"], source: context.source,
            allowOthers: true
        )
        guard !columns.others.isEmpty else {
            throw CSVError(source: context.source, line: 1, message: "has no question columns (one column per question code)")
        }
        var parsed = ParsedSubmission<Self>(source: context.source, rows: .csv(header: table.header, records: table.records))
        parsed.items.reserveCapacity(table.records.count)
        for record in table.records {
            do throws(CellProblem) {
                var response = Self()
                response.key = columns.cell(record, "key")
                response.survey = try columns.required(record, "survey")
                response.respondent = try columns.required(record, "respondent")
                response.subcommand = columns.cell(record, "subcommand")
                response.submittedAt = try context.timestamp(columns.cell(record, "submitted_at"), field: "submitted_at")
                response.durationSeconds = try Cells.unsigned(
                    try columns.required(record, "duration_seconds"), field: "duration_seconds"
                )
                for (position, question) in columns.others where position < record.fields.count {
                    let answer = Cells.trimmed(record.fields[position])
                    if answer.isEmpty { continue }
                    guard let value = UInt32(answer) else {
                        throw CellProblem(question, "\"\(answer)\" is not an answer 1–5 (leave it empty when unanswered)")
                    }
                    response.answers[question] = value
                }
                parsed.add(response, lines: [record.line])
            } catch {
                parsed.refuse(lines: [record.line], error)
            }
        }
        return parsed
    }

    public static func submit(
        _ batches: [[Self]], over civitas: CivitasConnection, tenant: String, dryRun: Bool,
        sent: @escaping @Sendable (Int) -> Void
    ) async throws -> Civitas_V1_SubmitResponse {
        try await civitas.submissions.submitSurveyResponses(options: civitas.streamOptions) { writer in
            for (index, batch) in batches.enumerated() {
                try await writer.write(.with { $0.tenant = tenant; $0.responses = batch; $0.dryRun = dryRun })
                sent(index)
            }
        }
    }
}
