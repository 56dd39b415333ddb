import CivitasCore
import CivitasStorage
import Crypto
import Foundation
import Logging

/// The Civitas side of ops/bench/evaluate and ops/bench/crosscheck, in process over a
/// stopped server's data directory (so that the times are the work's, not the job queue's
/// or the network's):
///
///   civitas-bench-evaluate evaluate DATA_DIR TENANT FRAMEWORK PERIOD VALUES_OUT.json
///   civitas-bench-evaluate crosscheck DATA_DIR TENANT FRAMEWORK PERIOD
///
/// `evaluate`: (1) cold — read the period's records from the tenant's file into
/// `EvaluationData`, evaluate the city and every active sub-command, store every result,
/// exactly what the `evaluation` job does for scopes `city` and `subcommands`; (2)
/// re-evaluation — store one new survey response through the submission path, then
/// re-evaluate and store the city (the cached data folds in only the new record). Writes
/// every leaf value per scope as JSON (compared with the SQL baseline by the script) and
/// prints `cold_ms=… reevaluate_ms=… cutoff=… scopes=…`. `crosscheck`: see ``BenchCrossCheck``.
@main
struct BenchEvaluate {
    static let usage = """
        usage: civitas-bench-evaluate evaluate DATA_DIR TENANT FRAMEWORK PERIOD VALUES_OUT.json
               civitas-bench-evaluate crosscheck DATA_DIR TENANT FRAMEWORK PERIOD

        """

    static func main() async throws {
        let arguments = Array(CommandLine.arguments.dropFirst())
        switch (arguments.first, arguments.count) {
        case ("evaluate", 6): print(try await benchmark(Array(arguments.dropFirst())))
        case ("crosscheck", 5): print(try await BenchCrossCheck.benchmark(Array(arguments.dropFirst())))
        default:
            FileHandle.standardError.write(Data(usage.utf8))
            exit(2)
        }
    }

    /// `arguments`: DATA_DIR TENANT FRAMEWORK PERIOD VALUES_OUT.json
    nonisolated static func benchmark(_ arguments: [String]) async throws -> String {
        let tenants = URL(fileURLWithPath: arguments[0]).appendingPathComponent("tenants")
        return try await BenchSupport.withDatabase(tenants, try TenantID(arguments[1])) { database in
            try await run(database, framework: arguments[2], period: arguments[3], valuesPath: arguments[4])
        }
    }

    static func run(_ database: TenantDatabase, framework code: String, period name: String, valuesPath: String) async throws -> String {
        let framework = try await database.publishedFramework(code, version: nil)
        let zone = try BenchSupport.timeZone(framework)
        let period = try Period(parsing: name, timeZone: zone)
        let clock = ContinuousClock()

        var outcomes: [EvaluationOutcome] = []
        let cold = try await clock.measure {
            outcomes = try await BenchSupport.evaluateAndStore(database, framework, period, zone, everySubcommand: true)
        }
        let values = Dictionary(uniqueKeysWithValues: outcomes.map { outcome in
            (outcome.scope.description, Dictionary(uniqueKeysWithValues: outcome.leaves.map { ($0.code, $0.value) }))
        })
        let json = try JSONSerialization.data(withJSONObject: values.mapValues { $0.mapValues { $0 ?? NSNull() as Any } }, options: [.sortedKeys])
        try json.write(to: URL(fileURLWithPath: valuesPath))

        try await submitOneSurveyResponse(database, framework.framework, period)
        var city: [EvaluationOutcome] = []
        let again = try await clock.measure {
            city = try await BenchSupport.evaluateAndStore(database, framework, period, zone, everySubcommand: false)
        }
        guard city.first?.cutoff == (outcomes.first?.cutoff ?? 0) + 1 else {
            throw CivitasError(.internal, "The re-evaluation did not include the new record.")
        }
        return "cold_ms=\(BenchSupport.milliseconds(cold)) reevaluate_ms=\(BenchSupport.milliseconds(again)) cutoff=\(outcomes.first?.cutoff ?? 0) scopes=\(outcomes.count)"
    }

    /// One late response from a new respondent, in the middle of the period.
    static func submitOneSurveyResponse(_ database: TenantDatabase, _ framework: Framework, _ period: Period) async throws {
        guard let survey = framework.surveys.first else { throw CivitasError(.internal, "The framework declares no survey.") }
        let submittedAt = period.start.addingTimeInterval(period.end.timeIntervalSince(period.start) / 2)
        let answers = survey.questions.sorted().enumerated().map { SurveyAnswer(question: $1, answer: UInt32(1 + $0 % 5)) }
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
}
