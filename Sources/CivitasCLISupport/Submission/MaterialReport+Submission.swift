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

    public static func read(csv table: CSVTable, context: SubmissionReadContext) throws -> ParsedSubmission<Self> {
        let columns = try ColumnMap(
            header: table.header, aliases: aliases, required: ["unit", "indicator", "period"], source: context.source
        )
        guard columns.has("value") || columns.has("provided") else {
            throw CSVError(source: context.source, line: 1, message: "needs a \"value\" or a \"provided\" column")
        }
        var parsed = ParsedSubmission<Self>(source: context.source, rows: .csv(header: table.header, records: table.records))
        var noted: Set<String> = []
        for record in table.records {
            do throws(CellProblem) {
                var report = Self()
                report.key = columns.cell(record, "key")
                report.unit = try columns.required(record, "unit")
                report.indicator = try columns.required(record, "indicator")
                report.period = .with { $0.name = columns.cell(record, "period") }
                if report.period.name.isEmpty { throw CellProblem("period", "is empty") }
                let (value, provided) = (columns.cell(record, "value"), columns.cell(record, "provided"))
                switch (value.isEmpty, provided.isEmpty) {
                case (false, false): throw CellProblem("value", "give either a value or provided, not both")
                case (true, true): throw CellProblem("value", "is empty; give a number, or provided true/false")
                case (false, true): report.number = try Cells.number(value, field: "value")
                case (true, false): report.provided = try Cells.boolean(provided, field: "provided")
                }
                report.note = columns.cell(record, "note")
                for path in Cells.list(columns.cell(record, "evidence")) {
                    let file = try context.evidence(path)
                    if file.tooLarge, noted.insert(path).inserted {
                        parsed.notes.append(
                            "note: \(path) (\(file.evidence.size) bytes) is larger than --evidence-max-bytes; only its SHA-256, size and type are sent"
                        )
                    }
                    report.evidence.append(file.evidence)
                }
                parsed.add(report, lines: [record.line])
            } catch {
                parsed.refuse(lines: [record.line], error)
            }
        }
        return parsed
    }

    public mutating func normalizeForKey() {
        for index in evidence.indices { evidence[index].content = Data() }
    }

    public var approximateSize: Int { 256 + note.utf8.count + evidence.reduce(0) { $0 + 128 + $1.content.count } }

    public static func submit(
        _ batches: [[Self]], over civitas: CivitasConnection, tenant: String, dryRun: Bool,
        sent: @escaping @Sendable (Int) -> Void
    ) async throws -> Civitas_V1_SubmitResponse {
        precondition(batches.count == 1, "material reports travel one batch per call")
        let request = Civitas_V1_SubmitMaterialReportsRequest.with {
            $0.tenant = tenant
            $0.reports = batches[0]
            $0.dryRun = dryRun
        }
        let reply = try await civitas.submissions.submitMaterialReports(request, options: civitas.options)
        sent(0)
        return reply
    }
}
