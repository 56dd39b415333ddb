import CivitasStorage
import Foundation

/// Everything `civitasd` can be told; the defaults are the embedded ones the README's
/// first command runs with.
public struct ServerConfiguration: Sendable {
    public enum Security: Sendable {
        /// Plaintext HTTP/2: only behind an explicit `--insecure`.
        case insecure
        /// TLS with the given certificate and key, or with development material made in
        /// `<data>/tls/` when both are nil. With `clientCA`, clients must present a
        /// certificate signed by it (mutual TLS).
        case tls(certificate: String?, key: String?, clientCA: String?)
    }

    public var dataDirectory: URL
    public var host = "127.0.0.1"
    public var port = 7443
    public var security = Security.tls(certificate: nil, key: nil, clientCA: nil)
    /// The largest request message accepted. Larger ones reset the stream (clients see
    /// UNAVAILABLE, a limitation of the transport), so batch sizes stay well below it.
    public var maximumMessageBytes = 16 << 20
    public var maximumConcurrentStreams = 256
    /// How many bytes a client may send on one call before the server has read them (the
    /// HTTP/2 flow-control window). The transport's 64 KiB default holds a third of one
    /// survey batch, so an upload stalled on window updates while the previous batch was
    /// being stored; 2 MiB lets the next batches travel meanwhile. It bounds, per call,
    /// what a client can make the server buffer.
    public var flowControlWindowBytes = 2 << 20
    public var maximumOpenTenants = 64
    /// Evidence documents up to this size are stored with their bytes; larger ones must
    /// be sent as metadata (name, SHA-256, size) only.
    public var maximumEvidenceBytes = 8 << 20
    public var durability = Durability.powerLoss
    /// Background jobs: workers, leases, shutdown grace (see ``JobsConfiguration``).
    public var jobs = JobsConfiguration()
    /// The clock every expiry and timestamp uses; tests inject their own.
    public var now: @Sendable () -> Date = { Date() }

    public init(dataDirectory: URL) {
        self.dataDirectory = dataDirectory
    }

    public var catalogPath: String { dataDirectory.appendingPathComponent("catalog.sqlite").path }
    public var tenantsDirectory: URL { dataDirectory.appendingPathComponent("tenants") }
    public var tlsDirectory: URL { dataDirectory.appendingPathComponent("tls") }
    public var operatorTokenPath: String { dataDirectory.appendingPathComponent("operator.token").path }
    /// The job queue and schedules of every tenant (see `JobQueue` for why one file).
    public var jobsPath: String { dataDirectory.appendingPathComponent("jobs.sqlite").path }
    var scratchDirectory: URL { dataDirectory.appendingPathComponent("tmp") }
}
