import CivitasCore
import CivitasStorage
import Foundation
import Logging

/// ops/bench/crosscheck's Civitas side, in process over a stopped server's data directory
/// (so that the times are the work's, not the job queue's or the network's), each phase on
/// a freshly opened tenant file so that neither starts from the other's caches:
///
/// 1. evaluation: read the period's records, evaluate the city and every active
///    sub-command and store every result — what the `evaluation` job does for scopes
///    `city` and `subcommands`;
/// 2. cross-check: every rule over the same period, findings and run stored — what the
///    `crosscheck` job does.
///
/// Prints `crosscheck_ms=… evaluate_ms=… records=… findings=… new=… find_ms=… store_ms=… by_rule=… scopes=…`
/// (`find_ms` reading and the rules, `store_ms` storing the findings and the run).
///   civitas-bench-crosscheck DATA_DIR TENANT FRAMEWORK PERIOD
@main
struct BenchCrossCheck {
    static func main() async throws {
        let arguments = CommandLine.arguments
        guard arguments.count == 5 else {
            FileHandle.standardError.write(Data("usage: civitas-bench-crosscheck DATA_DIR TENANT FRAMEWORK PERIOD\n".utf8))
            exit(2)
        }
        print(try await benchmark(arguments))
    }

    nonisolated static func benchmark(_ arguments: [String]) async throws -> String {
        let tenants = URL(fileURLWithPath: arguments[1]).appendingPathComponent("tenants")
        let tenant = try TenantID(arguments[2])
        let (code, name) = (arguments[3], arguments[4])
        let clock = ContinuousClock()

        var scopes = 0
        let evaluation = try await clock.measure {
            scopes = try await withDatabase(tenants, tenant) { database in try await evaluateEveryScope(database, code, name) }
        }
        var summary = ""
        let crossCheck = try await clock.measure {
            summary = try await withDatabase(tenants, tenant) { database in try await crossCheckEveryRule(database, code, name) }
        }
        return "crosscheck_ms=\(milliseconds(crossCheck)) evaluate_ms=\(milliseconds(evaluation)) \(summary) scopes=\(scopes)"
    }

    /// Runs `body` on the tenant's file opened afresh, and closes it.
    nonisolated static func withDatabase<T: Sendable>(_ directory: URL, _ tenant: TenantID, _ body: (TenantDatabase) async throws -> T) async throws -> T {
        let registry = try TenantRegistry(directory: directory, logger: Logger(label: "bench-crosscheck"))
        defer { registry.closeAll() }
        return try await registry.withDatabase(tenant) { database in try await body(database) }
    }

    /// What the `evaluation` job does for one round: one snapshot, every scope, stored.
    nonisolated static func evaluateEveryScope(_ database: TenantDatabase, _ code: String, _ name: String) async throws -> Int {
        let framework = try await database.publishedFramework(code, version: nil)
        let zone = try timeZone(framework)
        let period = try Period(parsing: name, timeZone: zone)
        let data = try await database.evaluationData(for: framework, period: period)
        let organization = try await database.organizationSnapshot()
        let evaluator = Evaluator(framework: framework, organization: organization, data: data)
        let scopes = [EvaluationScope.city] + organization.subcommands.filter(\.value).keys.sorted().map(EvaluationScope.subcommand)
        for scope in scopes {
            _ = try await database.storeResult(evaluator.evaluate(scope), period: period, tenantTimeZone: zone, jobID: "bench", computedAt: Date())
        }
        return scopes.count
    }

    /// What the `crosscheck` job does: every rule, the findings and the run stored.
    nonisolated static func crossCheckEveryRule(_ database: TenantDatabase, _ code: String, _ name: String) async throws -> String {
        let framework = try await database.publishedFramework(code, version: nil)
        let period = try Period(parsing: name, timeZone: try timeZone(framework))
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
        return "records=\(outcome.recordsRead) findings=\(record?.found ?? 0) new=\(record?.newFindings ?? 0) find_ms=\(milliseconds(finding)) "
            + "store_ms=\(milliseconds(storing)) by_rule=\(byRule)"
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
