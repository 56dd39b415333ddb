import CivitasCore
import CivitasStorage
import Foundation
import Logging

/// What both benchmark modes share: opening a tenant's file afresh, and the evaluation
/// job's work for one round.
enum BenchSupport {
    /// Runs `body` on the tenant's file opened afresh (no cache from an earlier phase), and closes it.
    static func withDatabase<T: Sendable>(_ directory: URL, _ tenant: TenantID, _ body: (TenantDatabase) async throws -> T) async throws -> T {
        let registry = try TenantRegistry(directory: directory, logger: Logger(label: "civitas-bench-evaluate"))
        defer { registry.closeAll() }
        return try await registry.withDatabase(tenant) { database in try await body(database) }
    }

    /// What the `evaluation` job does for one round: one snapshot, the city (and every
    /// active sub-command), every result stored.
    static func evaluateAndStore(
        _ database: TenantDatabase, _ framework: PublishedFramework, _ period: Period, _ zone: TimeZone, everySubcommand: Bool
    ) async throws -> [EvaluationOutcome] {
        let data = try await database.evaluationData(for: framework, period: period)
        let organization = try await database.organizationSnapshot()
        let evaluator = Evaluator(framework: framework, organization: organization, data: data)
        var scopes: [EvaluationScope] = [.city]
        if everySubcommand { scopes += organization.subcommands.filter(\.value).keys.sorted().map(EvaluationScope.subcommand) }
        var outcomes: [EvaluationOutcome] = []
        for scope in scopes {
            let outcome = evaluator.evaluate(scope)
            _ = try await database.storeResult(outcome, period: period, tenantTimeZone: zone, jobID: "bench", computedAt: Date())
            outcomes.append(outcome)
        }
        return outcomes
    }

    static func timeZone(_ framework: PublishedFramework) throws -> TimeZone {
        guard let zone = TimeZone(identifier: framework.framework.timeZoneIdentifier) else { throw CivitasError(.internal, "unknown zone") }
        return zone
    }

    static func milliseconds(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        return String(format: "%.1f", Double(seconds) * 1000 + Double(attoseconds) / 1e15)
    }
}
