import CivitasCore
import CivitasStorage
import Foundation

/// The arguments of a `crosscheck` job, as JSON in the queue:
/// `{"period": "2026-10", "rules": ["peer_outlier", "survey_integrity"]}`.
///
/// - `rules`: rule names (``CrossCheckRule`` raw values, or `survey_integrity` for its
///   three rules); absent or empty: every rule.
/// - `period`: as RequestCrossCheck names it, or for schedules `previous-month` /
///   `current-month`, resolved at the job's run time (`0 3 1 * *` with
///   `{"period": "previous-month"}` checks last month on the 1st at 03:00).
/// - `framework`, `version` (optional): the framework whose declarations the rules read
///   (peers, contradictions, surveys' minimum durations, grace days). Absent: the
///   version published last, the framework the city works to now.
struct CrossCheckJobArguments: Codable, Hashable, Sendable {
    static let kind = "crosscheck"

    var period: String
    var rules: [String]?
    var framework: String?
    var version: Int?

    init(period: String, rules: [CrossCheckRule], framework: String? = nil, version: Int? = nil) {
        self.period = period
        self.rules = rules.map(\.rawValue)
        self.framework = framework
        self.version = version
    }

    init(json: String) throws(CivitasError) {
        do {
            self = try JSONDecoder().decode(Self.self, from: Data(json.utf8))
        } catch {
            throw .invalidArgument(
                "The crosscheck job's arguments are not {\"period\", \"rules\" (optional), \"framework\" (optional)}: \(error).")
        }
    }

    var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding plain fields cannot fail.
        return String(decoding: (try? encoder.encode(self)) ?? Data("{}".utf8), as: UTF8.self)
    }

    var resolvedRules: [CrossCheckRule] {
        get throws(CivitasError) { try CrossCheckRuleNames.parse(rules ?? []) }
    }

    /// While such a job is unfinished, requesting the same run again returns it.
    var requestKey: String {
        "crosscheck:\(framework ?? "latest"):\(period):\((rules ?? []).sorted().joined(separator: ","))"
    }
}

/// Rule names as requests and job arguments spell them.
enum CrossCheckRuleNames {
    /// What a run can do: every rule but ``CrossCheckRule/manual`` (a person records those).
    static let runnable = CrossCheckRule.allCases.filter { $0 != .manual }

    /// The rules `names` ask for, in ``runnable`` order, each once; none: every rule.
    static func parse(_ names: [String]) throws(CivitasError) -> [CrossCheckRule] {
        guard !names.isEmpty else { return runnable }
        var asked = Set<CrossCheckRule>()
        for name in names {
            if name == "survey_integrity" {
                asked.formUnion(CrossCheckRule.surveyIntegrity)
            } else if let rule = CrossCheckRule(rawValue: name), rule != .manual {
                asked.insert(rule)
            } else {
                throw .invalidArgument(
                    "Rule \"\(name.prefix(64))\" is not one a cross-check runs; use \(runnable.map(\.rawValue).joined(separator: ", ")) "
                        + "or survey_integrity (its three rules), or none for all.")
            }
        }
        return runnable.filter(asked.contains)
    }
}

extension TenantDatabase {
    /// The framework a run reads: `code` (at `version`, or its latest), or when no code
    /// is given the version published last.
    func crossCheckFramework(_ code: String?, version: Int?) async throws -> PublishedFramework {
        if let code { return try await publishedFramework(code, version: version) }
        let latest = try await frameworks().max { ($0.publishedAt, $0.code, $0.version) < ($1.publishedAt, $1.code, $1.version) }
        guard let latest else {
            throw CivitasError.failedPrecondition(
                "Tenant \(tenant) has no published framework; the cross-checks read its declarations (peers, surveys, grace days), "
                    + "so publish one first.")
        }
        return try await publishedFramework(latest.code, version: latest.version)
    }
}
