import CivitasCore
import CivitasStorage
import Foundation
import Workers

/// The `crosscheck` job kind (DOMAIN §6): runs the rules over one period's records and
/// stores the findings and the run (``TenantDatabase/storeCrossCheckRun(_:findings:finishedAt:)``).
///
/// Idempotent: the run is stored under the job's id in one transaction with its
/// findings, and findings upsert by their stable id, so a retry — or another run over
/// the same records — adds no duplicate and leaves every finding's rectification as it
/// was. Findings are reported beside the evaluation's score, never folded into it.
struct CrossCheckJob: JobHandler {
    let kind = CrossCheckJobArguments.kind
    let tenants: TenantRegistry
    let now: @Sendable () -> Date

    func run(_ job: Job, context: JobContext) async throws -> JobResult {
        let arguments = try CrossCheckJobArguments(json: job.argumentsJSON)
        let rules = try arguments.resolvedRules
        let record = try await tenants.withDatabase(job.tenant) { database in
            let framework = try await database.crossCheckFramework(arguments.framework, version: arguments.version)
            let period = try EvaluationJobArguments.resolve(arguments.period, at: job.runAt, timeZone: try framework.timeZone)
            let startedAt = now()
            try await context.reportProgress(0.05, "reading the records of \(period) (\(rules.count) rules)")
            let outcome = try await database.crossCheck(framework: framework, period: period, rules: rules)
            try context.checkCancellation()
            try await context.reportProgress(0.8, "\(outcome.findings.count) findings in \(outcome.recordsRead) records; storing them")
            let run = CrossCheckRunIdentity(
                id: job.id, period: period.name, rules: rules, framework: framework.framework.code, frameworkVersion: framework.version,
                cutoff: outcome.cutoff, startedAt: startedAt)
            return try await database.storeCrossCheckRun(run, findings: outcome.findings, finishedAt: now())
        }
        try await context.reportProgress(1, "\(record.found) findings: \(record.newFindings) new, \(record.refreshed) with new figures")
        return JobResult(reference: "crosscheck:\(record.id)")
    }
}
