import CivitasCore
import Foundation

/// The arguments of an `evaluation` job, as JSON in the queue:
/// `{"framework": "model-city", "version": 2, "period": "2026-10", "scope": "city"}`.
/// `scope` is `city`, `subcommand:<id>` or `subcommands` (every active sub-command).
///
/// For schedules (DOMAIN §8, "the previous month, on the 1st at 02:00"), `version` may be
/// left out (the latest when the job runs) and `period` may be `previous-month` or
/// `current-month`, relative to the job's run time in the framework's time zone.
struct EvaluationJobArguments: Codable, Hashable, Sendable {
    static let kind = "evaluation"

    var framework: String
    /// Resolved when a request or a re-evaluation queues the job, so that a later
    /// publication does not change what a queued job computes.
    var version: Int?
    var period: String
    var scope: String

    init(framework: String, version: Int, period: String, scope: EvaluationRequestScope) {
        self.framework = framework
        self.version = version
        self.period = period
        self.scope = scope.description
    }

    init(json: String) throws(CivitasError) {
        do {
            self = try JSONDecoder().decode(Self.self, from: Data(json.utf8))
        } catch {
            throw .invalidArgument(
                "The evaluation job's arguments are not {\"framework\", \"version\", \"period\", \"scope\"}: \(error)."
            )
        }
    }

    var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding four plain fields cannot fail.
        return String(decoding: (try? encoder.encode(self)) ?? Data("{}".utf8), as: UTF8.self)
    }

    /// The period named, relative ones resolved at `runAt`.
    func resolvedPeriod(at runAt: Date, timeZone: TimeZone) throws(CivitasError) -> Period {
        try Self.resolve(period, at: runAt, timeZone: timeZone)
    }

    /// `period`, or for `previous-month` and `current-month` the month relative to
    /// `runAt` in `timeZone` (shared by every job kind a schedule runs on a period).
    static func resolve(_ period: String, at runAt: Date, timeZone: TimeZone) throws(CivitasError) -> Period {
        let offset: Int
        switch period {
        case "previous-month": offset = -1
        case "current-month": offset = 0
        default: return try Period(parsing: period, timeZone: timeZone)
        }
        let calendar = Calendar.gregorian(in: timeZone)
        guard let month = calendar.date(byAdding: .month, value: offset, to: runAt) else {
            throw .invalidArgument("Period \(period) cannot be resolved at \(runAt.formatted(.iso8601)).")
        }
        let parts = calendar.dateComponents([.year, .month], from: month)
        return try Period(parsing: String(format: "%04d-%02d", parts.year ?? 0, parts.month ?? 0), timeZone: timeZone)
    }

    var requestScope: EvaluationRequestScope {
        get throws(CivitasError) { try EvaluationRequestScope(parsing: scope) }
    }

    /// While such a job is unfinished, requesting the same evaluation again returns it.
    var requestKey: String { "evaluate:\(framework):\(version.map(String.init) ?? "latest"):\(period):\(scope)" }

    /// One re-evaluation per framework, period and scope at a time (DOMAIN §8).
    var reevaluationKey: String { "reevaluate:\(framework):\(period):\(scope)" }
}
