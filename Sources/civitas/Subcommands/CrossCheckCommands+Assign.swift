import ArgumentParser
import CivitasCLISupport
import CivitasClient
import CivitasCore
import CivitasProtos
import Foundation
import SwiftProtobuf

struct CrossCheckAssign: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "assign",
        abstract: "Assign every inspection point to a sub-command other than its owner, for cross-inspection.",
        discussion: """
            The same period and seed always give the same assignment; loads differ by at most one \
            point. Prints the load of each sub-command; --out writes the sheet for inspectors \
            (point, point_name, owner, assigned_subcommand), UTF-8 with a byte-order mark so that \
            Excel opens it; without --out the assignment is printed as a table.
            """
    )

    @Option(help: "Period: a month 2026-10, a quarter 2026-Q4, a year 2026, or 2026-10-01..2026-10-15.")
    var period: String

    @Option(help: "Seed of the deterministic draw (a new period wants a new seed for a new rotation).")
    var seed: UInt64

    @Option(help: "Write the assignment as CSV to this file.")
    var out: String?

    @OptionGroup var display: FindingDisplayOptions
    @OptionGroup var tenant: TenantOption
    @OptionGroup var connection: ConnectionOptions

    func validate() throws {
        try CrossCheckArguments.checkPeriod(period)
        if let out, out.isEmpty { throw ValidationError("--out must name a file.") }
    }

    func run() async throws {
        try await connection.withConnection { civitas in
            let response = try await civitas.crosschecks.assignCrossInspection(.with {
                $0.tenant = tenant.value
                $0.period = .with { $0.name = period }
                $0.seed = seed
            }, options: civitas.options)
            let sheet = CrossInspectionSheet(period: period, seed: seed, response: response, pointNames: await pointNames(civitas))
            let names = await FindingSource(civitas: civitas, tenant: tenant.value).names()
            guard let out else {
                print(sheet.renderAssignments(names: names, language: display.lang))
                return print("\n" + sheet.renderLoads(names: names, language: display.lang))
            }
            try Terminal.write(sheet.csvData, toFile: out)
            print(sheet.renderLoads(names: names, language: display.lang))
            print("Wrote \(out) (\(sheet.plan.assignments.count) points).")
        }
    }

    /// Point names from the organization, "if available": the assignment does not carry
    /// them, and a failure to list the points costs only the names.
    private func pointNames(_ civitas: CivitasConnection) async -> [String: String] {
        do {
            let listing = try await OrganizationListing.fetch(
                over: civitas, tenant: tenant.value, subcommand: "", includeInactive: true, subcommands: false, units: false, points: true)
            return Dictionary(listing.points.map { ($0.id, $0.name) }) { first, _ in first }
        } catch {
            Terminal.note("note: point names are unavailable (\(FindingSource.reason(error))); the point_name column stays empty.")
            return [:]
        }
    }
}
