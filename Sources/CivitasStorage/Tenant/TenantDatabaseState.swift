import CivitasCore
import Synchronization

/// In-memory state that lives as long as a tenant's file is open: what submissions
/// validate against (codes, organization), cached because every batch needs them and
/// they change rarely; dropped whenever a write changes them. A restored file gets a
/// fresh state, because the registry opens it anew.
final class TenantDatabaseState: Sendable {
    private struct Cached {
        var codes: CodeRegistry?
        var organization: OrganizationSnapshot?
        /// Bumped by every change, so that a value loaded before a change is never cached
        /// after it (a reader may finish loading after the writer has forgotten).
        var generation: UInt64 = 0
    }

    private let cached = Mutex(Cached())
    let committer: GroupCommitter
    /// Frameworks, evaluation data and the latest results (Storage/Evaluation).
    let evaluation = EvaluationState()

    init(committer: GroupCommitter) {
        self.committer = committer
    }

    var codes: (value: CodeRegistry?, generation: UInt64) { cached.withLock { ($0.codes, $0.generation) } }
    var organization: (value: OrganizationSnapshot?, generation: UInt64) { cached.withLock { ($0.organization, $0.generation) } }

    func remember(codes: CodeRegistry, loadedAt generation: UInt64) {
        cached.withLock { if $0.generation == generation { $0.codes = codes } }
    }

    func remember(organization: OrganizationSnapshot, loadedAt generation: UInt64) {
        cached.withLock { if $0.generation == generation { $0.organization = organization } }
    }

    func forgetCodes() { cached.withLock { $0.codes = nil; $0.generation += 1 } }
    func forgetOrganization() { cached.withLock { $0.organization = nil; $0.generation += 1 } }
}
