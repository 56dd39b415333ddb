import CivitasClient
import CivitasProtos
import Foundation
import GRPCCore
import SwiftProtobuf

extension Civitas_V1_MaterialReport: SubmissionRecord {
    public static var channel: SubmissionChannel { .material }

    public static var csvColumns: String { "key,unit,indicator,period,value,provided,note,evidence" }

    static let aliases: [String: String] = [
        "key": "key", "键": "key", "幂等键": "key",
        "unit": "unit", "单位": "unit", "责任单位": "unit",
        "indicator": "indicator", "指标": "indicator", "指标代码": "indicator",
        "period": "period", "期间": "period", "周期": "period", "报告期": "period",
        "value": "value", "number": "value", "数值": "value", "值": "value",
        "provided": "provided", "是否提供": "provided", "已提供": "provided",
        "note": "note", "备注": "note", "说明": "note",
        "evidence": "evidence", "佐证材料": "evidence", "附件": "evidence",
    ]

    public static func csvReader(header: [String], context: SubmissionReadContext) throws -> any CSVRecordReader<Self> {
        let columns = try ColumnMap(
            header: header, aliases: aliases, required: ["unit", "indicator", "period"], source: context.source
        )
        guard columns.has("value") || columns.has("provided") else {
            throw CSVError(source: context.source, line: 1, message: "needs a \"value\" or a \"provided\" column")
        }
        return MaterialCSVReader(columns: columns, context: context)
    }

    public mutating func normalizeForKey() {
        for index in evidence.indices { evidence[index].content = Data() }
    }

    public var approximateSize: Int { 256 + note.utf8.count + evidence.reduce(0) { $0 + 128 + $1.content.count } }

    public static func submit(
        _ call: UploadCall<Self>, over civitas: CivitasConnection, tenant: String, dryRun: Bool
    ) async throws -> Civitas_V1_SubmitResponse {
        // Material reports travel one batch per call.
        guard let batch = try await call.next() else { return Civitas_V1_SubmitResponse() }
        let request = Civitas_V1_SubmitMaterialReportsRequest.with {
            $0.tenant = tenant
            $0.reports = batch.records
            $0.dryRun = dryRun
        }
        let reply = try await civitas.submissions.submitMaterialReports(request, options: civitas.options)
        call.sent(batch)
        return reply
    }
}

/// Material rows: one report per row, evidence files read (once per path) as named.
struct MaterialCSVReader: CSVRecordReader {
    typealias Record = Civitas_V1_MaterialReport

    let key, unit, indicator, period, value, provided, note, evidence: Int?
    let context: SubmissionReadContext
    /// Evidence paths already noted as too large.
    var noted: Set<String> = []

    init(columns: ColumnMap, context: SubmissionReadContext) {
        (key, unit, indicator, period) = (columns.position("key"), columns.position("unit"), columns.position("indicator"), columns.position("period"))
        (value, provided) = (columns.position("value"), columns.position("provided"))
        (note, evidence) = (columns.position("note"), columns.position("evidence"))
        self.context = context
    }

    mutating func read(_ row: CSVCells, into batches: inout BatchBuilder<Record>) {
        do throws(CellProblem) {
            var report = Record()
            report.key = row.string(key)
            report.unit = try row.required(unit, "unit")
            report.indicator = try row.required(indicator, "indicator")
            report.period = .with { $0.name = row.string(period) }
            if report.period.name.isEmpty { throw CellProblem("period", "is empty") }
            let (value, provided) = (row.string(value), row.string(provided))
            switch (value.isEmpty, provided.isEmpty) {
            case (false, false): throw CellProblem("value", "give either a value or provided, not both")
            case (true, true): throw CellProblem("value", "is empty; give a number, or provided true/false")
            case (false, true): report.number = try Cells.number(value, field: "value")
            case (true, false): report.provided = try Cells.boolean(provided, field: "provided")
            }
            report.note = row.string(note)
            for path in Cells.list(row.string(evidence)) {
                let file = try context.evidence(path)
                if file.tooLarge, noted.insert(path).inserted {
                    batches.note(
                        "note: \(path) (\(file.evidence.size) bytes) is larger than --evidence-max-bytes; only its SHA-256, size and type are sent"
                    )
                }
                report.evidence.append(file.evidence)
            }
            batches.add(report, origin: row.origin)
        } catch {
            batches.refuse(error, lines: [row.line], origin: row.origin)
        }
    }
}
