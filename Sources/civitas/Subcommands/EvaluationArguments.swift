import ArgumentParser
import CivitasCore
import Foundation

/// `--framework CODE --period P --scope S`: which results `evaluate` and `report` name,
/// checked before any call so that a typo is caught at the terminal.
struct EvaluationArguments: ParsableArguments {
    @Option(help: "Framework code, e.g. model-city.")
    var framework: String

    @Option(help: "Period: a month 2026-10, a quarter 2026-Q4, a year 2026, or 2026-10-01..2026-10-15.")
    var period: String

    @Option(help: "city, subcommand:ID, or (evaluate only) subcommands: every sub-command, for the ranking.")
    var scope = "city"

    func validate() throws {
        guard !framework.isEmpty else { throw ValidationError("--framework must name a framework code.") }
        // The boundaries depend on the tenant's zone; here only the spelling is checked.
        do { _ = try Period(parsing: period, timeZone: TimeZone(identifier: "UTC") ?? .gmt) } catch {
            throw ValidationError("--period \"\(period)\" is not a month (2026-10), quarter (2026-Q4), year (2026) or range (2026-10-01..2026-10-15).")
        }
        guard scope == "subcommands" || EvaluationScope(parsing: scope) != nil else {
            throw ValidationError("--scope must be city, subcommand:ID or subcommands, not \"\(scope)\".")
        }
    }
}
