import Foundation
import GRPCCore
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Upload progress on stderr: on a terminal, one bar redrawn in place (at most ten times a
/// second); otherwise plain lines every 10% or every 5 seconds. How far the upload is
/// comes from the bytes of the file read through the last batch sent (see ``ProgressLine``).
public final class TerminalProgress: UploadProgress {
    struct State {
        var acknowledged = 0
        var acknowledgedThrough = 0
        var inFlight = 0
        var sentThrough = 0
        var lastDrawn = 0.0
        var lastRows = 0
        var lastFraction = 0.0
        var drewBar = false
        var complete = false
    }

    let source: String
    /// The file's size in bytes.
    let bytes: Int
    let interactive: Bool
    let start = ContinuousClock.now
    let write: @Sendable (String) -> Void
    private let state = Mutex(State())

    public init(
        source: String, bytes: Int, interactive: Bool = isatty(STDERR_FILENO) == 1,
        write: @escaping @Sendable (String) -> Void = { FileHandle.standardError.write(Data($0.utf8)) }
    ) {
        self.source = source
        self.bytes = bytes
        self.interactive = interactive
        self.write = write
    }

    var elapsed: Double {
        let duration = ContinuousClock.now - start
        return Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    public func sent(records: Int, through offset: Int) {
        update { state in
            state.inFlight += records
            state.sentThrough = max(state.sentThrough, offset)
        }
    }

    public func acknowledged(_ tally: UploadTally, through offset: Int) {
        update { state in
            state.acknowledged = tally.acknowledged
            state.acknowledgedThrough = max(state.acknowledgedThrough, offset)
            state.sentThrough = state.acknowledgedThrough
            state.inFlight = 0
        }
    }

    public func retrying(after error: any Error, attempt: Int, of limit: Int, delay: Duration, tally: UploadTally) {
        let prefix = state.withLock { state -> String in
            state.inFlight = 0
            state.sentThrough = state.acknowledgedThrough
            defer { state.drewBar = false }
            return state.drewBar ? "\r\u{1B}[K" : ""
        }
        let seconds = Double(delay.components.seconds) + Double(delay.components.attoseconds) / 1e18
        write(
            prefix + "\(source): connection lost (\(Self.describe(error))); reconnecting in \(String(format: "%.1f", seconds)) s "
                + "(attempt \(attempt) of \(limit)); \(ProgressLine.grouped(tally.acknowledged)) rows acknowledged so far, "
                + "the rest is re-sent with the same keys\n"
        )
    }

    /// Writes `line` above the bar (which is drawn again below it).
    public func print(_ line: String) {
        let now = elapsed
        let text = state.withLock { state -> String in
            guard state.drewBar else { return line + "\n" }
            return "\r\u{1B}[K" + line + "\n" + bar(state, now)
        }
        write(text)
    }

    /// Ends the bar's line (before the summary is printed); `complete` when the whole file
    /// was read and acknowledged.
    public func finish(complete: Bool) {
        let now = elapsed
        let line = state.withLock { state -> String? in
            state.complete = complete
            if interactive {
                state.drewBar = false
                return "\r\u{1B}[K" + bar(state, now) + "\n"
            }
            // A last line unless the last one said it all already.
            let (rows, fraction) = (state.acknowledged + state.inFlight, fraction(state))
            guard rows > 0, rows != state.lastRows || fraction != state.lastFraction else { return nil }
            return ProgressLine.plain(source: source, rows: rows, fraction: fraction, elapsed: now) + "\n"
        }
        if let line { write(line) }
    }

    private func fraction(_ state: State) -> Double {
        if state.complete || bytes == 0 { return 1 }
        return Double(max(state.acknowledgedThrough, state.sentThrough)) / Double(bytes)
    }

    private func bar(_ state: State, _ now: Double) -> String {
        ProgressLine.bar(rows: state.acknowledged + state.inFlight, fraction: fraction(state), elapsed: now)
    }

    private func update(_ change: (inout State) -> Void) {
        let now = elapsed
        let line = state.withLock { state -> String? in
            change(&state)
            let (rows, fraction) = (state.acknowledged + state.inFlight, fraction(state))
            if interactive {
                guard now - state.lastDrawn >= 0.1 || fraction >= 1 else { return nil }
                state.lastDrawn = now
                state.drewBar = true
                return "\r\u{1B}[K" + bar(state, now)
            }
            guard ProgressLine.plainIsDue(
                rows: rows, lastRows: state.lastRows, fraction: fraction, lastFraction: state.lastFraction,
                sinceLast: now - state.lastDrawn
            )
            else { return nil }
            (state.lastDrawn, state.lastRows, state.lastFraction) = (now, rows, fraction)
            return ProgressLine.plain(source: source, rows: rows, fraction: fraction, elapsed: now) + "\n"
        }
        if let line { write(line) }
    }

    static func describe(_ error: any Error) -> String {
        if let error = error as? RPCError { return "\(CommandFailure.statusName(error.code)): \(error.message)" }
        return "\(error)"
    }
}
