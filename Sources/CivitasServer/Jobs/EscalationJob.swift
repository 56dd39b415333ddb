import CivitasCore
import CivitasStorage
import Foundation
import Workers

/// The `escalation` job kind (DOMAIN §7, graded supervision): every finding of the tenant
/// still waiting on its unit past its due date moves up one level — unit → sub-command →
/// HQ — each move recorded as made by `system:<job id>`. Meant for an hourly schedule
/// (`0 * * * *`, arguments `{}`). Idempotent: an escalated finding gets a new due date
/// after now, so running again at once moves nothing.
struct EscalationJob: JobHandler {
    let kind = "escalation"
    let tenants: TenantRegistry
    let now: @Sendable () -> Date

    func run(_ job: Job, context: JobContext) async throws -> JobResult {
        let escalations = try await tenants.withDatabase(job.tenant) { database in
            try await database.escalateOverdueFindings(at: now(), actor: "system:\(job.id)")
        }
        let levels = Dictionary(grouping: escalations, by: \.to).mapValues(\.count)
        try await context.reportProgress(
            1, "escalated \(escalations.count) findings (\(levels[.subcommand] ?? 0) to a sub-command, \(levels[.hq] ?? 0) to HQ)")
        return JobResult(reference: "escalation:" + escalations.map(\.state.findingID).joined(separator: ","))
    }
}
