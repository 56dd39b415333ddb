import CivitasClient
import CivitasProtos
import GRPCCore

/// Sends a file's batches and survives a dropped connection: on UNAVAILABLE,
/// DEADLINE_EXCEEDED or a transport failure it reconnects with exponential backoff and
/// re-sends from the first batch not acknowledged, with the same keys (the server ignores
/// identical repeats). Every batch is booked once, from the reply that acknowledged it.
///
/// The transport is injected: `session` opens a connection and hands the body a `send`
/// function, so tests can fail a call mid-way without any network.
public struct UploadDriver: Sendable {
    /// The record ranges of the batches, in file order.
    public var batches: [Range<Int>]
    /// Batches per call: 1 for unary channels, more for one client stream.
    public var batchesPerCall: Int
    public var retry: ReconnectPolicy

    /// Sends batches `range` (indexes into `batches`) in one call; `sent(i)` after batch
    /// `range.lowerBound + i` left.
    public typealias Send = (_ range: Range<Int>, _ sent: @escaping @Sendable (Int) -> Void) async throws -> Civitas_V1_SubmitResponse
    /// Opens a connection, runs the body with a `Send` over it, closes the connection.
    public typealias Session = (_ body: (Send) async throws -> Void) async throws -> Void

    public init(batches: [Range<Int>], batchesPerCall: Int, retry: ReconnectPolicy = ReconnectPolicy()) {
        self.batches = batches
        self.batchesPerCall = max(1, batchesPerCall)
        self.retry = retry
    }

    /// Splits `sizes.count` records into batches of at most `size` records and `maxBytes`
    /// approximate bytes (a single larger record travels alone).
    public static func plan(sizes: [Int], size: Int, maxBytes: Int) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var start = 0
        var bytes = 0
        for (index, recordSize) in sizes.enumerated() {
            if index > start, index - start >= size || bytes + recordSize > maxBytes {
                ranges.append(start..<index)
                (start, bytes) = (index, 0)
            }
            bytes += recordSize
        }
        if start < sizes.count { ranges.append(start..<sizes.count) }
        return ranges
    }

    /// Runs the upload, booking into `tally`; `progress` hears about every acknowledgement
    /// and every batch handed to the transport. Throws the last error when it gives up, or
    /// at once for an error that retrying cannot fix (the tally holds what was booked).
    public func run(tally: inout UploadTally, progress: any UploadProgress, session: Session) async throws {
        var next = 0
        var failures = 0
        var resent: Set<Int> = []
        while next < batches.count {
            var inFlight: Range<Int>?
            do {
                try await session { send in
                    while next < batches.count {
                        let range = next..<min(next + batchesPerCall, batches.count)
                        inFlight = range
                        let ranges = Array(batches[range])
                        let reply = try await send(range) { offset in progress.sent(records: ranges[offset].count) }
                        tally.book(reply, first: range.lowerBound, ranges: ranges, resent: resent)
                        inFlight = nil
                        next = range.upperBound
                        failures = 0
                        progress.acknowledged(tally)
                    }
                }
            } catch {
                // Until one call has gone through, the server may simply not be there (wrong
                // address, not started): give up quickly rather than wait minutes.
                let limit = tally.acknowledgedBatches == 0 ? min(retry.maxRetries, retry.maxRetriesBeforeFirstSuccess) : retry.maxRetries
                guard Self.isRetryable(error), failures < limit, !Task.isCancelled else { throw error }
                failures += 1
                tally.retries += 1
                if let inFlight { resent.formUnion(inFlight) }
                let delay = retry.delay(afterFailure: failures)
                progress.retrying(after: error, attempt: failures, of: limit, delay: delay, tally: tally)
                try await retry.sleep(delay)
            }
        }
    }

    /// Errors a reconnect can fix: the server or network went away, or a call ran out of time.
    public static func isRetryable(_ error: any Error) -> Bool {
        if let error = error as? RPCError {
            return error.code == .unavailable || error.code == .deadlineExceeded
        }
        if error is CancellationError { return false }
        // Transport-level failures (connection refused or reset) that did not become an
        // RPCError; never the client's own errors (settings, files), which retrying cannot fix.
        return !(error is CSVError) && !(error is ClientError)
    }
}

/// How often and how long to wait before reconnecting.
public struct ReconnectPolicy: Sendable {
    public var maxRetries = 8
    /// Reconnects allowed before the first call of the upload succeeded.
    public var maxRetriesBeforeFirstSuccess = 2
    public var initialDelay: Duration = .milliseconds(500)
    public var maxDelay: Duration = .seconds(30)
    public var sleep: @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) }

    public init() {}

    /// 0.5 s, 1 s, 2 s, … capped at `maxDelay`.
    public func delay(afterFailure failure: Int) -> Duration {
        var delay = initialDelay
        for _ in 1..<max(1, failure) {
            delay = delay * 2
            if delay >= maxDelay { return maxDelay }
        }
        return min(delay, maxDelay)
    }
}

/// Hears how an upload goes (the terminal progress bar, or nothing in tests).
public protocol UploadProgress: Sendable {
    func sent(records: Int)
    func acknowledged(_ tally: UploadTally)
    func retrying(after error: any Error, attempt: Int, of limit: Int, delay: Duration, tally: UploadTally)
}
