import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A child process started with `posix_spawn`, its standard output and error read through
/// pipes until end of file.
///
/// Why not Foundation's `Process`: on Linux its `run()` copies 256 bytes out of every
/// `/proc/self/fd` entry whatever the entry's real size (swift-corelibs-foundation#5472),
/// which reads past the end of a page now and then and crashed this test process (signal
/// 11 in `memcpy` under `Process.run()`) once it held many descriptors. The pipes here are
/// created close-on-exec, so no child inherits another test's pipe — which would keep that
/// pipe open, and its reader waiting, for the child's whole life.
public final class ChildProcess: Sendable {
    public let processIdentifier: pid_t
    public let stdout: PipeReader
    public let stderr: PipeReader
    private let exitStatus = Mutex<Int32?>(nil)

    /// Starts `executable` (a path) with `arguments` and exactly `environment`; standard
    /// input is /dev/null.
    public init(executable: String, arguments: [String], environment: [String: String]) throws {
        // One spawn at a time: a pipe is close-on-exec only after the fcntl, and a child
        // spawned by another test in between would inherit it.
        let (pid, output, errors) = try Self.spawning.withLock { _ in
            try Self.spawn(executable, arguments, environment)
        }
        processIdentifier = pid
        stdout = PipeReader(descriptor: output)
        stderr = PipeReader(descriptor: errors)
    }

    private static let spawning = Mutex(())

    private static func closeOnExecPipe(_ executable: String) throws -> [Int32] {
        var fds: [Int32] = [-1, -1]
        guard pipe(&fds) == 0 else { throw SpawnFailure(executable, errno) }
        _ = fcntl(fds[0], F_SETFD, FD_CLOEXEC)
        _ = fcntl(fds[1], F_SETFD, FD_CLOEXEC)
        return fds
    }

    /// Returns the child's pid and the read ends of its stdout and stderr pipes.
    private static func spawn(_ executable: String, _ arguments: [String], _ environment: [String: String]) throws -> (pid_t, Int32, Int32) {
        let output = try closeOnExecPipe(executable)
        let errors: [Int32]
        do { errors = try closeOnExecPipe(executable) } catch {
            close(output[0]); close(output[1])
            throw error
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        // dup2 clears close-on-exec on the child's 1 and 2 only.
        posix_spawn_file_actions_adddup2(&actions, output[1], 1)
        posix_spawn_file_actions_adddup2(&actions, errors[1], 2)
        let argv = ([executable] + arguments).map { strdup($0) }
        let envp = environment.map { strdup("\($0.key)=\($0.value)") }
        defer { (argv + envp).forEach { free($0) } }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, executable, &actions, nil, argv + [nil], envp + [nil])
        close(output[1])
        close(errors[1])
        guard result == 0 else {
            close(output[0]); close(errors[0])
            throw SpawnFailure(executable, result)
        }
        return (pid, output[0], errors[0])
    }

    /// Whether the process still runs (reaps it once it has exited).
    public var isRunning: Bool {
        exitStatus.withLock { status in
            guard status == nil else { return false }
            var raw: Int32 = 0
            guard waitpid(processIdentifier, &raw, WNOHANG) == processIdentifier else { return true }
            // As Foundation reports it: the exit code, or the signal that ended the process.
            status = raw & 0x7F == 0 ? (raw >> 8) & 0xFF : raw & 0x7F
            return false
        }
    }

    /// The exit code, or the number of the signal that ended it; nil while it runs.
    public var terminationStatus: Int32? {
        _ = isRunning
        return exitStatus.withLock { $0 }
    }

    public func signal(_ signal: Int32) {
        kill(processIdentifier, signal)
    }

    /// Waits for the process to exit and its output pipes to reach end of file.
    public func waitForExit() async throws -> Int32 {
        while isRunning { try await Task.sleep(for: .milliseconds(5)) }
        try await stdout.waitForEnd()
        try await stderr.waitForEnd()
        return terminationStatus ?? -1
    }
}

extension ChildProcess {
    /// For synchronous callers (tests that are not async): the same wait, on this thread.
    public func waitForExitBlocking(seconds: Double = 60) throws -> Int32 {
        let deadline = Date().addingTimeInterval(seconds)
        while isRunning || !stdout.hasEnded || !stderr.hasEnded {
            guard Date() < deadline else { throw SpawnFailure("\(processIdentifier)", ETIMEDOUT) }
            usleep(2_000)
        }
        return terminationStatus ?? -1
    }
}

public struct SpawnFailure: Error, CustomStringConvertible {
    public var description: String

    init(_ executable: String, _ code: Int32) {
        description = "cannot start \(executable): \(String(cString: strerror(code)))"
    }
}

/// Output collected from a child process's pipe as it arrives.
///
/// A plain thread does blocking reads until end of file. Not a dispatch source
/// (`readabilityHandler`): a pipe closed while its source was registered crashed the test
/// process in libdispatch's event loop. Not a task either: a blocking read would hold one
/// of the cooperative pool's few threads.
public final class PipeReader: Sendable {
    private let buffer = Mutex(Data())
    private let ended = Mutex(false)

    init(descriptor: Int32) {
        let thread = Thread { [self] in
            var chunk = [UInt8](repeating: 0, count: 65_536)
            while true {
                let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
                if count > 0 {
                    buffer.withLock { $0.append(contentsOf: chunk[..<count]) }
                } else if count < 0, errno == EINTR {
                    continue
                } else {
                    break
                }
            }
            close(descriptor)
            ended.withLock { $0 = true }
        }
        thread.start()
    }

    public var text: String { String(decoding: buffer.withLock { $0 }, as: UTF8.self) }

    public var hasEnded: Bool { ended.withLock { $0 } }

    /// Waits until the writing side closed (the process and any child holding the pipe
    /// exited), at most `seconds`.
    public func waitForEnd(seconds: Double = 10) async throws {
        let deadline = ContinuousClock.now + .seconds(seconds)
        while !ended.withLock({ $0 }), ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(5))
        }
    }
}
