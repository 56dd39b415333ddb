import CivitasCore
import Synchronization

/// What evaluations keep in memory for one open tenant file. It lives in the file's
/// ``TenantDatabaseState``, so a closed or restored file starts with none of it.
final class EvaluationState: Sendable {
    /// How many periods' ``EvaluationData`` stay in memory. A month of a large city is
    /// tens of megabytes; the usual pattern is the current month (re-evaluated as late
    /// data lands) and the previous one (monthly dispatch).
    static let dataCapacity = 3

    private struct Cached {
        /// Parsed published frameworks: a version never changes, so nothing invalidates them.
        var frameworks: [FrameworkKey: PublishedFramework] = [:]
        /// Most recently used last.
        var data: [(key: DataKey, data: EvaluationData)] = []
        /// Nil until loaded; empty when the tenant has no results (the ingest hook's fast path).
        var latest: [ResultKey: LatestResult]?
        /// Bumped by every stored result, so that an index loaded before a store is not
        /// cached after it.
        var generation: UInt64 = 0
    }

    struct FrameworkKey: Hashable {
        var code: String
        var version: Int
    }

    struct DataKey: Hashable {
        var framework: String
        var version: Int
        var period: String
    }

    private let cached = Mutex(Cached())

    func framework(_ code: String, version: Int) -> PublishedFramework? {
        cached.withLock { $0.frameworks[FrameworkKey(code: code, version: version)] }
    }

    func remember(_ framework: PublishedFramework) {
        cached.withLock { $0.frameworks[FrameworkKey(code: framework.framework.code, version: framework.version)] = framework }
    }

    /// Takes the cached data for `key` out of the cache (``remember(_:for:)`` puts it back).
    /// Taking rather than copying leaves the caller the only reference, so folding new rows
    /// into it mutates in place instead of copying every table first (≈7 ms for a 1M-row
    /// period). A concurrent evaluation of the same key meanwhile reads from scratch.
    func take(_ key: DataKey) -> EvaluationData? {
        cached.withLock { state in
            guard let index = state.data.firstIndex(where: { $0.key == key }) else { return nil }
            return state.data.remove(at: index).data
        }
    }

    /// Keeps `data` unless a copy that went further (a concurrent evaluation) is there.
    func remember(_ data: EvaluationData, for key: DataKey) {
        cached.withLock { state in
            if let index = state.data.firstIndex(where: { $0.key == key }) {
                let existing = state.data.remove(at: index)
                state.data.append(existing.data.cutoff > data.cutoff ? existing : (key, data))
            } else {
                state.data.append((key, data))
            }
            if state.data.count > Self.dataCapacity { state.data.removeFirst(state.data.count - Self.dataCapacity) }
        }
    }

    var latest: (index: [ResultKey: LatestResult]?, generation: UInt64) {
        cached.withLock { ($0.latest, $0.generation) }
    }

    func remember(latest index: [ResultKey: LatestResult], loadedAt generation: UInt64) {
        cached.withLock { if $0.generation == generation { $0.latest = index } }
    }

    /// A result was stored: it becomes the latest of its key when it saw at least as much.
    func stored(_ result: LatestResult, for key: ResultKey) {
        cached.withLock { state in
            state.generation += 1
            guard state.latest != nil else { return }
            if let current = state.latest?[key], current.cutoff > result.cutoff { return }
            state.latest?[key] = result
        }
    }
}

/// Which results supersede each other: one framework, period and scope.
struct ResultKey: Hashable, Sendable {
    var framework: String
    var period: String
    var scope: String
}

/// What the re-evaluation check needs of the latest result of a ``ResultKey``.
struct LatestResult: Hashable, Sendable {
    var frameworkVersion: Int
    var cutoff: Int64
    var firstDay: String
    var lastDay: String
}
