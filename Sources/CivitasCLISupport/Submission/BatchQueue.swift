import Synchronization

/// Hands batches from the task reading the file to the task sending them, holding at most
/// `capacity`: the reader runs ahead of the sender by that many batches (so parsing
/// overlaps serialization and sending on another core), then waits. One producer, one
/// consumer.
final class BatchQueue<Element: Sendable>: Sendable {
    private struct State {
        var buffer: [Element] = []
        /// The consumer, waiting for an element or the end.
        var consumer: CheckedContinuation<Element?, any Error>?
        /// The producer, waiting for room.
        var producer: CheckedContinuation<Void, any Error>?
        /// Set when the producer is done (nil error: the end of the file).
        var end: (any Error)??
        /// Set when the consumer stopped taking.
        var closed = false
    }

    let capacity: Int
    private let state = Mutex(State())

    init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    /// Adds a batch, waiting while `capacity` batches wait; throws CancellationError once
    /// the consumer has stopped taking.
    func send(_ element: Element) async throws {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            let action = state.withLock { state -> (CheckedContinuation<Element?, any Error>?, Result<Void, any Error>?) in
                if state.closed { return (nil, .failure(CancellationError())) }
                if let consumer = state.consumer {
                    state.consumer = nil
                    return (consumer, .success(()))
                }
                state.buffer.append(element)
                if state.buffer.count < capacity { return (nil, .success(())) }
                state.producer = continuation
                return (nil, nil)
            }
            switch action {
            case (let consumer?, _):
                consumer.resume(returning: element)
                continuation.resume()
            case (nil, let result?): continuation.resume(with: result)
            case (nil, nil): break
            }
        }
    }

    /// The producer is done: after the waiting batches, `next()` returns nil (or throws `error`).
    func finish(throwing error: (any Error)? = nil) {
        let consumer = state.withLock { state -> CheckedContinuation<Element?, any Error>? in
            guard state.end == nil else { return nil }
            state.end = .some(error)
            defer { state.consumer = nil }
            return state.consumer
        }
        if let error { consumer?.resume(throwing: error) } else { consumer?.resume(returning: nil) }
    }

    /// The next batch, waiting for the producer; nil after the last one.
    func next() async throws -> Element? {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Element?, any Error>) in
            let action = state.withLock { state -> (Result<Element?, any Error>?, CheckedContinuation<Void, any Error>?) in
                if !state.buffer.isEmpty {
                    let element = state.buffer.removeFirst()
                    defer { state.producer = nil }
                    return (.success(element), state.producer)
                }
                if let end = state.end {
                    return (end.map { .failure($0) } ?? .success(nil), nil)
                }
                state.consumer = continuation
                return (nil, nil)
            }
            action.1?.resume()
            if let result = action.0 { continuation.resume(with: result) }
        }
    }

    /// The consumer stops taking: a waiting or later `send` throws, so the producer ends.
    func close() {
        let producer = state.withLock { state -> CheckedContinuation<Void, any Error>? in
            state.closed = true
            state.buffer.removeAll()
            defer { state.producer = nil }
            return state.producer
        }
        producer?.resume(throwing: CancellationError())
    }
}
