import ArgumentParser
import CivitasCLISupport
import CivitasClient
import CivitasProtos
import Foundation
import SwiftProtobuf

struct CodesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "codes",
        abstract: "The codes submissions are checked against: indicators, surveys, feed metrics, checklist items.",
        subcommands: [CodesDeclare.self, CodesShow.self]
    )
}

struct CodesDeclare: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "declare",
        abstract: "Declare the tenant's codes from a JSON file (replaces the previous declaration; HQ only).",
        discussion: """
            The file is a civitas.v1.CodeRegistry in the proto's JSON mapping: {"indicators": \
            [{"code", "method", "value_kind", "has_range", "min", "max", "units"}], "surveys": \
            [{"code", "questions", "min_duration_seconds"}], "feed_metrics": [{"code", "unit", "min", \
            "max"}], "checklist_items": [{"code", "description"}]}. Every problem is listed; if there \
            is any, nothing is declared.
            """
    )

    @Argument(help: "JSON file of the code registry.")
    var file: String

    @Flag(name: .customLong("dry-run"), help: "Check on the server without declaring.")
    var dryRun = false

    @OptionGroup var tenant: TenantOption
    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        var registry: Civitas_V1_CodeRegistry?
        try await CommandFailure.run {
            guard let data = FileManager.default.contents(atPath: file) else { throw ClientError("Cannot read \(file).") }
            do {
                let (text, _) = try TextDecoding.decode(data, source: file)
                registry = try Civitas_V1_CodeRegistry(jsonString: text)
            } catch let error as CSVError {
                throw error
            } catch {
                throw ClientError("\(file) is not a code registry in JSON: \(error)")
            }
        }
        guard let registry else { return }
        let request = Civitas_V1_DeclareCodesRequest.with {
            $0.tenant = tenant.value
            $0.codes = registry
            $0.dryRun = dryRun
        }
        try await connection.withConnection { civitas in
            let reply = try await civitas.submissions.declareCodes(request, options: civitas.options)
            guard reply.errors.isEmpty else {
                for error in reply.errors {
                    let record = error.record.isEmpty ? "" : " (\(error.record))"
                    Terminal.error("\(file), entry \(error.index)\(record): \(error.field) \(error.reason)")
                }
                Terminal.error("\(reply.errors.count) problem(s); nothing was declared.")
                throw ExitCode(4)
            }
            let verb = dryRun ? "Checked (dry run, nothing declared)" : "Declared"
            print(
                "\(verb) \(reply.indicators) indicator(s), \(reply.surveys) survey(s), \(reply.feedMetrics) feed metric(s), "
                    + "\(reply.checklistItems) checklist item(s) from \(file)."
            )
        }
    }
}

struct CodesShow: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Show the codes in force."
    )

    @OptionGroup var tenant: TenantOption
    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        try await connection.withConnection { civitas in
            let codes = try await civitas.submissions.getCodes(.with { $0.tenant = tenant.value }, options: civitas.options)
            if output.json { return try Terminal.printJSON(codes) }
            print(CodeRegistryListing.render(codes))
        }
    }
}
