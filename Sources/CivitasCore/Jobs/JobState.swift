/// Where a job is in its life. `succeeded`, `discarded` and `cancelled` are final.
public enum JobState: String, CaseIterable, Sendable {
    /// Waiting for a worker (from `run_at` on).
    case available
    /// Held by a worker under a lease it renews by heartbeat.
    case running
    /// Finished: the handler returned.
    case succeeded
    /// An attempt failed; waiting for its backoff to pass before the next one.
    case retrying
    /// Every attempt failed; the errors of each are kept.
    case discarded
    /// Cancelled before it finished.
    case cancelled

    public var isFinished: Bool {
        switch self {
        case .succeeded, .discarded, .cancelled: true
        case .available, .running, .retrying: false
        }
    }

    /// States a worker may claim from (once `run_at` has passed).
    public static let claimable: [JobState] = [.available, .retrying]

    public init(parsing text: String) throws(CivitasError) {
        guard let state = JobState(rawValue: text) else {
            throw .invalidArgument("Job state \"\(text.prefix(40))\" is unknown; use one of \(Self.allCases.map(\.rawValue).joined(separator: ", ")).")
        }
        self = state
    }
}
