import ArgumentParser
import CivitasCLISupport
import CivitasClient
import CivitasCore
import Foundation

/// `--lang` and `--time-zone`: how findings read on screen and how due dates are read.
struct FindingDisplayOptions: ParsableArguments {
    @Option(help: "Language of headings and names: zh or en.")
    var lang: ReportLanguage = .zh

    @Option(name: .customLong("time-zone"), help: "Show due dates and read --due in this zone.")
    var timeZone = "Asia/Shanghai"

    func validate() throws {
        _ = try time()
    }

    func time() throws -> FindingTime {
        do { return try FindingTime(identifier: timeZone) } catch { throw ValidationError(error.message) }
    }
}

/// The command-line vocabulary of cross-checks, checked before any call so that a typo
/// is caught at the terminal.
enum CrossCheckArguments {
    /// What `crosscheck run --rule` accepts: every computed rule, and `survey_integrity`
    /// for its three survey rules at once.
    static let requestableRules = CrossCheckRule.allCases.filter { $0 != .manual }.map(\.rawValue) + ["survey_integrity"]

    static func checkPeriod(_ period: String) throws {
        // The boundaries depend on the tenant's zone; here only the spelling is checked.
        do { _ = try Period(parsing: period, timeZone: TimeZone(identifier: "UTC") ?? .gmt) } catch {
            throw ValidationError("--period \"\(period)\" is not a month (2026-10), quarter (2026-Q4), year (2026) or range (2026-10-01..2026-10-15).")
        }
    }

    static func checkRule(_ rule: String, allowed: [String]) throws {
        guard allowed.contains(rule) else {
            throw ValidationError("--rule \"\(rule)\" is not a cross-check rule; use one of \(allowed.joined(separator: ", ")).")
        }
    }

    static func checkState(_ state: String) throws {
        let states = FindingStatus.allCases.map(\.rawValue)
        guard states.contains(state) else {
            throw ValidationError("--state \"\(state)\" is not a finding state; use one of \(states.joined(separator: ", ")).")
        }
    }

    /// The rules a request names, with `survey_integrity` expanded: how to pick a run's
    /// findings out of the period's.
    static func expanded(_ rules: [String]) -> Set<String> {
        Set(rules.flatMap { $0 == "survey_integrity" ? CrossCheckRule.surveyIntegrity.map(\.rawValue) : [$0] })
    }
}
