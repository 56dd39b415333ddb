import CivitasCore
import Foundation

/// One job as the queue holds it.
public struct Job: Hashable, Sendable {
    public var id: String
    public var tenant: TenantID
    /// Names the ``JobHandler`` that runs it (`probe`, later `evaluation`, …).
    public var kind: String
    /// A JSON object of ids and periods; never tenant data.
    public var argumentsJSON: String
    public var priority: Int
    public var state: JobState
    /// Not claimed before this instant.
    public var runAt: Date
    /// Attempts made so far (counted when claimed; a graceful release gives one back).
    public var attempt: Int
    public var maxAttempts: Int
    /// 0…1, reported by the handler.
    public var progress: Double
    public var progressMessage: String
    /// Where the result lives (in the tenant's own file); empty until it succeeds.
    public var resultReference: String
    public var uniqueKey: String?
    /// The error of each failed attempt, oldest first.
    public var errors: [JobAttemptError]
    public var cancelRequested: Bool
    public var createdAt: Date
    public var finishedAt: Date?
}

/// Why one attempt failed.
public struct JobAttemptError: Hashable, Sendable {
    public var attempt: Int
    public var at: Date
    public var message: String

    public init(attempt: Int, at: Date, message: String) {
        self.attempt = attempt
        self.at = at
        self.message = message
    }
}

/// What a caller asks the queue to run.
public struct NewJob: Sendable {
    public var tenant: TenantID
    public var kind: String
    public var argumentsJSON: String
    public var priority: Int
    /// Nil: as soon as possible.
    public var runAt: Date?
    public var maxAttempts: Int
    /// While a job with this key is unfinished, enqueueing again returns that job.
    public var uniqueKey: String?

    public init(
        tenant: TenantID, kind: String, argumentsJSON: String = "{}", priority: Int = 0, runAt: Date? = nil,
        maxAttempts: Int = 5, uniqueKey: String? = nil
    ) {
        self.tenant = tenant
        self.kind = kind
        self.argumentsJSON = argumentsJSON
        self.priority = priority
        self.runAt = runAt
        self.maxAttempts = maxAttempts
        self.uniqueKey = uniqueKey
    }
}

/// Which jobs a listing returns: always one tenant's.
public struct JobQuery: Sendable {
    public var tenant: TenantID
    public var state: JobState?
    public var kind: String?
    /// Continue after this job id (paging).
    public var after: String?
    public var limit: Int

    public init(tenant: TenantID, state: JobState? = nil, kind: String? = nil, after: String? = nil, limit: Int = 100) {
        self.tenant = tenant
        self.state = state
        self.kind = kind
        self.after = after
        self.limit = limit
    }
}
