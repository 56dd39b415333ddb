// civitas-bench-queue: no-op `probe` jobs enqueued and completed per second through the
// real queue and worker pool, with one tenant and with 100 tenants sharing the pool.
// Run by ops/bench/queue; its last line is `ratio=R name=value …`.
import CivitasCore
import Foundation
import Logging
import Workers

struct Scenario {
    let name: String
    let tenants: Int
}

/// Enqueues `jobs` probes spread evenly over `tenants` (in batches of 200, one
/// transaction each, while the pool is already running) and returns jobs per second
/// from the first enqueue until the last one succeeded.
func measure(jobs: Int, tenants: Int, workers: Int, perTenantLimit: Int? = nil) async throws -> Double {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("civitas-bench-queue-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let queue = try JobQueue(path: directory.appendingPathComponent("jobs.sqlite").path, fsyncEveryCommit: false)
    let pool = WorkerPool(
        queue: queue, configuration: WorkerPoolConfiguration(workers: workers, perTenantLimit: perTenantLimit, pollInterval: 0.05),
        logger: Logger(label: "bench", factory: { _ in SwiftLogNoOpLogHandler() })
    )
    pool.start()
    let ids = try (0..<tenants).map { try TenantID("bench-\($0)") }
    let started = ContinuousClock.now
    let batch = 200
    for start in stride(from: 0, to: jobs, by: batch) {
        try await queue.enqueue(batch: (start..<min(start + batch, jobs)).map { NewJob(tenant: ids[$0 % tenants], kind: "probe") })
    }
    while try queue.depthByState()[.succeeded, default: 0] < jobs {
        try await Task.sleep(for: .milliseconds(5))
    }
    let elapsed = ContinuousClock.now - started
    await pool.shutdown(grace: .seconds(5))
    try queue.close()
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    return Double(jobs) / seconds
}

let arguments = CommandLine.arguments
let jobs = arguments.firstIndex(of: "--jobs").flatMap { Int(arguments[$0 + 1]) } ?? 10_000
let workers = ProcessInfo.processInfo.activeProcessorCount
let perTenantLimit = WorkerPoolConfiguration(workers: workers).perTenantLimit
print("civitas-bench-queue: \(jobs) no-op probe jobs per run, \(workers) workers (the core count), at most \(perTenantLimit) per tenant, synchronous=NORMAL")
_ = try await measure(jobs: 500, tenants: 1, workers: workers)  // warm-up: page cache, code paths
let one = try await measure(jobs: jobs, tenants: 1, workers: workers)
print("1 tenant:     \(Int(one.rounded())) jobs/s")
let hundred = try await measure(jobs: jobs, tenants: 100, workers: workers)
print("100 tenants:  \(Int(hundred.rounded())) jobs/s")
// For reference: one tenant allowed every worker (no per-tenant limit), to show what the
// limit itself costs a lone tenant.
let uncapped = try await measure(jobs: jobs, tenants: 1, workers: workers, perTenantLimit: workers)
print("1 tenant, no per-tenant limit: \(Int(uncapped.rounded())) jobs/s")
let ratio = hundred / one
print(String(
    format: "ratio=%.2f one_tenant_jobs_per_s=%.0f hundred_tenants_jobs_per_s=%.0f one_tenant_unlimited_jobs_per_s=%.0f jobs=%d workers=%d per_tenant_limit=%d",
    ratio, one, hundred, uncapped, jobs, workers, perTenantLimit
))
