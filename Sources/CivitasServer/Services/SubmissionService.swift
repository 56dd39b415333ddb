import CivitasCore
import CivitasProtos
import CivitasStorage
import Foundation
import GRPCCore
import Logging
import SwiftProtobuf
import Synchronization

/// The four data channels (DOMAIN §4), the code registry they are checked against, the
/// stored records, and the audit log check.
struct SubmissionService: Civitas_V1_SubmissionService.ServiceProtocol {
    let environment: ServerEnvironment
    let maximumEvidenceBytes: Int
    /// Queues re-evaluations of results the stored records made stale (DOMAIN §8).
    let reevaluation: EvaluationTrigger

    func submitMaterialReports(
        request: ServerRequest<Civitas_V1_SubmitMaterialReportsRequest>, context: ServerContext
    ) async throws -> ServerResponse<Civitas_V1_SubmitResponse> {
        let message = request.message
        return try await unary(request.metadata, context, .submitMaterials, tenant: message.tenant, dryRun: message.dryRun,
                               records: message.reports.count) { intake in
            try await intake.store(intake.materials(message.reports, batch: 0, dryRun: message.dryRun))
        }
    }

    func submitInspections(
        request: ServerRequest<Civitas_V1_SubmitInspectionsRequest>, context: ServerContext
    ) async throws -> ServerResponse<Civitas_V1_SubmitResponse> {
        let message = request.message
        return try await unary(request.metadata, context, .submitInspections, tenant: message.tenant, dryRun: message.dryRun,
                               records: message.records.count) { intake in
            try await intake.store(intake.inspections(message.records, batch: 0, dryRun: message.dryRun))
        }
    }

    /// The generated route; the server itself routes survey uploads to
    /// ``submitSurveys(metadata:messages:context:)`` through ``SurveyUploadRoute``, which
    /// decodes the wire bytes directly.
    func submitSurveyResponses(
        request: StreamingServerRequest<Civitas_V1_SubmitSurveyResponsesRequest>, context: ServerContext
    ) async throws -> ServerResponse<Civitas_V1_SubmitResponse> {
        try await submitSurveys(
            metadata: request.metadata, messages: RPCAsyncSequence(wrapping: request.messages.map(SurveyUpload.init)), context: context
        )
    }

    func submitSurveys(
        metadata: Metadata, messages: RPCAsyncSequence<SurveyUpload, any Error>, context: ServerContext
    ) async throws -> ServerResponse<Civitas_V1_SubmitResponse> {
        try await environment.handle(metadata, context) { principal in
            try await stream(
                messages, principal, .submitSurveys, context, tenant: \.tenant, dryRun: \.dryRun
            ) { intake, message, batch in
                try intake.surveys(message.responses, batch: batch, dryRun: message.dryRun)
            }
        }
    }

    func submitFeedPoints(
        request: StreamingServerRequest<Civitas_V1_SubmitFeedPointsRequest>, context: ServerContext
    ) async throws -> ServerResponse<Civitas_V1_SubmitResponse> {
        try await environment.handle(request.metadata, context) { principal in
            try await stream(
                request.messages, principal, .submitFeeds, context, tenant: \.tenant, dryRun: \.dryRun
            ) { intake, message, batch in
                try intake.feeds(message.points, batch: batch, dryRun: message.dryRun)
            }
        }
    }

    func listRecords(
        request: ServerRequest<Civitas_V1_ListRecordsRequest>, context: ServerContext
    ) async throws -> ServerResponse<Civitas_V1_ListRecordsResponse> {
        try await environment.handle(request.metadata, context) { principal in
            let message = request.message
            guard let channel = Channel(rawValue: message.channel) else {
                throw CivitasError.invalidArgument("channel must be material, inspection, survey or feed.")
            }
            let timeZone = try await tenantTimeZone(principal, message.tenant)
            return try await environment.withTenant(principal, .readRecords, requested: message.tenant) { database, block in
                var query = RecordQuery(channel: channel, block: block)
                query.unit = message.unit.isEmpty ? nil : message.unit
                query.subcommand = message.subcommand.isEmpty ? nil : message.subcommand
                query.period = message.hasPeriod && !message.period.name.isEmpty ? try Period(parsing: message.period.name, timeZone: timeZone) : nil
                query.includeSuperseded = message.includeSuperseded
                query.after = try PageToken.decode(message.page.pageToken).map { text in
                    guard let value = Int64(text) else { throw CivitasError.invalidArgument("page_token is not a token this server issued.") }
                    return value
                }
                query.limit = try PageToken.size(message.page.pageSize)
                let page = try await database.records(query)
                return ServerResponse(message: .with {
                    $0.records = page.records.map(Civitas_V1_StoredRecord.init)
                    $0.nextPageToken = PageToken.encode(page.nextAfter.map(String.init))
                })
            }
        }
    }

    func declareCodes(
        request: ServerRequest<Civitas_V1_DeclareCodesRequest>, context: ServerContext
    ) async throws -> ServerResponse<Civitas_V1_DeclareCodesResponse> {
        try await environment.handle(request.metadata, context) { principal in
            let message = request.message
            return try await environment.withTenant(principal, .declareCodes, requested: message.tenant) { database, _ in
                let units = Set(try await database.organizationSnapshot().units.keys)
                var reply = Civitas_V1_DeclareCodesResponse()
                switch CodeDeclaration(message.codes).validated(units: units) {
                case .failure(let failure):
                    reply.errors = failure.problems.map(Civitas_V1_RecordError.init)
                case .success(let registry):
                    if !message.dryRun {
                        try await database.declareCodes(registry, principal: principal.credentialID, now: environment.now())
                        environment.logger.notice("Codes declared", metadata: ["tenant": "\(database.tenant)", "by": "\(principal.credentialID)"])
                    }
                    reply.indicators = UInt32(registry.indicators.count)
                    reply.surveys = UInt32(registry.surveys.count)
                    reply.feedMetrics = UInt32(registry.feedMetrics.count)
                    reply.checklistItems = UInt32(registry.checklistItems.count)
                }
                return ServerResponse(message: reply)
            }
        }
    }

    func getCodes(
        request: ServerRequest<Civitas_V1_GetCodesRequest>, context: ServerContext
    ) async throws -> ServerResponse<Civitas_V1_CodeRegistry> {
        try await environment.handle(request.metadata, context) { principal in
            try await environment.withTenant(principal, .readCodes, requested: request.message.tenant) { database, _ in
                ServerResponse(message: Civitas_V1_CodeRegistry(try await database.codes(), tenant: database.tenant))
            }
        }
    }

    func verifyAuditLog(
        request: ServerRequest<Civitas_V1_VerifyAuditLogRequest>, context: ServerContext
    ) async throws -> ServerResponse<Civitas_V1_VerifyAuditLogResponse> {
        try await environment.handle(request.metadata, context) { principal in
            try await environment.withTenant(principal, .verifyAudit, requested: request.message.tenant) { database, _ in
                let result = try await database.verifyAuditLog()
                return ServerResponse(message: .with {
                    $0.intact = result.intact
                    $0.entries = UInt64(result.entries)
                    $0.records = UInt64(result.records)
                    $0.firstBrokenEntry = UInt64(result.firstBrokenEntry)
                    $0.problem = result.problem
                })
            }
        }
    }

    // MARK: Shared paths

    /// Authorizes, loads what validation needs (cached per tenant) and runs `body`.
    private func withIntake<T: Sendable>(
        _ principal: Principal, _ action: TenantAction, tenant requested: String, _ body: (SubmissionIntake) async throws -> T
    ) async throws -> T {
        let timeZone = try await tenantTimeZone(principal, requested)
        return try await environment.withTenant(principal, action, requested: requested) { database, _ in
            let now = environment.now()
            let validator = SubmissionValidator(
                codes: try await database.codes(), organization: try await database.organizationSnapshot(), principal: principal,
                now: now, timeZone: timeZone, maximumEvidenceBytes: maximumEvidenceBytes, sha256Hex: SubmissionIntake.sha256Hex
            )
            return try await body(SubmissionIntake(
                database: database, validator: validator, calendar: .gregorian(in: timeZone), principal: principal, receivedAt: now
            ))
        }
    }

    /// A unary submission: one request, one batch.
    private func unary(
        _ metadata: Metadata, _ context: ServerContext, _ action: TenantAction, tenant: String, dryRun: Bool, records: Int,
        _ process: (SubmissionIntake) async throws -> IntakeResult
    ) async throws -> ServerResponse<Civitas_V1_SubmitResponse> {
        try await environment.handle(metadata, context) { principal in
            let tally = try await withIntake(principal, action, tenant: tenant) { intake in
                let result = try await process(intake)
                await landed(result, in: intake)
                return SubmitTally(dryRun: dryRun).adding(result, records: records)
            }
            return ServerResponse(message: tally.response)
        }
    }

    /// A client-streaming upload: every message is one batch, stored whole or refused
    /// whole, in order, so an interrupted upload keeps every batch already acknowledged and
    /// a re-send with the same keys only repeats them.
    private func stream<Message: Sendable>(
        _ messages: RPCAsyncSequence<Message, any Error>, _ principal: Principal, _ action: TenantAction, _ context: ServerContext,
        tenant tenantOf: (Message) -> String, dryRun dryRunOf: (Message) -> Bool,
        _ check: (SubmissionIntake, Message, Int) throws -> CheckedBatch
    ) async throws -> ServerResponse<Civitas_V1_SubmitResponse> {
        var iterator = messages.makeAsyncIterator()
        guard let first = try await iterator.next() else { return ServerResponse(message: Civitas_V1_SubmitResponse()) }
        let tenant = tenantOf(first)
        return try await withIntake(principal, action, tenant: tenant) { intake in
            var intake = intake
            var tally = SubmitTally(dryRun: dryRunOf(first))
            var number = 0
            func checked(_ message: Message) throws -> CheckedBatch {
                guard tenantOf(message).isEmpty || tenantOf(message) == tenant else {
                    throw CivitasError.invalidArgument("Batch \(number) names another tenant than the first batch of this upload.")
                }
                intake.restamp(environment.now())
                defer { number += 1 }
                return try check(intake, message, number)
            }
            // Batches are received, decoded and checked while the ones before them are
            // written and committed, so the two halves overlap on two cores. Whatever
            // arrived meanwhile (up to a few batches) is then stored in one commit.
            var ready = [try checked(first)]
            var exhausted = false
            while !ready.isEmpty {
                if context.cancellation.isCancelled { throw CancellationError() }
                let (storing, group, stored) = (intake, ready, StoreFinished())
                ready = []
                async let results = { defer { stored.set() }; return try await storing.store(group) }()
                while !exhausted, ready.count < Self.batchesPerCommit {
                    guard let message = try await iterator.next() else { exhausted = true; break }
                    ready.append(try checked(message))
                    if stored.isSet { break }
                }
                for (batch, result) in zip(group, try await results) {
                    await landed(result, in: storing)
                    tally.add(result, records: batch.records)
                }
            }
            return ServerResponse(message: tally.response)
        }
    }

    /// At most this many batches of one upload share a commit (bounds what a fast client
    /// makes the server hold while it writes).
    static let batchesPerCommit = 4

    /// After a batch is stored: results it made stale get their re-evaluation queued.
    private func landed(_ result: IntakeResult, in intake: SubmissionIntake) async {
        guard let last = result.lastSequence else { return }
        await reevaluation.recordsLanded(in: intake.database, through: last)
    }

    private func tenantTimeZone(_ principal: Principal, _ requested: String) async throws -> TimeZone {
        let (tenant, _) = try AccessPolicy.authorize(principal, .readIdentity, requestedTenant: requested)
        return try await environment.catalog.timeZone(of: tenant)
    }
}

/// Sums batch outcomes into the reply.
struct SubmitTally: Sendable {
    var response = Civitas_V1_SubmitResponse()

    init(dryRun: Bool) {
        response.dryRun = dryRun
    }

    func adding(_ result: IntakeResult, records: Int) -> SubmitTally {
        var copy = self
        copy.add(result, records: records)
        return copy
    }

    mutating func add(_ result: IntakeResult, records: Int) {
        let outcome = result.outcome
        if let last = result.lastSequence { response.lastSequence = max(response.lastSequence, UInt64(last)) }
        if outcome.errors.isEmpty {
            response.stored += outcome.stored
            response.repeated += outcome.repeated
        } else {
            response.refused += UInt32(records)
        }
        response.batches.append(outcome)
    }
}

/// Tells an upload's receiving loop that the store it overlaps with has finished, so it
/// stops gathering batches and hands over what it has.
private final class StoreFinished: Sendable {
    private let finished = Atomic<Bool>(false)

    func set() { finished.store(true, ordering: .releasing) }

    var isSet: Bool { finished.load(ordering: .acquiring) }
}
