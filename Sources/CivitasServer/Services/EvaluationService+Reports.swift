import CivitasCore
import CivitasProtos
import CivitasStorage
import Foundation
import GRPCCore
import SwiftProtobuf

/// The two reports built from stored results: the monthly dispatch ranking (月调度排名)
/// and the gap analysis (差距).
extension EvaluationService {
    /// The latest result of every active sub-command under the framework's latest
    /// version, ranked by earned ÷ max points (ties by sub-command id). Sub-commands with
    /// no result yet are left out; request scope `subcommands` to evaluate them all.
    func getRanking(request: ServerRequest<Civitas_V1_GetRankingRequest>, context: ServerContext) async throws -> ServerResponse<Civitas_V1_Ranking> {
        try await environment.handle(request.metadata, context) { principal in
            let message = request.message
            return try await environment.withTenant(principal, .readRanking, requested: message.tenant) { database, _ in
                let code = try Self.required(message.framework, "framework", example: "a framework code, e.g. model-city")
                let period = try Self.required(message.period.name, "period", example: "e.g. 2026-10")
                guard let latest = try await database.framework(code, version: nil) else {
                    throw CivitasError.notFound("Tenant \(database.tenant) has no framework \(code); ListFrameworks shows what is published.")
                }
                let results = try await database.latestResults(
                    framework: code, version: latest.version, period: period, scopes: try await Self.activeSubcommands(database)
                )
                let ids = Self.idsBySubcommand(results)
                return ServerResponse(message: .with {
                    $0.framework = code
                    $0.frameworkVersion = UInt32(clamping: latest.version)
                    $0.period.name = period
                    $0.entries = Ranking.rank(results.map(\.outcome)).map { Civitas_V1_RankingEntry($0, resultID: ids[$0.subcommand] ?? "") }
                })
            }
        }
    }

    /// The gaps of one result (by id, or the latest for framework, period and scope), the
    /// change since the previous result of its framework and scope (the one for the
    /// earlier period ending last, at or before this one's start), and — for the city —
    /// the weakest leaves of each active sub-command's latest result of the same version.
    func getGapAnalysis(
        request: ServerRequest<Civitas_V1_GetResultRequest>, context: ServerContext
    ) async throws -> ServerResponse<Civitas_V1_GapAnalysis> {
        try await environment.handle(request.metadata, context) { principal in
            try await environment.withTenant(principal, .readEvaluations, requested: request.message.tenant) { database, _ in
                let current = try await Self.result(request.message, principal, database)
                let summary = current.summary
                let framework = try await database.publishedFramework(summary.framework, version: summary.frameworkVersion)
                let previous = try await database.previousResult(before: summary)
                let subcommands = summary.scope == .city
                    ? try await database.latestResults(
                        framework: summary.framework, version: summary.frameworkVersion, period: summary.period,
                        scopes: try await Self.activeSubcommands(database)
                    )
                    : []
                let report = GapAnalysis.analyze(
                    current.outcome, framework: framework.framework, previous: previous?.outcome, subcommands: subcommands.map(\.outcome)
                )
                return ServerResponse(message: Civitas_V1_GapAnalysis(
                    report, current: summary.id, previous: previous?.summary.id, resultIDs: Self.idsBySubcommand(subcommands)
                ))
            }
        }
    }

    static func activeSubcommands(_ database: TenantDatabase) async throws -> [EvaluationScope] {
        try await database.organizationSnapshot().activeSubcommandScopes
    }

    static func idsBySubcommand(_ results: [StoredEvaluationResult]) -> [String: String] {
        Dictionary(results.compactMap { result in result.summary.scope.subcommand.map { ($0, result.summary.id) } }, uniquingKeysWith: { first, _ in first })
    }
}
