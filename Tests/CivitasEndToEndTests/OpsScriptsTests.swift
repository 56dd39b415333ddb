import CivitasTesting
import Foundation
import Testing

/// The everyday operator scripts in ops/, run as an operator runs them, against a real
/// civitasd: new tenant with its first HQ credential, credential rotation, backing up
/// every tenant, restoring one.
@Suite(.serialized) struct OpsScriptsTests {
    @Test func tenantCredentialAndBackupScriptsWork() async throws {
        let scratch = try TemporaryDirectory(prefix: "civitas-ops")
        defer { scratch.remove() }
        let data = scratch.url.appendingPathComponent("data")
        let daemon = try await DaemonProcess.launch(data: data)
        let env = daemon.environment(tokenFile: data.appendingPathComponent("operator.token").path)
        let hqToken = scratch.url.appendingPathComponent("ops-city.hq.token").path

        let created = try await runOpsScript("tenant-new", ["ops-city", "运维城市", hqToken], environment: env)
        #expect(created.status == 0, "\(created.stderr)")
        let mode = try FileManager.default.attributesOfItem(atPath: hqToken)[.posixPermissions] as? NSNumber
        #expect(mode?.intValue == 0o600)
        let whoami = try await runCLI("civitas", ["whoami", "--json"], environment: daemon.environment(tokenFile: hqToken))
        #expect(whoami.stdout.contains("\"role\" : \"hq\""), "\(whoami.stdout) \(whoami.stderr)")
        let again = try await runOpsScript("tenant-new", ["ops-city", "x", hqToken], environment: env)
        #expect(again.status != 0, "never overwrites a token file")

        let oldID = try #require(whoami.stdout.split(separator: "\"").drop { $0 != "credential_id" }.dropFirst(2).first)
        let rotatedToken = scratch.url.appendingPathComponent("rotated.token").path
        let rotated = try await runOpsScript("credential-rotate", [String(oldID), rotatedToken], environment: env)
        #expect(rotated.status == 0, "\(rotated.stderr)")
        let oldRefused = try await runCLI("civitas", ["whoami"], environment: daemon.environment(tokenFile: hqToken))
        #expect(oldRefused.status == 3)
        let newWorks = try await runCLI("civitas", ["whoami"], environment: daemon.environment(tokenFile: rotatedToken))
        #expect(newWorks.status == 0)
        #expect(newWorks.stdout.contains("ops-city"))

        let backups = scratch.url.appendingPathComponent("backups")
        let backedUp = try await runOpsScript("backup-all", [backups.path], environment: env)
        #expect(backedUp.status == 0, "\(backedUp.stderr)")
        let files = try FileManager.default.contentsOfDirectory(atPath: backups.path)
        #expect(files.count == 1)
        #expect(files.first?.hasPrefix("ops-city-") == true)

        let restored = try await runOpsScript("restore", ["ops-city", backups.appendingPathComponent(files[0]).path], environment: env)
        #expect(restored.status == 0, "\(restored.stderr)")
        let afterRestore = try await runCLI("civitas", ["whoami"], environment: daemon.environment(tokenFile: rotatedToken))
        #expect(afterRestore.stdout.contains("[active]"))
        try await daemon.stop(with: SIGTERM)
    }
}
