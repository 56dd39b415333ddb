import CivitasCore
import Foundation

/// The arguments of an `evaluation` job, as JSON in the queue:
/// `{"framework": "model-city", "version": 2, "period": "2026-10", "scope": "city"}`.
/// `scope` is `city`, `subcommand:<id>` or `subcommands` (every active sub-command).
struct EvaluationJobArguments: Codable, Hashable, Sendable {
    static let kind = "evaluation"

    var framework: String
    /// The version resolved when the job was queued, so that a later publication does
    /// not change what a queued job computes.
    var version: Int
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

    var requestScope: EvaluationRequestScope {
        get throws(CivitasError) { try EvaluationRequestScope(parsing: scope) }
    }

    /// While such a job is unfinished, requesting the same evaluation again returns it.
    var requestKey: String { "evaluate:\(framework):\(version):\(period):\(scope)" }

    /// One re-evaluation per framework, period and scope at a time (DOMAIN §8).
    var reevaluationKey: String { "reevaluate:\(framework):\(period):\(scope)" }
}
