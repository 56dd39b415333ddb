import CivitasCore
import CivitasStorage
import Foundation
import Workers

/// The `evaluation` job kind (DOMAIN §5): evaluates one framework version over one
/// period for a scope — or for every active sub-command from one read of the records —
/// and stores one result per scope.
///
/// Idempotent: a retry recomputes from the same records and ``TenantDatabase/storeResult(_:period:tenantTimeZone:jobID:computedAt:)``
/// adds nothing when the latest result already holds the same bytes. When records land
/// in the period while it runs, the results it stored are stale at once; it then goes
/// round again (folding in only the new records), at most ``maximumRounds`` times.
struct EvaluationJob: JobHandler {
    let kind = EvaluationJobArguments.kind
    let tenants: TenantRegistry
    let catalog: Catalog
    let now: @Sendable () -> Date

    static let maximumRounds = 3

    func run(_ job: Job, context: JobContext) async throws -> JobResult {
        let arguments = try EvaluationJobArguments(json: job.argumentsJSON)
        let scope = try arguments.requestScope
        let tenantZone = try await catalog.timeZone(of: job.tenant)
        let ids = try await tenants.withDatabase(job.tenant) { database in
            let framework = try await database.publishedFramework(arguments.framework, version: arguments.version)
            let period = try arguments.resolvedPeriod(at: job.runAt, timeZone: try framework.timeZone)
            var ids: [String] = []
            for round in 1...Self.maximumRounds {
                ids = try await evaluate(framework, period, scope, database, tenantZone: tenantZone, job: job, round: round, context: context)
                guard round < Self.maximumRounds, let first = ids.first, try await database.isStale(resultID: first) else { break }
            }
            return ids
        }
        return JobResult(reference: "evaluation:" + ids.joined(separator: ","))
    }

    /// One round: one snapshot of the records, every scope evaluated from it and stored.
    private func evaluate(
        _ framework: PublishedFramework, _ period: Period, _ scope: EvaluationRequestScope, _ database: TenantDatabase,
        tenantZone: TimeZone, job: Job, round: Int, context: JobContext
    ) async throws -> [String] {
        // Progress only grows: a later round (records landed meanwhile) reports near the end.
        func progress(_ fraction: Double, _ message: String) async throws {
            try await context.reportProgress(round == 1 ? fraction : 0.95, round == 1 ? message : "round \(round): \(message)")
        }
        try context.checkCancellation()
        try await progress(0.05, "reading the records of \(period)")
        let data = try await database.evaluationData(for: framework, period: period)
        let organization = try await database.organizationSnapshot()
        let scopes = try Self.scopes(scope, organization)
        let evaluator = Evaluator(framework: framework, organization: organization, data: data)
        var ids: [String] = []
        for (index, scope) in scopes.enumerated() {
            try context.checkCancellation()
            let outcome = evaluator.evaluate(scope)
            ids.append(try await database.storeResult(outcome, period: period, tenantTimeZone: tenantZone, jobID: job.id, computedAt: now()))
            try await progress(0.1 + 0.9 * Double(index + 1) / Double(scopes.count), "evaluated \(scope)")
        }
        return ids
    }

    /// The scopes a request names, against the organization as it is now.
    static func scopes(_ scope: EvaluationRequestScope, _ organization: OrganizationSnapshot) throws(CivitasError) -> [EvaluationScope] {
        switch scope {
        case .one(.subcommand(let id)) where organization.subcommands[id] == nil:
            throw .notFound("There is no sub-command \(id) to evaluate.")
        case .one(let single):
            return [single]
        case .everySubcommand:
            return organization.activeSubcommandScopes
        }
    }
}

extension OrganizationSnapshot {
    /// The scope of every active sub-command, by id.
    var activeSubcommandScopes: [EvaluationScope] {
        subcommands.filter(\.value).keys.sorted().map(EvaluationScope.subcommand)
    }
}

extension PublishedFramework {
    /// The zone the framework's periods and local days are in.
    var timeZone: TimeZone {
        get throws(CivitasError) {
            guard let zone = TimeZone(identifier: framework.timeZoneIdentifier) else {
                throw CivitasError(.internal, "Framework \(framework.code) v\(version) names an unknown time zone.")
            }
            return zone
        }
    }
}
