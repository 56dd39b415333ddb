import CivitasCore
import Metrics

/// The pool's metrics through swift-metrics, for whichever backend the server bootstraps
/// (the observability work exports them):
/// - `civitas_jobs` (gauge, dimension `state`): queue depth per state, all tenants;
/// - `civitas_job_duration` (timer, dimensions `kind`, `outcome`): how long attempts took;
/// - `civitas_job_retries_total` (counter, `kind`): failed attempts that will be retried;
/// - `civitas_jobs_finished_total` (counter, `kind`, `state`): succeeded, discarded, cancelled.
/// Tenants are not a dimension: their number is unbounded.
public struct JobMetrics: Sendable {
    private let factory: any MetricsFactory

    /// `factory` defaults to the process-wide one; tests pass their own.
    public init(factory: any MetricsFactory = MetricsSystem.factory) {
        self.factory = factory
    }

    func recordDepth(_ depth: [JobState: Int]) {
        for (state, count) in depth {
            Gauge(label: "civitas_jobs", dimensions: [("state", state.rawValue)], factory: factory).record(count)
        }
    }

    func recordAttempt(kind: String, outcome: String, nanoseconds: Int64) {
        Timer(label: "civitas_job_duration", dimensions: [("kind", kind), ("outcome", outcome)], factory: factory)
            .recordNanoseconds(nanoseconds)
    }

    func recordRetry(kind: String) {
        Counter(label: "civitas_job_retries_total", dimensions: [("kind", kind)], factory: factory).increment()
    }

    func recordFinished(kind: String, state: JobState) {
        Counter(label: "civitas_jobs_finished_total", dimensions: [("kind", kind), ("state", state.rawValue)], factory: factory).increment()
    }
}
