import ArgumentParser
import CivitasCLISupport
import CivitasClient
import CivitasCore
import CivitasProtos
import Foundation
import SwiftProtobuf

struct FrameworkDiffCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Compare two versions of a framework, or two framework files, node by node.",
        discussion: """
            `civitas framework diff model-city 1 2` compares published versions; \
            `civitas framework diff old.json new.json` compares local documents (no server needed). \
            Lines start with - (removed), + (added) or ~ (changed); nodes are matched by code.
            """
    )

    @Argument(help: "CODE V1 V2, or FILE1 FILE2.")
    var operands: [String] = []

    @OptionGroup var tenant: TenantOption
    @OptionGroup var connection: ConnectionOptions

    func validate() throws {
        guard operands.count == 2 || operands.count == 3 else {
            throw ValidationError("Give CODE V1 V2 (two published versions) or FILE1 FILE2 (two documents).")
        }
        if operands.count == 3, UInt32(operands[1]) == nil || UInt32(operands[2]) == nil {
            throw ValidationError("V1 and V2 must be version numbers, not \"\(operands[1])\" and \"\(operands[2])\".")
        }
    }

    func run() async throws {
        if operands.count == 2 { return try await compareFiles(operands[0], operands[1]) }
        let (code, old, new) = (operands[0], UInt32(operands[1]) ?? 0, UInt32(operands[2]) ?? 0)
        try await connection.withConnection { civitas in
            let before = try await fetch(civitas, code: code, version: old)
            let after = try await fetch(civitas, code: code, version: new)
            print(FrameworkDiff.render(FrameworkDiff.changes(from: before, to: after), from: "\(code) v\(old)", to: "\(code) v\(new)"))
        }
    }

    private func fetch(_ civitas: CivitasConnection, code: String, version: UInt32) async throws -> Framework {
        let published = try await civitas.frameworks.getFramework(.with {
            $0.tenant = tenant.value
            $0.code = code
            $0.version = version
        }, options: civitas.options)
        return try FrameworkJSON.parse(published.document, source: "\(code) v\(published.version)")
    }

    private func compareFiles(_ oldFile: String, _ newFile: String) async throws {
        try await CommandFailure.run {
            let frameworks = try [oldFile, newFile].map { file in
                guard let data = FileManager.default.contents(atPath: file) else { throw ClientError("Cannot read \(file).") }
                return try FrameworkJSON.parse(data, source: file)
            }
            print(FrameworkDiff.render(FrameworkDiff.changes(from: frameworks[0], to: frameworks[1]), from: oldFile, to: newFile))
        }
    }
}
