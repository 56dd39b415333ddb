import CivitasCore
import Foundation
import Synchronization

/// Runs the jobs of one kind. Register handlers in a ``JobHandlerRegistry``.
///
/// **Handlers must be idempotent.** A job may run more than once: its worker can die
/// after the handler's work but before the queue records success, and a job released at
/// shutdown starts over. Write results keyed by the job's id or its arguments (tenant,
/// period, scope), so that a second run replaces rather than adds.
public protocol JobHandler: Sendable {
    /// The `kind` of the jobs this handler runs (`probe`, `evaluation`, …).
    var kind: String { get }

    /// Runs one attempt. Return the reference of the result (where it lives in the
    /// tenant's file), or throw to fail the attempt; it is retried with backoff.
    func run(_ job: Job, context: JobContext) async throws -> JobResult
}

/// What a successful attempt leaves behind.
public struct JobResult: Sendable {
    /// Where the result lives (in the tenant's own file), e.g. `evaluation:2026-10`.
    public var reference: String

    public init(reference: String = "") { self.reference = reference }
}

/// Thrown by ``JobContext/checkCancellation()`` once the job should stop.
public struct JobCancelled: Error, CustomStringConvertible {
    public var description: String { "The job was asked to stop (cancelled, or the server is shutting down)." }
}

/// What a running handler may ask of the pool: report progress, and learn that it
/// should stop.
public final class JobContext: Sendable {
    public let job: Job
    let rowID: Int64
    let owner: String
    let queue: JobQueue
    private let cancellation = Mutex(false)

    init(job: Job, rowID: Int64, owner: String, queue: JobQueue) {
        self.job = job
        self.rowID = rowID
        self.owner = owner
        self.queue = queue
    }

    /// True once cancellation was requested through the API (the handler's task is
    /// cancelled too, so `Task.sleep` and other cancellable waits end early).
    public var isCancelled: Bool { cancellation.withLock { $0 } }

    public func checkCancellation() throws {
        if isCancelled || Task.isCancelled { throw JobCancelled() }
    }

    /// Records progress (0…1) and a short message that `civitas jobs watch` shows.
    public func reportProgress(_ fraction: Double, _ message: String = "") async throws {
        try await queue.reportProgress(rowID, owner: owner, progress: fraction, message: message)
    }

    func markCancelled() { cancellation.withLock { $0 = true } }
}

/// The job kinds a pool can run, by name.
public struct JobHandlerRegistry: Sendable {
    private var handlers: [String: any JobHandler] = [:]

    public init(_ handlers: [any JobHandler] = []) {
        for handler in handlers { register(handler) }
    }

    public mutating func register(_ handler: any JobHandler) {
        handlers[handler.kind] = handler
    }

    public func handler(for kind: String) -> (any JobHandler)? { handlers[kind] }

    public var kinds: [String] { handlers.keys.sorted() }

    /// The registry every server starts with: the built-in ``ProbeJob``.
    public static var builtIn: JobHandlerRegistry { JobHandlerRegistry([ProbeJob()]) }
}
