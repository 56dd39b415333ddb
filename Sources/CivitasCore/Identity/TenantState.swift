/// The life cycle of a tenant: active ⇄ suspended → archived (final).
public enum TenantState: String, CaseIterable, Sendable {
    case active
    case suspended
    case archived

    public init(parsing text: String) throws(CivitasError) {
        guard let state = TenantState(rawValue: text) else {
            throw .invalidArgument("Tenant state \"\(text)\" is unknown; use active, suspended or archived.")
        }
        self = state
    }

    /// Checks a requested move; archiving is final so that an archived tenant's
    /// credentials can never come back to life by accident.
    public func transition(to next: TenantState, tenant: TenantID) throws(CivitasError) {
        switch (self, next) {
        case (.archived, _):
            throw .failedPrecondition("Tenant \(tenant) is archived; an archived tenant cannot change state.")
        case (.active, .active), (.suspended, .suspended):
            throw .failedPrecondition("Tenant \(tenant) is already \(rawValue).")
        default:
            return
        }
    }
}
