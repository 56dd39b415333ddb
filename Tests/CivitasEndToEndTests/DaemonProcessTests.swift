import CivitasTesting
import Foundation
import Testing

/// The real executables, as operators and district offices run them: civitasd in its own
/// process, civitas and civitas-admin as commands.
@Suite(.serialized) struct DaemonProcessTests {
    @Test func killDashNineAfterAcknowledgedWritesLosesNothing() async throws {
        let scratch = try TemporaryDirectory(prefix: "civitasd-kill9")
        defer { scratch.remove() }
        let data = scratch.url.appendingPathComponent("data")
        let first = try await DaemonProcess.launch(data: data)
        let operatorToken = data.appendingPathComponent("operator.token").path
        let admin = first.environment(tokenFile: operatorToken)

        let created = try await runCLI("civitas-admin", ["tenant", "create", "kill-city", "--name", "某市"], environment: admin)
        #expect(created.status == 0, "\(created.stderr)")
        let issued = try await runCLI("civitas-admin", ["credential", "issue", "--tenant", "kill-city", "--role", "hq"], environment: admin)
        #expect(issued.status == 0, "\(issued.stderr)")
        let hqToken = scratch.url.appendingPathComponent("hq.token")
        try issued.stdout.write(to: hqToken, atomically: true, encoding: .utf8)

        let csv = scratch.url.appendingPathComponent("subcommands.csv")
        try "id,name\n" .appending((1...10).map { "sc-\($0),第\($0)分指挥部" }.joined(separator: "\n")).write(to: csv, atomically: true, encoding: .utf8)
        let imported = try await runCLI("civitas", ["org", "import", csv.path], environment: first.environment(tokenFile: hqToken.path))
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.contains("10 created"))

        // The import was acknowledged: kill the server without any chance to flush.
        try await first.stop(with: SIGKILL)

        let second = try await DaemonProcess.launch(data: data)
        let listed = try await runCLI("civitas", ["org", "list", "subcommands", "--json"], environment: second.environment(tokenFile: hqToken.path))
        #expect(listed.status == 0, "\(listed.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [String: Any]
        let ids = (json?["subcommands"] as? [[String: Any]])?.compactMap { $0["id"] as? String }
        #expect(ids == (1...10).map { "sc-\($0)" }.sorted())
        try await second.stop(with: SIGTERM)
    }

    @Test func sigtermStopsGracefullyAndClosesTheDatabases() async throws {
        let scratch = try TemporaryDirectory(prefix: "civitasd-term")
        defer { scratch.remove() }
        let daemon = try await DaemonProcess.launch(data: scratch.url, arguments: ["--log-level", "info"])
        #expect(daemon.stdout.text.contains("TLS; clients trust"))
        let status = try await daemon.stop(with: SIGTERM)
        #expect(status == 0)
        #expect(daemon.stderr.text.contains("Databases closed"))
        let token = try FileManager.default.attributesOfItem(atPath: scratch.url.appendingPathComponent("operator.token").path)
        #expect((token[.posixPermissions] as? NSNumber)?.intValue == 0o600)
    }

    @Test func cliErrorsPrintTheServersMessageAndExitNonZero() async throws {
        let scratch = try TemporaryDirectory(prefix: "civitasd-cli")
        defer { scratch.remove() }
        let daemon = try await DaemonProcess.launch(data: scratch.url)
        let admin = daemon.environment(tokenFile: scratch.url.appendingPathComponent("operator.token").path)

        let badID = try await runCLI("civitas-admin", ["tenant", "create", "../x", "--name", "x"], environment: admin)
        #expect(badID.status == 4)
        #expect(badID.stderr.contains("INVALID_ARGUMENT: Tenant id \"../x\" is not valid"))

        var noToken = admin
        noToken["CIVITAS_TOKEN_FILE"] = nil
        let anonymous = try await runCLI("civitas", ["whoami"], environment: noToken)
        #expect(anonymous.status == 3)
        #expect(anonymous.stderr.contains("UNAUTHENTICATED: No credential"))

        let operatorReadsOrg = try await runCLI("civitas", ["org", "list"], environment: admin)
        #expect(operatorReadsOrg.status == 3)
        #expect(operatorReadsOrg.stderr.contains("PERMISSION_DENIED"))

        let listed = try await runCLI("civitas-admin", ["tenant", "list", "--json"], environment: admin)
        #expect(listed.status == 0)
        #expect((try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [String: Any]) != nil)

        try await daemon.stop(with: SIGTERM)
        let unreachable = try await runCLI("civitas", ["whoami", "--timeout", "5"], environment: admin)
        #expect(unreachable.status == 5)
        #expect(unreachable.stderr.contains("is civitasd running"))
    }
}
