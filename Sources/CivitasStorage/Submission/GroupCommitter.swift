import CivitasCore
internal import GRDB
import Synchronization

/// Lets concurrent writes to one tenant share a commit. Each write is a closure run in a
/// savepoint of its own inside one transaction with whatever else is waiting; the
/// transaction commits (with the fsync `synchronous` asks for) before any of them is told
/// it succeeded, so nothing is acknowledged before it is durable, and a hundred small
/// submissions cost about one commit instead of a hundred.
final class GroupCommitter: Sendable {
    /// Runs inside the shared transaction. Returns whether to keep its changes (false:
    /// roll back its savepoint, e.g. a refused batch or a dry run). Throwing rolls back too.
    typealias Work = @Sendable (Database) throws -> Bool

    private struct Waiter: Sendable {
        var work: Work
        var continuation: CheckedContinuation<Void, any Error>
    }

    private struct State {
        var queue: [Waiter] = []
        var draining = false
    }

    private let pool: DatabasePool
    private let state = Mutex(State())

    init(pool: DatabasePool) {
        self.pool = pool
    }

    /// Runs `work` in the next shared transaction and returns once that committed.
    func perform(_ work: @escaping Work) async throws {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            let leads = state.withLock { state -> Bool in
                state.queue.append(Waiter(work: work, continuation: continuation))
                if state.draining { return false }
                state.draining = true
                return true
            }
            if leads { Task { await self.drain() } }
        }
    }

    /// Writes what is queued, one transaction per round, until the queue is empty.
    private func drain() async {
        while true {
            let waiters = state.withLock { state -> [Waiter] in
                let taken = state.queue
                state.queue.removeAll(keepingCapacity: true)
                if taken.isEmpty { state.draining = false }
                return taken
            }
            guard !waiters.isEmpty else { return }
            do {
                let works = waiters.map(\.work)
                let outcomes = try await pool.write { db in
                    works.map { work -> (any Error)? in
                        do {
                            try db.inSavepoint { try work(db) ? .commit : .rollback }
                            return nil
                        } catch {
                            return error
                        }
                    }
                }
                for (waiter, failure) in zip(waiters, outcomes) {
                    if let failure { waiter.continuation.resume(throwing: failure) } else { waiter.continuation.resume() }
                }
            } catch {
                // The commit itself failed: none of this round is durable.
                for waiter in waiters { waiter.continuation.resume(throwing: error) }
            }
        }
    }
}
