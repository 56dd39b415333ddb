import CivitasClient
import CivitasProtos
import Foundation
import GRPCCore
import SwiftProtobuf

extension Civitas_V1_InspectionRecord: SubmissionRecord {
    public static var channel: SubmissionChannel { .inspection }

    public static var csvColumns: String {
        "key,point,inspector,observed_at,check,passed,note,photo_sha256,latitude,longitude"
    }

    static let aliases: [String: String] = [
        "key": "key", "键": "key", "幂等键": "key",
        "point": "point", "点位": "point",
        "inspector": "inspector", "检查员": "inspector", "督查员": "inspector",
        "observed_at": "observed_at", "observedat": "observed_at", "检查时间": "observed_at",
        "check": "check", "检查项": "check",
        "passed": "passed", "是否合格": "passed", "合格": "passed", "通过": "passed",
        "note": "note", "备注": "note", "说明": "note",
        "photo_sha256": "photo_sha256", "photos": "photo_sha256", "照片": "photo_sha256",
        "latitude": "latitude", "lat": "latitude", "纬度": "latitude",
        "longitude": "longitude", "lon": "longitude", "lng": "longitude", "经度": "longitude",
    ]

    /// One row per check; consecutive rows with the same key (or, without a key, the same
    /// point, inspector and time) form one record. Later rows of a record may leave key,
    /// point, inspector and time empty.
    public static func read(csv table: CSVTable, context: SubmissionReadContext) throws -> ParsedSubmission<Self> {
        let columns = try ColumnMap(
            header: table.header, aliases: aliases,
            required: ["point", "inspector", "observed_at", "check", "passed"], source: context.source
        )
        var parsed = ParsedSubmission<Self>(source: context.source, rows: .csv(header: table.header, records: table.records))
        var group: [CSVTable.Record] = []
        var groupIdentity = ""
        func identity(_ record: CSVTable.Record) -> String {
            let key = columns.cell(record, "key")
            if !key.isEmpty { return "k\u{0}" + key }
            return ["r", columns.cell(record, "point"), columns.cell(record, "inspector"), columns.cell(record, "observed_at")]
                .joined(separator: "\u{0}")
        }
        func flush() {
            guard !group.isEmpty else { return }
            let lines = group.map(\.line)
            do throws(CellProblem) {
                parsed.add(try record(of: group, columns: columns, context: context), lines: lines)
            } catch {
                parsed.refuse(lines: lines, error)
            }
            group = []
        }
        for row in table.records {
            let next = identity(row)
            let continues = !group.isEmpty && (next == groupIdentity || next == "r\u{0}\u{0}\u{0}")
            if !continues {
                flush()
                groupIdentity = next
            }
            group.append(row)
        }
        flush()
        return parsed
    }

    private static func record(
        of rows: [CSVTable.Record], columns: ColumnMap, context: SubmissionReadContext
    ) throws(CellProblem) -> Self {
        let first = rows[0]
        var inspection = Self()
        inspection.key = columns.cell(first, "key")
        inspection.point = try columns.required(first, "point")
        inspection.inspector = try columns.required(first, "inspector")
        let time = columns.cell(first, "observed_at")
        inspection.observedAt = try context.timestamp(time, field: "observed_at")
        var photos: [String] = []
        for row in rows {
            for (column, expected) in [("point", inspection.point), ("inspector", inspection.inspector), ("observed_at", time)] {
                let value = columns.cell(row, column)
                if !value.isEmpty, value != expected {
                    throw CellProblem(column, "\"\(value)\" differs from \"\(expected)\" on line \(first.line), the first row of this record")
                }
            }
            var check = Civitas_V1_CheckResult()
            check.check = try columns.required(row, "check")
            check.passed = try Cells.boolean(try columns.required(row, "passed"), field: "passed")
            check.note = columns.cell(row, "note")
            inspection.checks.append(check)
            for photo in Cells.list(columns.cell(row, "photo_sha256")) where !photos.contains(photo) {
                photos.append(photo)
            }
            let (latitude, longitude) = (columns.cell(row, "latitude"), columns.cell(row, "longitude"))
            if !latitude.isEmpty || !longitude.isEmpty, !inspection.hasLocation_p {
                guard !latitude.isEmpty, !longitude.isEmpty else {
                    throw CellProblem(latitude.isEmpty ? "latitude" : "longitude", "is empty; give both latitude and longitude")
                }
                inspection.latitude = try Cells.number(latitude, field: "latitude")
                inspection.longitude = try Cells.number(longitude, field: "longitude")
                inspection.hasLocation_p = true
            }
        }
        inspection.photoSha256 = photos
        return inspection
    }

    public var approximateSize: Int { 256 + checks.count * 64 + photoSha256.count * 80 }

    public static func submit(
        _ batches: [[Self]], over civitas: CivitasConnection, tenant: String, dryRun: Bool,
        sent: @escaping @Sendable (Int) -> Void
    ) async throws -> Civitas_V1_SubmitResponse {
        precondition(batches.count == 1, "inspection records travel one batch per call")
        let request = Civitas_V1_SubmitInspectionsRequest.with {
            $0.tenant = tenant
            $0.records = batches[0]
            $0.dryRun = dryRun
        }
        let reply = try await civitas.submissions.submitInspections(request, options: civitas.options)
        sent(0)
        return reply
    }
}
