import Foundation
import GRPCCore
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Upload progress on stderr: on a terminal, one bar redrawn in place (at most ten times a
/// second); otherwise plain lines every 10% or every 5 seconds.
public final class TerminalProgress: UploadProgress {
    struct State {
        var acknowledged = 0
        var inFlight = 0
        var lastDrawn = 0.0
        var lastDone = 0
        var drewBar = false
    }

    let source: String
    let total: Int
    let interactive: Bool
    let start = ContinuousClock.now
    let write: @Sendable (String) -> Void
    private let state = Mutex(State())

    public init(
        source: String, total: Int, interactive: Bool = isatty(STDERR_FILENO) == 1,
        write: @escaping @Sendable (String) -> Void = { FileHandle.standardError.write(Data($0.utf8)) }
    ) {
        self.source = source
        self.total = total
        self.interactive = interactive
        self.write = write
    }

    var elapsed: Double {
        let duration = ContinuousClock.now - start
        return Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    public func sent(records: Int) {
        update { $0.inFlight += records }
    }

    public func acknowledged(_ tally: UploadTally) {
        update { state in
            state.acknowledged = tally.acknowledged
            state.inFlight = 0
        }
    }

    public func retrying(after error: any Error, attempt: Int, of limit: Int, delay: Duration, tally: UploadTally) {
        let text = state.withLock { state -> String in
            state.inFlight = 0
            let prefix = state.drewBar ? "\r\u{1B}[K" : ""
            state.drewBar = false
            return prefix
        }
        let seconds = Double(delay.components.seconds) + Double(delay.components.attoseconds) / 1e18
        write(
            text + "\(source): connection lost (\(Self.describe(error))); reconnecting in \(String(format: "%.1f", seconds)) s "
                + "(attempt \(attempt) of \(limit)); \(ProgressLine.grouped(tally.acknowledged)) rows acknowledged so far, "
                + "the rest is re-sent with the same keys\n"
        )
    }

    /// Ends the bar's line (before the summary is printed).
    public func finish() {
        let now = elapsed
        let line = state.withLock { state -> String? in
            let done = min(total, state.acknowledged + state.inFlight)
            if interactive {
                state.drewBar = false
                return "\r\u{1B}[K" + ProgressLine.bar(done: done, total: total, elapsed: now) + "\n"
            }
            return state.lastDone == done ? nil : ProgressLine.plain(source: source, done: done, total: total, elapsed: now) + "\n"
        }
        if let line { write(line) }
    }

    private func update(_ change: (inout State) -> Void) {
        let now = elapsed
        let line = state.withLock { state -> String? in
            change(&state)
            let done = min(total, state.acknowledged + state.inFlight)
            if interactive {
                guard now - state.lastDrawn >= 0.1 || done == total else { return nil }
                state.lastDrawn = now
                state.drewBar = true
                return "\r\u{1B}[K" + ProgressLine.bar(done: done, total: total, elapsed: now)
            }
            guard ProgressLine.plainIsDue(done: done, total: total, lastDone: state.lastDone, sinceLast: now - state.lastDrawn)
            else { return nil }
            (state.lastDrawn, state.lastDone) = (now, done)
            return ProgressLine.plain(source: source, done: done, total: total, elapsed: now) + "\n"
        }
        if let line { write(line) }
    }

    static func describe(_ error: any Error) -> String {
        if let error = error as? RPCError { return "\(CommandFailure.statusName(error.code)): \(error.message)" }
        return "\(error)"
    }
}
