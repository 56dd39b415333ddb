import CivitasCore
import CivitasStorage
import Foundation
import Logging

/// `civitas-bench-evaluate crosscheck DATA_DIR TENANT FRAMEWORK PERIOD` (ops/bench/crosscheck),
/// each phase on a freshly opened tenant file so that neither starts from the other's caches:
///
/// 1. evaluation: the city and every active sub-command, every result stored;
/// 2. cross-check: every rule over the same period, findings and run stored — what the
///    `crosscheck` job does.
///
/// Prints `crosscheck_ms=… evaluate_ms=… records=… findings=… new=… find_ms=… store_ms=… by_rule=… scopes=…`
/// (`find_ms` reading and the rules, `store_ms` storing the findings and the run).
enum BenchCrossCheck {
    /// `arguments`: DATA_DIR TENANT FRAMEWORK PERIOD
    nonisolated static func benchmark(_ arguments: [String]) async throws -> String {
        let tenants = URL(fileURLWithPath: arguments[0]).appendingPathComponent("tenants")
        let tenant = try TenantID(arguments[1])
        let (code, name) = (arguments[2], arguments[3])
        let clock = ContinuousClock()

        var scopes = 0
        let evaluation = try await clock.measure {
            scopes = try await BenchSupport.withDatabase(tenants, tenant) { database in
                let framework = try await database.publishedFramework(code, version: nil)
                let zone = try BenchSupport.timeZone(framework)
                let period = try Period(parsing: name, timeZone: zone)
                return try await BenchSupport.evaluateAndStore(database, framework, period, zone, everySubcommand: true).count
            }
        }
        var summary = ""
        let crossCheck = try await clock.measure {
            summary = try await BenchSupport.withDatabase(tenants, tenant) { database in try await crossCheckEveryRule(database, code, name) }
        }
        return "crosscheck_ms=\(BenchSupport.milliseconds(crossCheck)) evaluate_ms=\(BenchSupport.milliseconds(evaluation)) \(summary) scopes=\(scopes)"
    }

    /// What the `crosscheck` job does: every rule, the findings and the run stored.
    nonisolated static func crossCheckEveryRule(_ database: TenantDatabase, _ code: String, _ name: String) async throws -> String {
        let framework = try await database.publishedFramework(code, version: nil)
        let period = try Period(parsing: name, timeZone: try BenchSupport.timeZone(framework))
        let rules = CrossCheckRule.allCases.filter { $0 != .manual }
        let started = Date()
        let clock = ContinuousClock()
        var outcome: CrossCheckOutcome?
        let finding = try await clock.measure { outcome = try await database.crossCheck(framework: framework, period: period, rules: rules) }
        guard let outcome else { throw CivitasError(.internal, "The cross-check returned nothing.") }
        let run = CrossCheckRunIdentity(
            id: "bench-crosscheck", period: period.name, rules: rules, framework: code, frameworkVersion: framework.version, cutoff: outcome.cutoff,
            startedAt: started)
        var record: CrossCheckRunRecord?
        let storing = try await clock.measure { record = try await database.storeCrossCheckRun(run, findings: outcome.findings, finishedAt: Date()) }
        let byRule = Dictionary(grouping: outcome.findings, by: \.rule).map { "\($0.key.rawValue):\($0.value.count)" }.sorted().joined(separator: ",")
        return "records=\(outcome.recordsRead) findings=\(record?.found ?? 0) new=\(record?.newFindings ?? 0) find_ms=\(BenchSupport.milliseconds(finding)) "
            + "store_ms=\(BenchSupport.milliseconds(storing)) by_rule=\(byRule)"
    }
}
