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

    public static func csvReader(header: [String], context: SubmissionReadContext) throws -> any CSVRecordReader<Self> {
        let columns = try ColumnMap(
            header: header, aliases: aliases, required: ["metric", "observed_at", "value"], source: context.source
        )
        return FeedCSVReader(columns: columns, context: context)
    }

    public static func submit(
        _ call: UploadCall<Self>, over civitas: CivitasConnection, tenant: String, dryRun: Bool
    ) async throws -> Civitas_V1_SubmitResponse {
        try await civitas.submissions.submitFeedPoints(options: civitas.streamOptions) { writer in
            while let batch = try await call.next() {
                try await writer.write(.with { $0.tenant = tenant; $0.points = batch.records; $0.dryRun = dryRun })
                call.sent(batch)
            }
        }
    }
}

/// Feed rows: one point per row.
struct FeedCSVReader: CSVRecordReader {
    typealias Record = Civitas_V1_FeedPoint

    let key, metric, source, observedAt, value, subcommand: Int?
    let context: SubmissionReadContext

    init(columns: ColumnMap, context: SubmissionReadContext) {
        (key, metric, source) = (columns.position("key"), columns.position("metric"), columns.position("source"))
        (observedAt, value, subcommand) = (columns.position("observed_at"), columns.position("value"), columns.position("subcommand"))
        self.context = context
    }

    mutating func read(_ row: CSVCells, into batches: inout BatchBuilder<Record>) {
        do throws(CellProblem) {
            var point = Record()
            point.key = row.string(key)
            point.metric = try row.required(metric, "metric")
            point.source = row.string(source)
            point.observedAt = try context.timestamp(row.trimmed(observedAt), field: "observed_at")
            point.value = try Cells.number(try row.required(value, "value"), field: "value")
            point.subcommand = row.string(subcommand)
            batches.add(point, origin: row.origin)
        } catch {
            batches.refuse(error, lines: [row.line], origin: row.origin)
        }
    }
}
