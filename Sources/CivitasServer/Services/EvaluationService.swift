import CivitasCore
import CivitasProtos
import CivitasStorage
import Foundation
import GRPCCore
import Logging
import SwiftProtobuf
import Workers

/// Evaluations (DOMAIN §5): requests become `evaluation` jobs; results, the monthly
/// dispatch ranking and the gap analysis are read from what the jobs stored. HQ reaches
/// every scope; a sub-command only its own block's (AccessPolicy.requireEvaluationScope).
struct EvaluationService: Civitas_V1_EvaluationService.ServiceProtocol {
    let environment: ServerEnvironment
    let jobs: JobRuntime

    /// Checks framework, period and scope now — so that a mistake is a clear error here,
    /// not a failed job later — then queues the job and returns its id. Asking again
    /// while that job is unfinished returns the same job.
    func requestEvaluation(
        request: ServerRequest<Civitas_V1_RequestEvaluationRequest>, context: ServerContext
    ) async throws -> ServerResponse<Civitas_V1_RequestEvaluationResponse> {
        try await environment.handle(request.metadata, context) { principal in
            let message = request.message
            return try await environment.withTenant(principal, .requestEvaluation, requested: message.tenant) { database, _ in
                let scope = try EvaluationRequestScope(parsing: try Self.required(message.scope.name, "scope", example: "city, subcommand:<id> or subcommands"))
                try AccessPolicy.requireEvaluationScope(scope, for: principal)
                let code = try Self.required(message.framework, "framework", example: "the code of a published framework, e.g. model-city")
                let framework = try await database.publishedFramework(code, version: message.frameworkVersion == 0 ? nil : Int(message.frameworkVersion))
                let period = try Period(parsing: try Self.required(message.period.name, "period", example: "2026-10, 2026-Q4, 2026 or 2026-10-01..2026-10-15"), timeZone: try framework.timeZone)
                if case .one(.subcommand(let id)) = scope {
                    guard let active = try await database.organizationSnapshot().subcommands[id] else {
                        throw CivitasError.notFound("Tenant \(database.tenant) has no sub-command \(id) to evaluate.")
                    }
                    guard active else { throw CivitasError.failedPrecondition("Sub-command \(id) is inactive; reactivate it to evaluate its block.") }
                }
                let arguments = EvaluationJobArguments(framework: code, version: framework.version, period: period.name, scope: scope)
                let job = try await jobs.queue.enqueue(NewJob(
                    tenant: database.tenant, kind: EvaluationJobArguments.kind, argumentsJSON: arguments.json, uniqueKey: arguments.requestKey
                ))
                environment.logger.info("Evaluation requested", metadata: ["tenant": "\(database.tenant)", "job": "\(job.id)", "by": "\(principal.credentialID)"])
                return ServerResponse(message: .with { $0.jobID = job.id })
            }
        }
    }

    /// By id, or the latest for framework, period and scope; `stale` is computed now.
    func getResult(request: ServerRequest<Civitas_V1_GetResultRequest>, context: ServerContext) async throws -> ServerResponse<Civitas_V1_EvaluationResult> {
        try await environment.handle(request.metadata, context) { principal in
            try await environment.withTenant(principal, .readEvaluations, requested: request.message.tenant) { database, _ in
                let result = try await Self.result(request.message, principal, database)
                return ServerResponse(message: Civitas_V1_EvaluationResult(result, tenant: database.tenant))
            }
        }
    }

    /// Newest first, without leaves, nodes or canonical bytes; a sub-command sees its own scope's.
    func listResults(
        request: ServerRequest<Civitas_V1_ListResultsRequest>, context: ServerContext
    ) async throws -> ServerResponse<Civitas_V1_ListResultsResponse> {
        try await environment.handle(request.metadata, context) { principal in
            let message = request.message
            return try await environment.withTenant(principal, .readEvaluations, requested: message.tenant) { database, block in
                var query = EvaluationResultQuery(framework: message.framework.isEmpty ? nil : message.framework, period: message.period.name.isEmpty ? nil : message.period.name)
                if case .subcommand(let own) = block { query.scopes = [.subcommand(own)] }
                query.after = try PageToken.decode(message.page.pageToken).map { text in
                    guard let value = Int64(text) else { throw CivitasError.invalidArgument("page_token is not a token this server issued.") }
                    return value
                }
                query.limit = try PageToken.size(message.page.pageSize)
                let page = try await database.results(query)
                return ServerResponse(message: .with {
                    $0.results = page.results.map { Civitas_V1_EvaluationResult($0, tenant: database.tenant) }
                    $0.nextPageToken = PageToken.encode(page.nextAfter.map(String.init))
                })
            }
        }
    }

    // MARK: Shared

    /// The result a GetResult-shaped request names, once the principal may see its scope.
    static func result(_ message: Civitas_V1_GetResultRequest, _ principal: Principal, _ database: TenantDatabase) async throws -> StoredEvaluationResult {
        if !message.resultID.isEmpty {
            guard let result = try await database.result(id: message.resultID) else {
                throw CivitasError.notFound("Tenant \(database.tenant) has no evaluation result \(message.resultID.prefix(64)).")
            }
            try AccessPolicy.requireEvaluationScope(.one(result.summary.scope), for: principal)
            return result
        }
        let scopeName = try required(message.scope.name, "scope", example: "city or subcommand:<id> (or give result_id)")
        guard let scope = EvaluationScope(parsing: scopeName) else {
            throw CivitasError.invalidArgument("Scope \"\(scopeName.prefix(64))\" is not city or subcommand:<id>.")
        }
        try AccessPolicy.requireEvaluationScope(.one(scope), for: principal)
        let framework = try required(message.framework, "framework", example: "a framework code (or give result_id)")
        let period = try required(message.period.name, "period", example: "e.g. 2026-10 (or give result_id)")
        guard let result = try await database.latestResult(framework: framework, period: period, scope: scope) else {
            throw CivitasError.notFound(
                "There is no result yet for framework \(framework), period \(period), scope \(scope); request one with RequestEvaluation."
            )
        }
        return result
    }

    static func required(_ value: String, _ field: String, example: String) throws(CivitasError) -> String {
        guard !value.isEmpty else { throw .invalidArgument("\(field) is required: \(example).") }
        return value
    }
}
