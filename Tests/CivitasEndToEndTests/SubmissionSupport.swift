import CivitasClient
import CivitasProtos
import CivitasTesting
import Foundation
import GRPCCore
import SwiftProtobuf

/// Records for the small city of TenantFixture.makeSubmissionCity, good unless changed.
enum Sample {
    static let yesterday = Date().addingTimeInterval(-86400)

    static func material(_ key: String, unit: String = "u-1", indicator: String = "m-rate", value: Double = 80, period: String = "2026-10") -> Civitas_V1_MaterialReport {
        .with { $0.key = key; $0.unit = unit; $0.indicator = indicator; $0.period.name = period; $0.number = value; $0.note = "样例" }
    }

    static func inspection(_ key: String, point: String = "p-1", at date: Date = yesterday) -> Civitas_V1_InspectionRecord {
        .with {
            $0.key = key; $0.point = point; $0.inspector = "张三"
            $0.observedAt = Google_Protobuf_Timestamp(date: date)
            $0.checks = [.with { $0.check = "c-clean"; $0.passed = true }, .with { $0.check = "c-order"; $0.passed = false; $0.note = "占道经营" }]
        }
    }

    static func survey(_ key: String, subcommand: String = "sc-1", answers: [String: UInt32] = ["q1": 4, "q2": 5, "q3": 3], at date: Date = yesterday) -> Civitas_V1_SurveyResponse {
        .with {
            $0.key = key; $0.survey = "s-1"; $0.respondent = "r-\(key)"; $0.subcommand = subcommand
            $0.submittedAt = Google_Protobuf_Timestamp(date: date); $0.durationSeconds = 180
            $0.answers = answers.sorted { $0.key < $1.key }.map { entry in .with { $0.question = entry.key; $0.answer = entry.value } }
        }
    }

    static func feed(_ key: String, value: Double = 42, at date: Date = yesterday) -> Civitas_V1_FeedPoint {
        .with { $0.key = key; $0.metric = "aqi"; $0.source = "环境监测平台"; $0.observedAt = Google_Protobuf_Timestamp(date: date); $0.value = value }
    }
}

extension CivitasConnection {
    func submitSurveys(_ batches: [[Civitas_V1_SurveyResponse]], dryRun: Bool = false) async throws -> Civitas_V1_SubmitResponse {
        try await submissions.submitSurveyResponses { writer in
            for batch in batches { try await writer.write(.with { $0.responses = batch; $0.dryRun = dryRun }) }
        }
    }

    func submitFeeds(_ batches: [[Civitas_V1_FeedPoint]]) async throws -> Civitas_V1_SubmitResponse {
        try await submissions.submitFeedPoints { writer in
            for batch in batches { try await writer.write(.with { $0.points = batch }) }
        }
    }

    /// Every stored record of a channel (all pages).
    func allRecords(_ channel: String, includeSuperseded: Bool = false) async throws -> [Civitas_V1_StoredRecord] {
        var request = Civitas_V1_ListRecordsRequest.with { $0.channel = channel; $0.includeSuperseded = includeSuperseded; $0.page.pageSize = 1000 }
        var records: [Civitas_V1_StoredRecord] = []
        repeat {
            let reply = try await submissions.listRecords(request)
            records += reply.records
            request.page.pageToken = reply.nextPageToken
        } while !request.page.pageToken.isEmpty
        return records
    }
}
