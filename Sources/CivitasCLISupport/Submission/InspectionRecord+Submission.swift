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

    public static func csvReader(header: [String], context: SubmissionReadContext) throws -> any CSVRecordReader<Self> {
        let columns = try ColumnMap(
            header: header, aliases: aliases,
            required: ["point", "inspector", "observed_at", "check", "passed"], source: context.source
        )
        return InspectionCSVReader(columns: columns, context: context)
    }

    public var approximateSize: Int { 256 + checks.count * 64 + photoSha256.count * 80 }

    public static func submit(
        _ call: UploadCall<Self>, over civitas: CivitasConnection, tenant: String, dryRun: Bool
    ) async throws -> Civitas_V1_SubmitResponse {
        // Inspection records travel one batch per call.
        guard let batch = try await call.next() else { return Civitas_V1_SubmitResponse() }
        let request = Civitas_V1_SubmitInspectionsRequest.with {
            $0.tenant = tenant
            $0.records = batch.records
            $0.dryRun = dryRun
        }
        let reply = try await civitas.submissions.submitInspections(request, options: civitas.options)
        call.sent(batch)
        return reply
    }
}
