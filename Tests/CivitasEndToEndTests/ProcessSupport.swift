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

/// Output collected from a child process's pipe as it arrives.
///
/// A plain thread does blocking reads until end of file. Not `readabilityHandler`: on Linux
/// that is a dispatch source on the descriptor, and a pipe closed while its source is still
/// registered crashed the whole test process in libdispatch's event loop (signal 11 in
/// `_dispatch_event_loop_drain`) once enough processes ran in parallel. Not a task either:
/// a blocking read would hold one of the cooperative pool's few threads.
final class OutputCollector: Sendable {
    private let buffer = Mutex(Data())
    private let ended = Mutex(false)

    init(_ pipe: Pipe) {
        let handle = pipe.fileHandleForReading
        let thread = Thread { [self] in
            while case let data = handle.availableData, !data.isEmpty {
                buffer.withLock { $0.append(data) }
            }
            ended.withLock { $0 = true }
        }
        thread.start()
    }

    var text: String { String(decoding: buffer.withLock { $0 }, as: UTF8.self) }

    /// Waits until the writing side closed (the process and any child holding the pipe
    /// exited), at most `seconds`.
    func waitForEnd(seconds: Double = 10) async throws {
        let deadline = ContinuousClock.now + .seconds(seconds)
        while !ended.withLock({ $0 }), ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(5))
        }
    }
}

/// A civitasd process, as an operator runs it.
final class DaemonProcess: Sendable {
    let process: Process
    let data: URL
    let port: Int
    let stdout: OutputCollector
    let stderr: OutputCollector

    /// Starts civitasd on a free port and waits for its ready line.
    static func launch(data: URL, arguments: [String] = []) async throws -> DaemonProcess {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Binaries.path("civitasd"))
        process.arguments = ["--data", data.path, "--port", "0"] + arguments
        let (out, err) = (Pipe(), Pipe())
        process.standardOutput = out
        process.standardError = err
        let stdout = OutputCollector(out)
        let stderr = OutputCollector(err)
        try process.run()
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
        process.terminate()
        throw ProcessFailure("civitasd did not become ready. stderr:\n\(stderr.text)")
    }

    private init(process: Process, data: URL, port: Int, stdout: OutputCollector, stderr: OutputCollector) {
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
        guard !process.isRunning else { throw ProcessFailure("civitasd ignored signal \(signal)") }
        return process.terminationStatus
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
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    process.environment = ["PATH": "/usr/bin:/bin", "HOME": NSTemporaryDirectory()].merging(environment) { $1 }
    let (out, err) = (Pipe(), Pipe())
    process.standardOutput = out
    process.standardError = err
    let stdout = OutputCollector(out)
    let stderr = OutputCollector(err)
    try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
        process.terminationHandler = { _ in continuation.resume() }
        do { try process.run() } catch { continuation.resume(throwing: error) }
    }
    // Everything the process wrote before exiting is read once its pipes reach end of file.
    try await stdout.waitForEnd()
    try await stderr.waitForEnd()
    return CommandResult(status: process.terminationStatus, stdout: stdout.text, stderr: stderr.text)
}

struct ProcessFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
