import CivitasCore
import CivitasProtos
import CivitasStorage
import Foundation
import GRPCCore
import Logging
import SwiftProtobuf
import Workers

/// Cross-checks (DOMAIN §6), rectification and graded supervision (§7). Runs are
/// `crosscheck` jobs; findings are read within the caller's view (``FindingView``) and
/// moved through the core's workflow, which decides who may make which move.
struct CrossCheckService: Civitas_V1_CrossCheckService.ServiceProtocol {
    let environment: ServerEnvironment
    let jobs: JobRuntime

    /// Checks the rule names, the period and that a framework is published now — so a
    /// mistake is a clear error here, not a failed job later — then queues the run and
    /// returns its job id. Asking again while that job is unfinished returns the same job.
    func requestCrossCheck(
        request: ServerRequest<Civitas_V1_RequestCrossCheckRequest>, context: ServerContext
    ) async throws -> ServerResponse<Civitas_V1_RequestCrossCheckResponse> {
        try await environment.handle(request.metadata, context) { principal in
            let message = request.message
            return try await environment.withTenant(principal, .requestCrossCheck, requested: message.tenant) { database, _ in
                let rules = try CrossCheckRuleNames.parse(message.rules)
                let name = try EvaluationService.required(message.period.name, "period", example: "2026-10, 2026-Q4, 2026 or 2026-10-01..2026-10-15")
                let framework = try await database.crossCheckFramework(nil, version: nil)
                let period = try Period(parsing: name, timeZone: try framework.timeZone)
                // The framework is pinned now, so that a later publication does not change what a queued run reads.
                let arguments = CrossCheckJobArguments(
                    period: period.name, rules: rules, framework: framework.framework.code, version: framework.version)
                let job = try await jobs.queue.enqueue(NewJob(
                    tenant: database.tenant, kind: CrossCheckJobArguments.kind, argumentsJSON: arguments.json, uniqueKey: arguments.requestKey))
                environment.logger.info("Cross-check requested", metadata: ["tenant": "\(database.tenant)", "job": "\(job.id)", "by": "\(principal.credentialID)"])
                return ServerResponse(message: .with { $0.jobID = job.id })
            }
        }
    }

    /// In the order found, paged; filters combine. A sub-command sees its block's, a unit
    /// its own; asking for another block is refused.
    func listFindings(
        request: ServerRequest<Civitas_V1_ListFindingsRequest>, context: ServerContext
    ) async throws -> ServerResponse<Civitas_V1_ListFindingsResponse> {
        try await environment.handle(request.metadata, context) { principal in
            let message = request.message
            return try await environment.withTenant(principal, .readFindings, requested: message.tenant) { database, _ in
                var query = FindingQuery(view: FindingView(for: principal))
                if !message.period.name.isEmpty { query.period = message.period.name }
                if !message.state.isEmpty { query.status = try Self.status(message.state) }
                if !message.rule.isEmpty { query.rules = try Self.rules(message.rule) }
                if !message.subcommand.isEmpty {
                    try AccessPolicy.requireFindingBlock(message.subcommand, for: principal)
                    query.subcommand = message.subcommand
                }
                let now = environment.now()
                if message.overdue { query.overdueAt = now }
                query.after = try PageToken.decode(message.page.pageToken).map { text in
                    guard let position = Int64(text) else { throw CivitasError.invalidArgument("page_token is not a token this server issued.") }
                    return position
                }
                query.limit = try PageToken.size(message.page.pageSize)
                let page = try await database.findings(query)
                return ServerResponse(message: .with {
                    $0.findings = page.findings.map { Civitas_V1_Finding($0, now: now) }
                    $0.nextPageToken = PageToken.encode(page.nextAfter.map(String.init))
                })
            }
        }
    }

    /// One finding with its whole history; one outside the caller's view is not found.
    func getFinding(request: ServerRequest<Civitas_V1_GetFindingRequest>, context: ServerContext) async throws -> ServerResponse<Civitas_V1_Finding> {
        try await environment.handle(request.metadata, context) { principal in
            try await environment.withTenant(principal, .readFindings, requested: request.message.tenant) { database, _ in
                let id = try EvaluationService.required(request.message.id, "id", example: "the finding's id, as ListFindings shows it")
                guard let stored = try await database.finding(id: id), FindingView(for: principal).contains(stored.state) else {
                    throw CivitasError.notFound("There is no finding \(id.prefix(64)) in your view of tenant \(database.tenant).")
                }
                return ServerResponse(message: Civitas_V1_Finding(stored, now: environment.now()))
            }
        }
    }

    /// One move (assign, rectify, verify, reopen, dismiss), decided by the core's workflow:
    /// its refusals reach the caller with their sentence as permission denied, failed
    /// precondition or invalid argument. The move is stored with who made it and when.
    func transitionFinding(
        request: ServerRequest<Civitas_V1_TransitionFindingRequest>, context: ServerContext
    ) async throws -> ServerResponse<Civitas_V1_Finding> {
        try await environment.handle(request.metadata, context) { principal in
            let message = request.message
            return try await environment.withTenant(principal, .moveFindings, requested: message.tenant) { database, _ in
                let id = try EvaluationService.required(message.id, "id", example: "the finding's id, as ListFindings shows it")
                let action = try FindingAction(message)
                let now = environment.now()
                let stored = try await database.transitionFinding(id, action, by: principal, at: now, view: FindingView(for: principal))
                environment.logger.info(
                    "Finding moved", metadata: ["tenant": "\(database.tenant)", "finding": "\(id)", "action": "\(action.name)", "by": "\(principal.credentialID)"])
                return ServerResponse(message: Civitas_V1_Finding(stored, now: now))
            }
        }
    }

    /// The period's cross-inspection plan for the seed, over the organization as it is
    /// now; a sub-command (or its inspectors) reads the rows that concern its block.
    func assignCrossInspection(
        request: ServerRequest<Civitas_V1_AssignCrossInspectionRequest>, context: ServerContext
    ) async throws -> ServerResponse<Civitas_V1_AssignCrossInspectionResponse> {
        try await environment.handle(request.metadata, context) { principal in
            let message = request.message
            return try await environment.withTenant(principal, .planCrossInspection, requested: message.tenant) { database, _ in
                let name = try EvaluationService.required(message.period.name, "period", example: "the period inspected, e.g. 2026-10")
                let period = try Period(parsing: name, timeZone: try await environment.catalog.timeZone(of: database.tenant))
                let plan = try await database.crossInspectionPlan(period: period, seed: message.seed)
                return ServerResponse(message: .with {
                    $0.assignments = AccessPolicy.crossInspectionRows(plan, for: principal).map(Civitas_V1_CrossInspectionAssignment.init)
                })
            }
        }
    }

    // MARK: Request fields

    static func status(_ text: String) throws(CivitasError) -> FindingStatus {
        guard let status = FindingStatus(rawValue: text) else {
            throw .invalidArgument("State \"\(text.prefix(32))\" is not one of \(FindingStatus.allCases.map(\.rawValue).joined(separator: ", ")).")
        }
        return status
    }

    /// A rule name, or `survey_integrity` for its three rules.
    static func rules(_ text: String) throws(CivitasError) -> [CrossCheckRule] {
        if text == "survey_integrity" { return CrossCheckRule.surveyIntegrity }
        guard let rule = CrossCheckRule(rawValue: text) else {
            throw .invalidArgument(
                "Rule \"\(text.prefix(64))\" is not one of \(CrossCheckRule.allCases.map(\.rawValue).joined(separator: ", ")) or survey_integrity.")
        }
        return [rule]
    }
}
