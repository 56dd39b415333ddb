import CivitasTesting
import Foundation
import Synchronization

/// Where `swift build` put our executables: next to this test bundle, unless
/// CIVITAS_BIN_DIR says otherwise.
enum Binaries {
    static var directory: URL {
        if let dir = ProcessInfo.processInfo.environment["CIVITAS_BIN_DIR"] { return URL(fileURLWithPath: dir) }
        var url = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        // Inside an .xctest bundle directory on some platforms: climb to the products directory.
        while !FileManager.default.fileExists(atPath: url.appendingPathComponent("civitasd").path), url.pathComponents.count > 1 {
            url.deleteLastPathComponent()
        }
        return url
    }

    static func path(_ name: String) -> String { directory.appendingPathComponent(name).path }
}

/// A civitasd process, as an operator runs it.
final class DaemonProcess: Sendable {
    let process: ChildProcess
    let data: URL
    let port: Int
    let stdout: PipeReader
    let stderr: PipeReader

    /// Starts civitasd on a free port and waits for its ready line.
    static func launch(data: URL, arguments: [String] = []) async throws -> DaemonProcess {
        let process = try ChildProcess(
            executable: Binaries.path("civitasd"), arguments: ["--data", data.path, "--port", "0"] + arguments,
            environment: ProcessInfo.processInfo.environment
        )
        let (stdout, stderr) = (process.stdout, process.stderr)
        for _ in 0..<600 {
            if let line = stdout.text.split(separator: "\n").first(where: { $0.contains("ready on") }),
                let address = line.split(separator: " ").first(where: { $0.hasPrefix("127.0.0.1:") }),
                let port = Int(address.split(separator: ":")[1])
            {
                return DaemonProcess(process: process, data: data, port: port, stdout: stdout, stderr: stderr)
            }
            guard process.isRunning else { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        process.signal(SIGTERM)
        throw ProcessFailure("civitasd did not become ready. stderr:\n\(stderr.text)")
    }

    private init(process: ChildProcess, data: URL, port: Int, stdout: PipeReader, stderr: PipeReader) {
        self.process = process
        self.data = data
        self.port = port
        self.stdout = stdout
        self.stderr = stderr
    }

    /// Sends `signal` and waits for the process to exit; returns its status.
    @discardableResult
    func stop(with signal: Int32) async throws -> Int32 {
        kill(process.processIdentifier, signal)
        for _ in 0..<600 where process.isRunning {
            try await Task.sleep(for: .milliseconds(50))
        }
        guard let status = process.terminationStatus else { throw ProcessFailure("civitasd ignored signal \(signal)") }
        return status
    }

    /// The environment the CLIs need to reach this server.
    func environment(tokenFile: String) -> [String: String] {
        [
            "CIVITAS_SERVER": "127.0.0.1:\(port)",
            "CIVITAS_CA": data.appendingPathComponent("tls/ca.pem").path,
            "CIVITAS_TOKEN_FILE": tokenFile,
        ]
    }
}

struct CommandResult {
    var status: Int32
    var stdout: String
    var stderr: String
}

/// Runs one of our CLIs to completion with `environment` added to a minimal one.
func runCLI(_ name: String, _ arguments: [String], environment: [String: String] = [:]) async throws -> CommandResult {
    try await run(Binaries.path(name), arguments, environment: environment)
}

/// Runs one of the scripts in ops/ with bash, finding our CLIs through CIVITAS_ADMIN.
func runOpsScript(_ name: String, _ arguments: [String], environment: [String: String]) async throws -> CommandResult {
    let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("ops/\(name)").path
    var environment = environment
    environment["CIVITAS_ADMIN"] = Binaries.path("civitas-admin")
    environment["PATH"] = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    return try await run("/bin/bash", [script] + arguments, environment: environment)
}

func run(_ executable: String, _ arguments: [String], environment: [String: String]) async throws -> CommandResult {
    let process = try ChildProcess(
        executable: executable, arguments: arguments,
        environment: ["PATH": "/usr/bin:/bin", "HOME": NSTemporaryDirectory()].merging(environment) { $1 }
    )
    // Everything the process wrote before exiting is read once its pipes reach end of file.
    let status = try await process.waitForExit()
    return CommandResult(status: status, stdout: process.stdout.text, stderr: process.stderr.text)
}

struct ProcessFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
