import CivitasClient
import CivitasProtos
import Foundation
import GRPCCore
import SwiftProtobuf

extension Civitas_V1_FeedPoint: SubmissionRecord {
    public static var channel: SubmissionChannel { .feed }

    public static var csvColumns: String { "key,metric,source,observed_at,value,subcommand" }

    static let aliases: [String: String] = [
        "key": "key", "键": "key", "幂等键": "key",
        "metric": "metric", "指标": "metric", "监测指标": "metric",
        "source": "source", "来源": "source", "数据来源": "source",
        "observed_at": "observed_at", "observedat": "observed_at", "time": "observed_at", "观测时间": "observed_at",
        "时间": "observed_at",
        "value": "value", "数值": "value", "值": "value",
        "subcommand": "subcommand", "分指挥部": "subcommand",
    ]

    public static func read(csv table: CSVTable, context: SubmissionReadContext) throws -> ParsedSubmission<Self> {
        let columns = try ColumnMap(
            header: table.header, aliases: aliases, required: ["metric", "observed_at", "value"], source: context.source
        )
        var parsed = ParsedSubmission<Self>(source: context.source, rows: .csv(header: table.header, records: table.records))
        parsed.items.reserveCapacity(table.records.count)
        for record in table.records {
            do throws(CellProblem) {
                var point = Self()
                point.key = columns.cell(record, "key")
                point.metric = try columns.required(record, "metric")
                point.source = columns.cell(record, "source")
                point.observedAt = try context.timestamp(columns.cell(record, "observed_at"), field: "observed_at")
                point.value = try Cells.number(try columns.required(record, "value"), field: "value")
                point.subcommand = columns.cell(record, "subcommand")
                parsed.add(point, lines: [record.line])
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
        try await civitas.submissions.submitFeedPoints(options: civitas.streamOptions) { writer in
            for (index, batch) in batches.enumerated() {
                try await writer.write(.with { $0.tenant = tenant; $0.points = batch; $0.dryRun = dryRun })
                sent(index)
            }
        }
    }
}
