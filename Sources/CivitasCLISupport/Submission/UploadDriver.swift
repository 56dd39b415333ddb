import CivitasClient
import CivitasProtos
import GRPCCore

/// Sends a file's batches as they are read, and survives a dropped connection: on
/// UNAVAILABLE, DEADLINE_EXCEEDED or a transport failure it reconnects with exponential
/// backoff and re-sends from the first batch not acknowledged, with the same keys (the
/// server ignores identical repeats). Every batch is booked once, from the reply that
/// acknowledged it.
///
/// It holds only the batches of the call in flight — at most `batchesPerCall`, kept until
/// the reply acknowledges them, for re-sending — and pulls the next ones from `source` as
/// the call writes them. The transport is injected: `session` opens a connection and
/// hands the body a `send` function, so tests can fail a call mid-way without any network.
public struct UploadDriver<Record: Sendable>: Sendable {
    /// Batches per call: 1 for unary channels, more for one client stream.
    public var batchesPerCall: Int
    public var retry: ReconnectPolicy

    /// The file's batches in order; nil after the last.
    public typealias Source = @Sendable () async throws -> UploadBatch<Record>?
    /// Sends the batches `call` hands out, in one call, and returns the server's reply.
    public typealias Send = (_ call: UploadCall<Record>) async throws -> Civitas_V1_SubmitResponse
    /// Opens a connection, runs the body with a `Send` over it, closes the connection.
    public typealias Session = (_ body: (Send) async throws -> Void) async throws -> Void
    /// Hears about every batch once acknowledged, with the server's refusals of its
    /// records (nil when the batch was not refused), in file order.
    public typealias Settled = (_ batch: UploadBatch<Record>, _ refusals: [UploadTally.Refusal]?) -> Void

    public init(batchesPerCall: Int, retry: ReconnectPolicy = ReconnectPolicy()) {
        self.batchesPerCall = max(1, batchesPerCall)
        self.retry = retry
    }

    /// Runs the upload, booking into `tally`; `progress` hears about every acknowledgement
    /// and every batch handed to the transport. Throws the last error when it gives up, or
    /// at once for an error that retrying cannot fix (the tally holds what was booked).
    /// Opens no connection when `source` has no batch at all.
    public func run(
        from source: @escaping Source, tally: inout UploadTally, progress: any UploadProgress,
        settled: Settled = { _, _ in }, session: Session
    ) async throws {
        try await withoutActuallyEscaping(settled) { settled in
            try await send(from: source, tally: &tally, progress: progress, settled: settled, session: session)
        }
    }

    private func send(
        from source: @escaping Source, tally: inout UploadTally, progress: any UploadProgress,
        settled: @escaping Settled, session: Session
    ) async throws {
        // Batches pulled but not acknowledged: re-sent first by the next call.
        var pending: [UploadBatch<Record>] = []
        if let first = try await source() { pending = [first] }
        // A failure to read the file is never the network's: it ends the upload at once.
        var sourceFailure: (any Error)?
        func pull() async throws -> UploadBatch<Record>? {
            do { return try await source() } catch {
                sourceFailure = error
                throw error
            }
        }
        var failures = 0
        var resent: Set<Int> = []
        while !pending.isEmpty {
            var call: UploadCall<Record>?
            do {
                try await session { send in
                    while !pending.isEmpty {
                        let current = UploadCall(resending: pending, limit: batchesPerCall, source: source, progress: progress)
                        call = current
                        let reply = try await send(current)
                        let batches = current.batches
                        book(reply, batches, resent: resent, tally: &tally, settled: settled)
                        (call, pending, failures) = (nil, [], 0)
                        progress.acknowledged(tally, through: batches.last?.end ?? 0)
                        if let next = try await pull() { pending = [next] }
                    }
                }
            } catch {
                if let failure = sourceFailure ?? call?.sourceError { throw failure }
                if let call { pending = call.batches }
                // Until one call has gone through, the server may simply not be there (wrong
                // address, not started): give up quickly rather than wait minutes.
                let limit = tally.acknowledgedBatches == 0 ? min(retry.maxRetries, retry.maxRetriesBeforeFirstSuccess) : retry.maxRetries
                guard Self.isRetryable(error), failures < limit, !Task.isCancelled else { throw error }
                failures += 1
                tally.retries += 1
                resent.formUnion(pending.map(\.number))
                let delay = retry.delay(afterFailure: failures)
                progress.retrying(after: error, attempt: failures, of: limit, delay: delay, tally: tally)
                try await retry.sleep(delay)
            }
        }
    }

    /// Books a call's reply and tells `settled` about each of its batches.
    private func book(
        _ reply: Civitas_V1_SubmitResponse, _ batches: [UploadBatch<Record>], resent: Set<Int>, tally: inout UploadTally,
        settled: Settled
    ) {
        guard let first = batches.first else { return }
        let (refusalsBefore, refusedBefore) = (tally.refusals.count, tally.refusedBatches.count)
        tally.book(reply, first: first.number, ranges: batches.map(\.items), resent: resent)
        let refused = Set(tally.refusedBatches[refusedBefore...])
        let refusals = tally.refusals[refusalsBefore...]
        for batch in batches {
            settled(batch, refused.contains(batch.number) ? refusals.filter { batch.items.contains($0.item) } : nil)
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

    /// Splits `sizes.count` records into batches of at most `size` records and `maxBytes`
    /// approximate bytes (a single larger record travels alone), as the reader does while
    /// it reads.
    public static func plan(sizes: [Int], size: Int, maxBytes: Int) -> [Range<Int>] {
        var plan = BatchPlan(size: size, maxBytes: maxBytes)
        var ranges: [Range<Int>] = []
        var start = 0
        for (index, recordSize) in sizes.enumerated() where plan.startsBatch(size: recordSize) {
            ranges.append(start..<index)
            start = index
        }
        if start < sizes.count { ranges.append(start..<sizes.count) }
        return ranges
    }
}

/// Hears how an upload goes (the terminal progress bar, or nothing in tests).
public protocol UploadProgress: Sendable {
    /// A batch of `records` was handed to the transport; the file is read through byte `offset`.
    func sent(records: Int, through offset: Int)
    /// A reply acknowledged batches through byte `offset` of the file.
    func acknowledged(_ tally: UploadTally, through offset: Int)
    func retrying(after error: any Error, attempt: Int, of limit: Int, delay: Duration, tally: UploadTally)
    /// A line for stderr (a problem or a note found while reading), above any progress bar.
    func print(_ line: String)
}
