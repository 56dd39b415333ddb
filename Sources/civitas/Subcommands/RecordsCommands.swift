import ArgumentParser
import CivitasCLISupport
import CivitasClient
import CivitasProtos
import Foundation
import SwiftProtobuf

struct RecordsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "records",
        abstract: "What the four channels have stored.",
        subcommands: [RecordsList.self]
    )
}

struct RecordsList: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List stored records of one channel (those your credential may see), newest last."
    )

    @Option(help: "material, inspection, survey or feed.")
    var channel: String

    @Option(help: "Material reports of this unit only.")
    var unit: String?

    @Option(help: "Only records of this sub-command's block.")
    var subcommand: String?

    @Option(help: "Only records in this period: 2026-10, 2026-Q4, 2026 or 2026-10-01..2026-10-15.")
    var period: String?

    @Flag(name: .customLong("include-superseded"), help: "Material reports: also those a newer report superseded.")
    var includeSuperseded = false

    @Option(help: "At most this many records (0: all).")
    var limit = 100

    @Option(name: .customLong("time-zone"), help: "Show times in this zone.")
    var timeZone = "Asia/Shanghai"

    @OptionGroup var tenant: TenantOption
    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        let singular = channel.hasSuffix("s") ? String(channel.dropLast()) : channel
        guard let chosen = SubmissionChannel(rawValue: singular) else {
            Terminal.error("--channel must be material, inspection, survey or feed.")
            throw ExitCode(1)
        }
        guard limit >= 0 else {
            Terminal.error("--limit must be 0 (all) or more.")
            throw ExitCode(1)
        }
        guard let zone = TimeZone(identifier: timeZone) else {
            Terminal.error("Unknown time zone \"\(timeZone)\".")
            throw ExitCode(1)
        }
        let request = Civitas_V1_ListRecordsRequest.with {
            $0.tenant = tenant.value
            $0.channel = chosen.rawValue
            $0.unit = unit ?? ""
            $0.subcommand = subcommand ?? ""
            if let period { $0.period = .with { $0.name = period } }
            $0.includeSuperseded = includeSuperseded
        }
        try await connection.withConnection { civitas in
            let listing = try await RecordListing.fetch(over: civitas, request: request, limit: limit)
            if output.json { return try Terminal.printJSON(listing.json) }
            print(listing.render(timeZone: zone))
        }
    }
}
