/// One upload of a file once its header has been read: a reader task parses rows into
/// batches and runs ahead of the sender by at most `lookAhead` batches (so parsing
/// overlaps serialization and sending on another core); the ``UploadDriver`` sends them
/// with its retries. What is held is bounded by the call in flight plus the look-ahead,
/// not by the file: rows the client or the server refused are kept only as where they
/// are and why. The transport is injected, so tests run it without a network.
struct UploadRun<Record: SubmissionRecord> {
    var batchesPerCall: Int
    var retry: ReconnectPolicy
    var lookAhead = 4
    /// Hears the number of each batch the reader completes (tests count what is held).
    var batchRead: @Sendable (Int) -> Void = { _ in }

    /// Client problems printed as they are found; the server's are printed after the
    /// summary while the total stays under it.
    static var problemsShown: Int { 20 }

    struct Outcome {
        var tally: UploadTally
        /// Rows the client could not read (each also in `refused`).
        var clientProblems: Int
        /// Every refused record, for the refused-rows file.
        var refused: [RefusedRows.Row]
        /// The server's first refusals, for stderr.
        var serverProblems: [SubmissionProblem]
        /// Why the upload stopped early (the tally holds what was booked).
        var failure: (any Error)?
    }

    /// What the reader task found in the whole file.
    struct ReadResult: Sendable {
        var records = 0
        var batches = 0
        var problems = 0
        var refused: [RefusedRows.Row] = []
    }

    func run(
        _ reader: SubmissionReader<Record>, progress: any UploadProgress, session: UploadDriver<Record>.Session
    ) async -> Outcome {
        let (text, format) = (reader.text, reader.format)
        let queue = BatchQueue<UploadBatch<Record>>(capacity: lookAhead)
        async let read = Self.read(reader, into: queue, progress: progress, batchRead: batchRead)
        var tally = UploadTally()
        var server = ServerRefusals(shown: Self.problemsShown)
        var failure: (any Error)?
        do {
            try await UploadDriver<Record>(batchesPerCall: batchesPerCall, retry: retry).run(
                from: { try await queue.next() }, tally: &tally, progress: progress,
                settled: { batch, refusals in
                    if let refusals { server.book(refusals, of: batch, text: text, format: format) }
                },
                session: session
            )
        } catch {
            failure = error
            // The summary still counts the whole file: read the rest without sending it
            // (unless the upload was cancelled, or reading itself failed).
            if Task.isCancelled { queue.close() } else { while (try? await queue.next()) != nil {} }
        }
        var outcome = Outcome(tally: tally, clientProblems: 0, refused: server.refused, serverProblems: server.problems)
        do {
            let result = try await read
            outcome.tally.records = result.records
            outcome.tally.batches = result.batches
            outcome.clientProblems = result.problems
            outcome.refused = result.refused + server.refused
        } catch {
            failure = failure ?? error
        }
        outcome.failure = failure
        return outcome
    }

    /// The reader task: parses the file into `queue`, printing the first problems and
    /// every note as found.
    private static func read(
        _ reader: SubmissionReader<Record>, into queue: BatchQueue<UploadBatch<Record>>, progress: any UploadProgress,
        batchRead: @Sendable (Int) -> Void
    ) async throws -> ReadResult {
        var reader = reader
        var result = ReadResult()
        do {
            while !reader.ended {
                try Task.checkCancellation()
                try reader.advance()
                for note in reader.batches.notes { progress.print(note) }
                for refusal in reader.batches.refusals {
                    if result.problems < problemsShown { progress.print("error: \(refusal.problem)") }
                    result.problems += 1
                    result.refused.append(RefusedRows.Row(origin: refusal.origin, cell: refusal.problem.cell))
                }
                let sealed = reader.batches.sealed
                (reader.batches.notes, reader.batches.refusals, reader.batches.sealed) = ([], [], [])
                for batch in sealed {
                    batchRead(batch.number)
                    try await queue.send(batch)
                }
            }
        } catch {
            queue.finish(throwing: error)
            throw error
        }
        queue.finish()
        (result.records, result.batches) = (reader.batches.recordCount, reader.batches.batchCount)
        return result
    }
}

/// The records of refused batches, for the refused-rows file: those the server named, with
/// its reasons, and their batchmates (a refused batch stores nothing).
struct ServerRefusals {
    var refused: [RefusedRows.Row] = []
    /// The first `shown` ones, with their lines, for stderr.
    var problems: [SubmissionProblem] = []
    let shown: Int

    static var batchmateReason: String { "not stored: another record of its batch was refused" }

    mutating func book<Record>(
        _ refusals: [UploadTally.Refusal], of batch: UploadBatch<Record>, text: SubmissionText, format: SubmissionFormat
    ) {
        guard batch.origins.count == batch.records.count else { return }
        var named: Set<Int> = []
        for refusal in refusals where batch.items.contains(refusal.item) {
            named.insert(refusal.item)
            let origin = batch.origins[refusal.item - batch.first]
            let problem = SubmissionProblem(source: text.source, lines: [], field: refusal.field, reason: refusal.reason)
            refused.append(RefusedRows.Row(origin: origin, cell: problem.cell))
            if problems.count < shown {
                problems.append(
                    SubmissionProblem(
                        source: text.source, lines: text.lines(of: origin, format: format), field: refusal.field, reason: refusal.reason
                    )
                )
            }
        }
        for item in batch.items where !named.contains(item) {
            refused.append(RefusedRows.Row(origin: batch.origins[item - batch.first], cell: Self.batchmateReason))
        }
    }
}
