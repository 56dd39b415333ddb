import CivitasCore
import CivitasStorage
import Crypto
import Foundation
import Logging

/// ops/bench/evaluate's Civitas side, in process over a stopped server's data directory
/// (so that the time is the evaluation's, not the job queue's or the network's):
///
/// 1. cold: read the period's records from the tenant's file into `EvaluationData`, evaluate
///    the city and every active sub-command, store every result — exactly what the
///    `evaluation` job does for scopes `city` and `subcommands`;
/// 2. re-evaluation: store one new survey response through the submission path, then
///    re-evaluate and store the city (the cached data folds in only the new record).
///
/// Writes every leaf value per scope as JSON (compared with the SQL baseline by the script)
/// and prints `cold_ms=… reevaluate_ms=… cutoff=…`.
///   civitas-bench-evaluate DATA_DIR TENANT FRAMEWORK PERIOD VALUES_OUT.json
@main
struct BenchEvaluate {
    static func main() async throws {
        let arguments = CommandLine.arguments
        guard arguments.count == 6 else {
            FileHandle.standardError.write(Data("usage: civitas-bench-evaluate DATA_DIR TENANT FRAMEWORK PERIOD VALUES_OUT.json\n".utf8))
            exit(2)
        }
        print(try await benchmark(arguments))
    }

    nonisolated static func benchmark(_ arguments: [String]) async throws -> String {
        let tenants = URL(fileURLWithPath: arguments[1]).appendingPathComponent("tenants")
        let registry = try TenantRegistry(directory: tenants, logger: Logger(label: "bench-evaluate"))
        let tenant = try TenantID(arguments[2])
        let figures = try await registry.withDatabase(tenant) { database in
            try await run(database, framework: arguments[3], period: arguments[4], valuesPath: arguments[5])
        }
        registry.closeAll()
        return figures
    }

    static func run(_ database: TenantDatabase, framework code: String, period name: String, valuesPath: String) async throws -> String {
        let framework = try await database.publishedFramework(code, version: nil)
        guard let zone = TimeZone(identifier: framework.framework.timeZoneIdentifier) else { throw CivitasError(.internal, "unknown zone") }
        let period = try Period(parsing: name, timeZone: zone)
        let clock = ContinuousClock()

        var outcomes: [EvaluationOutcome] = []
        let cold = try await clock.measure {
            outcomes = try await evaluateAndStore(database, framework, period, zone, everySubcommand: true)
        }
        let values = Dictionary(uniqueKeysWithValues: outcomes.map { outcome in
            (outcome.scope.description, Dictionary(uniqueKeysWithValues: outcome.leaves.map { ($0.code, $0.value) }))
        })
        let json = try JSONSerialization.data(withJSONObject: values.mapValues { $0.mapValues { $0 ?? NSNull() as Any } }, options: [.sortedKeys])
        try json.write(to: URL(fileURLWithPath: valuesPath))

        try await submitOneSurveyResponse(database, framework.framework, period)
        var city: [EvaluationOutcome] = []
        let again = try await clock.measure {
            city = try await evaluateAndStore(database, framework, period, zone, everySubcommand: false)
        }
        guard city.first?.cutoff == (outcomes.first?.cutoff ?? 0) + 1 else {
            throw CivitasError(.internal, "The re-evaluation did not include the new record.")
        }
        return "cold_ms=\(milliseconds(cold)) reevaluate_ms=\(milliseconds(again)) cutoff=\(outcomes.first?.cutoff ?? 0) scopes=\(outcomes.count)"
    }

    /// What the `evaluation` job does for one round: one snapshot, every scope, stored.
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

    /// One late response from a new respondent, in the middle of the period.
    static func submitOneSurveyResponse(_ database: TenantDatabase, _ framework: Framework, _ period: Period) async throws {
        guard let survey = framework.surveys.first else { throw CivitasError(.internal, "The framework declares no survey.") }
        let submittedAt = period.start.addingTimeInterval(period.end.timeIntervalSince(period.start) / 2)
        let answers = Dictionary(uniqueKeysWithValues: survey.questions.sorted().enumerated().map { ($1, UInt32(1 + $0 % 5)) })
        let response = SurveyResponse(
            key: "bench-late-response", survey: survey.code, respondent: "bench-late-respondent", subcommand: nil,
            submittedAt: submittedAt, durationSeconds: survey.minimumDurationSeconds + 60, answers: answers
        )
        let day = Calendar.gregorian(in: TimeZone(identifier: framework.timeZoneIdentifier) ?? .gmt).localDay(submittedAt)
        let prepared = PreparedRecord(
            index: 0, record: response, contentSHA256: Data(SHA256.hash(data: CanonicalContent.bytes(of: response))),
            span: DaySpan(first: day, last: day)
        )
        let outcome = try await database.submit(.surveys([prepared]), principal: "bench", receivedAt: Date(), dryRun: false)
        guard outcome.stored == 1 else { throw CivitasError(.internal, "The late response was not stored: \(outcome.problems)") }
    }

    static func milliseconds(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        return String(format: "%.1f", Double(seconds) * 1000 + Double(attoseconds) / 1e15)
    }
}
