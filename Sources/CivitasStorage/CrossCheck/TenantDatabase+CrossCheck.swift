import CivitasCore
import Foundation
internal import GRDB

/// What one cross-check found, before it is stored.
public struct CrossCheckOutcome: Sendable {
    public var findings: [Finding]
    /// The highest sequence number read.
    public var cutoff: Int64
    /// How many records of the period the run streamed.
    public var recordsRead: Int
}

extension TenantDatabase {
    /// Runs `rules` of `framework` over `period`'s records (DOMAIN §6) from one snapshot of
    /// the file, and returns the findings without storing them
    /// (``storeCrossCheckRun(_:findings:finishedAt:)`` does).
    ///
    /// The period is read once, streamed through SQLite's C API; each rule is the core's
    /// pure function over what it needs (see ``CrossCheckInput`` for what is kept of the
    /// large channels). Source consistency compares values computed by the evaluation's
    /// own ``Evaluator``, over the records of the leaves involved only.
    public func crossCheck(framework: PublishedFramework, period: Period, rules: [CrossCheckRule]) async throws -> CrossCheckOutcome {
        guard let zone = TimeZone(identifier: framework.framework.timeZoneIdentifier) else {
            throw CivitasError(.internal, "Framework \(framework.framework.code) v\(framework.version) names an unknown time zone.")
        }
        let organization = try await organizationSnapshot()
        let plan = CrossCheckPlan(framework: framework, period: period, rules: Set(rules), timeZone: zone)
        let input = try await pool.read { db in try CrossCheckReader.read(plan, organization: organization, timeZone: zone, db) }
        return CrossCheckOutcome(findings: input.findings(plan, organization: organization), cutoff: input.cutoff, recordsRead: input.recordsRead)
    }
}
