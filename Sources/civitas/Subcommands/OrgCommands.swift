import ArgumentParser
import CivitasCLISupport
import CivitasClient
import CivitasCore
import CivitasProtos
import Foundation
import SwiftProtobuf

struct OrgCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "org",
        abstract: "The campaign organization: sub-commands, units, inspection points.",
        subcommands: [OrgList.self, OrgImport.self, OrgDeactivate.self]
    )
}

struct OrgList: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List sub-commands, units and inspection points (those your credential may see)."
    )

    enum What: String, ExpressibleByArgument, CaseIterable {
        case all, subcommands, units, points
    }

    @Argument(help: "What to list: all, subcommands, units or points.")
    var what: What = .all

    @Option(help: "Only this sub-command's block.")
    var subcommand: String?

    @Flag(name: .customLong("include-inactive"), help: "Include deactivated entries.")
    var includeInactive = false

    @OptionGroup var tenant: TenantOption
    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        try await connection.withConnection { civitas in
            let listing = try await OrganizationListing.fetch(
                over: civitas, tenant: tenant.value, subcommand: subcommand ?? "", includeInactive: includeInactive,
                subcommands: what == .all || what == .subcommands, units: what == .all || what == .units,
                points: what == .all || what == .points
            )
            if output.json { return try Terminal.printJSON(listing.json) }
            print(listing.render())
        }
    }
}

struct OrgImport: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Create or update sub-commands, units or points from a CSV file, all rows or none.",
        discussion: """
            Columns — sub-commands: id,name; units: id,name,subcommand (empty: an HQ line of work); \
            points: id,name,subcommand,type[,address,latitude,longitude]. The kind is taken from \
            the columns unless --kind is given. Every problem is listed with its line; if there is \
            any, nothing is stored.
            """
    )

    @Argument(help: "CSV file (UTF-8, with or without BOM).")
    var file: String

    @Option(help: "subcommand, unit or point (default: from the columns).")
    var kind: String?

    @Flag(name: .customLong("dry-run"), help: "Check everything on the server without storing.")
    var dryRun = false

    @OptionGroup var tenant: TenantOption
    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        var parsed: OrganizationCSV?
        try await CommandFailure.run {
            let requested = try kind.map { text -> OrganizationKind in
                guard let kind = OrganizationKind(rawValue: text.hasSuffix("s") ? String(text.dropLast()) : text) else {
                    throw ClientError("--kind must be subcommand, unit or point.")
                }
                return kind
            }
            parsed = try OrganizationCSV(table: try CSVTable(contentsOf: file), source: file, kind: requested)
        }
        guard var csv = parsed else { return }
        csv.request.tenant = tenant.value
        csv.request.dryRun = dryRun
        let request = csv.request
        try await connection.withConnection { civitas in
            let reply = try await civitas.organization.importOrganization(request, options: civitas.options)
            guard reply.errors.isEmpty else {
                for error in reply.errors {
                    let line = Int(error.index) < csv.lines.count ? csv.lines[Int(error.index)] : 0
                    Terminal.error("\(file), line \(line) (\(error.record)): \(error.field) \(error.reason)")
                }
                Terminal.error("\(reply.errors.count) problem(s); nothing was stored.")
                throw ExitCode(4)
            }
            let rows = reply.created + reply.updated + reply.unchanged
            let verb = dryRun ? "Checked (dry run, nothing stored)" : "Imported"
            print("\(verb) \(rows) \(csv.kind.plural) from \(file): \(reply.created) created, \(reply.updated) updated, \(reply.unchanged) unchanged.")
        }
    }
}

struct OrgDeactivate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "deactivate",
        abstract: "Deactivate a sub-command, unit or point (kept for history, hidden from listings)."
    )

    @Argument(help: "subcommand, unit or point.")
    var kind: String

    @Argument(help: "Its id.")
    var id: String

    @OptionGroup var tenant: TenantOption
    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        try await connection.withConnection { civitas in
            let request = Civitas_V1_DeactivateRequest.with { $0.tenant = tenant.value; $0.id = id }
            switch kind {
            case "subcommand": _ = try await civitas.organization.deactivateSubcommand(request, options: civitas.options)
            case "unit": _ = try await civitas.organization.deactivateUnit(request, options: civitas.options)
            case "point": _ = try await civitas.organization.deactivatePoint(request, options: civitas.options)
            default: throw ClientError("The kind must be subcommand, unit or point.")
            }
            print("Deactivated \(kind) \(id).")
        }
    }
}
