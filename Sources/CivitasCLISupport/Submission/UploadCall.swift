import Synchronization

/// The batches of one call, as the transport writes them: first those of a failed call
/// being re-sent (same batches, same keys), then new ones pulled from the file as the
/// call goes — so a client stream starts before its last batch is even read — up to
/// `limit` batches per call. It keeps every batch it handed out until the driver books
/// the reply (or re-sends them after a failure).
public final class UploadCall<Record: Sendable>: Sendable {
    private struct State {
        var batches: [UploadBatch<Record>]
        var handedOut = 0
        /// Why pulling from the file failed (the call's failure is then not the network's).
        var sourceError: (any Error)?
    }

    let limit: Int
    private let source: UploadDriver<Record>.Source
    private let progress: any UploadProgress
    private let state: Mutex<State>

    init(resending batches: [UploadBatch<Record>], limit: Int, source: @escaping UploadDriver<Record>.Source, progress: any UploadProgress) {
        self.limit = limit
        self.source = source
        self.progress = progress
        state = Mutex(State(batches: batches))
    }

    /// The next batch to write, or nil when the call has its share or the file is done.
    public func next() async throws -> UploadBatch<Record>? {
        let step = state.withLock { state -> Step in
            if state.handedOut < state.batches.count {
                state.handedOut += 1
                return .batch(state.batches[state.handedOut - 1])
            }
            return state.batches.count < limit ? .pull : .done
        }
        switch step {
        case .batch(let batch): return batch
        case .done: return nil
        case .pull:
            let batch: UploadBatch<Record>?
            do {
                batch = try await source()
            } catch {
                state.withLock { $0.sourceError = error }
                throw error
            }
            guard let batch else { return nil }
            state.withLock { state in
                state.batches.append(batch)
                state.handedOut += 1
            }
            return batch
        }
    }

    /// The transport has taken `batch` (progress).
    public func sent(_ batch: UploadBatch<Record>) {
        progress.sent(records: batch.records.count, through: batch.end)
    }

    private enum Step {
        case batch(UploadBatch<Record>)
        case pull
        case done
    }

    /// Every batch this call handed out or holds for re-sending, in order.
    var batches: [UploadBatch<Record>] { state.withLock { $0.batches } }

    var sourceError: (any Error)? { state.withLock { $0.sourceError } }
}
