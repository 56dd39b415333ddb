/// The job state machine as pure decisions: the queue (Workers) reads a job, asks here
/// what happens next, and writes the answer in the same transaction.
public enum JobLifecycle {
    /// What follows a failed attempt.
    public enum AfterFailure: Equatable, Sendable {
        /// Retry once `delay` seconds have passed.
        case retry(after: Double)
        /// No attempts left: keep the job, with every attempt's error, as `discarded`.
        case discard
    }

    /// Attempt `attempt` (1-based, already counted when the job was claimed) failed.
    public static func afterFailure(attempt: Int, maxAttempts: Int, policy: RetryPolicy, random: Double) -> AfterFailure {
        attempt >= maxAttempts ? .discard : .retry(after: policy.delay(afterAttempt: attempt, random: random))
    }

    /// What a cancel request does in each state.
    public enum Cancellation: Equatable, Sendable {
        /// Not running: becomes `cancelled` at once.
        case cancelNow
        /// Running: the worker is told through its heartbeat; the handler stops at its
        /// next cancellation check and the job becomes `cancelled` then.
        case askWorker
        /// Already finished: refused with this sentence.
        case refuse(String)
    }

    public static func cancel(_ state: JobState) -> Cancellation {
        switch state {
        case .available, .retrying: .cancelNow
        case .running: .askWorker
        case .succeeded, .discarded, .cancelled: .refuse("The job has already finished (\(state.rawValue)); there is nothing to cancel.")
        }
    }

    /// A worker's lease ran out (it stopped renewing it: it died, or hung). The attempt
    /// it was making counts as failed — with a message saying so — and the job is claimable
    /// again at once, unless that was its last attempt.
    public static func afterLeaseExpiry(attempt: Int, maxAttempts: Int) -> AfterFailure {
        attempt >= maxAttempts ? .discard : .retry(after: 0)
    }

    public static func leaseExpiryMessage(attempt: Int) -> String {
        "Attempt \(attempt) stopped: its worker's lease expired without being renewed (the worker died or hung)."
    }

    /// On graceful shutdown a running job that outlived the grace period goes back to
    /// `available` and its attempt is not counted: the server stopped it, not the job.
    public static func attemptsAfterRelease(attempt: Int) -> Int { max(attempt - 1, 0) }
}
