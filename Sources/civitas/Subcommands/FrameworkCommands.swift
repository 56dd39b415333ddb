import ArgumentParser
import CivitasCLISupport
import CivitasClient
import CivitasCore
import CivitasProtos
import Foundation
import SwiftProtobuf

struct FrameworkCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "framework",
        abstract: "Evaluation frameworks (测评体系): publish, list, show, diff.",
        subcommands: [FrameworkPublish.self, FrameworkList.self, FrameworkShow.self, FrameworkDiffCommand.self]
    )
}

struct FrameworkPublish: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "publish",
        abstract: "Publish a framework document (JSON) as its next version (HQ only).",
        discussion: "A refused document prints every problem as `path: reason` on stderr and exits 4; nothing is published."
    )

    @Argument(help: "The framework document, JSON.")
    var file: String

    @Flag(name: .customLong("dry-run"), help: "Check on the server without publishing.")
    var dryRun = false

    @OptionGroup var tenant: TenantOption
    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        guard let document = FileManager.default.contents(atPath: file) else {
            Terminal.error("Cannot read \(file).")
            throw ExitCode(1)
        }
        try await connection.withConnection { civitas in
            let reply = try await civitas.frameworks.publishFramework(.with {
                $0.tenant = tenant.value
                $0.document = document
                $0.dryRun = dryRun
            }, options: civitas.options)
            guard reply.problems.isEmpty else {
                for problem in reply.problems { Terminal.note("\(problem.path): \(problem.reason)") }
                Terminal.error("\(reply.problems.count) problem(s) in \(file); nothing was published.")
                throw ExitCode(4)
            }
            let framework = reply.framework
            let verb = dryRun ? "Checked (dry run, nothing published): would publish" : "Published"
            print(
                "\(verb) \(framework.code) v\(framework.version): total \(ReportNumber.exact(framework.total)), "
                    + "pass score \(ReportNumber.exact(framework.passScore)), spiritual share \(ReportNumber.percent(framework.spiritualShare))."
            )
            if !framework.documentSha256.isEmpty { print("document sha256 \(framework.documentSha256)") }
        }
    }
}

struct FrameworkList: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the tenant's published framework versions.")

    @OptionGroup var tenant: TenantOption
    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        try await connection.withConnection { civitas in
            let reply = try await civitas.frameworks.listFrameworks(.with { $0.tenant = tenant.value }, options: civitas.options)
            if output.json { return try Terminal.printJSON(reply) }
            var table = Table("CODE", "VERSION", "TOTAL", "PASS", "SPIRITUAL", "PUBLISHED", "SHA256", "TITLE")
            for framework in reply.frameworks {
                table.add(
                    framework.code, "\(framework.version)", ReportNumber.exact(framework.total), ReportNumber.exact(framework.passScore),
                    ReportNumber.percent(framework.spiritualShare), framework.publishedAt.text(ifSet: framework.hasPublishedAt),
                    String(framework.documentSha256.prefix(12)), framework.title
                )
            }
            print(reply.frameworks.isEmpty ? "No framework published yet; `civitas framework publish FILE` publishes one." : table.render())
        }
    }
}

struct FrameworkShow: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show a framework's tree: categories, items and indicators with points, rules, gates and tags."
    )

    @Argument(help: "The framework code.")
    var code: String

    @Option(help: "The version (default: the latest).")
    var version: UInt32 = 0

    @OptionGroup var tenant: TenantOption
    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        try await connection.withConnection { civitas in
            let published = try await civitas.frameworks.getFramework(.with {
                $0.tenant = tenant.value
                $0.code = code
                $0.version = version
            }, options: civitas.options)
            if output.json { return try Terminal.printJSON(FrameworkJSON.version(published)) }
            let framework = try FrameworkJSON.parse(published.document, source: "\(published.code) v\(published.version)")
            print(FrameworkTreeText.render(framework, version: published.version, spiritualShare: published.spiritualShare))
        }
    }
}

/// Framework documents on the command line.
enum FrameworkJSON {
    /// The published version's metadata with its document as JSON (not base64).
    static func version(_ published: Civitas_V1_FrameworkVersion) throws -> [String: Any] {
        [
            "code": published.code, "version": Int(published.version), "title": published.title, "total": published.total,
            "pass_score": published.passScore, "spiritual_share": published.spiritualShare,
            "document_sha256": published.documentSha256,
            "published_at": published.hasPublishedAt ? published.publishedAt.date.formatted(.iso8601) : NSNull(),
            "document": try JSONSerialization.jsonObject(with: published.document),
        ]
    }

    /// The framework, or a ClientError listing every problem as `source: path: reason`.
    static func parse(_ document: Data, source: String) throws -> Framework {
        switch FrameworkDocument.parse(document) {
        case .success(let framework):
            return framework
        case .failure(let problems):
            throw ClientError(problems.problems.map { "\(source): \($0.path): \($0.reason)" }.joined(separator: "\n"))
        }
    }
}
