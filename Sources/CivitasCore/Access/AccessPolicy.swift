/// Who may do what (DOMAIN §2), decided from the principal alone, before any data is
/// touched. Every handler calls exactly one of these checks first.
public enum AccessPolicy {
    /// Platform operations (tenants, credentials, backups) are for operators only.
    public static func requireOperator(_ principal: Principal, toDo what: String) throws(CivitasError) {
        guard principal.role == .operator else {
            throw .permissionDenied(
                "Only an operator credential may \(what); credential \(principal.credentialID) has role \(principal.role.rawValue)."
            )
        }
    }

    /// Resolves the tenant a request names (empty: the credential's own) and checks that
    /// the principal may perform `action` there. Returns the part of the tenant's data the
    /// principal may see.
    public static func authorize(
        _ principal: Principal,
        _ action: TenantAction,
        requestedTenant requested: String
    ) throws(CivitasError) -> (tenant: TenantID, block: BlockFilter) {
        guard let own = principal.tenant, principal.role != .operator else {
            throw .permissionDenied(
                "Operator credential \(principal.credentialID) cannot read or change tenant data; "
                    + "use a credential issued for the tenant."
            )
        }
        if !requested.isEmpty, requested != own.rawValue {
            // Say which tenant the credential belongs to, never anything about the other one.
            throw .permissionDenied(
                "Credential \(principal.credentialID) belongs to tenant \(own) and cannot reach another tenant's data."
            )
        }
        guard action.allowedRoles.contains(principal.role) else {
            let allowed = action.allowedRoles.sorted().map(\.rawValue).joined(separator: ", ")
            throw .permissionDenied(
                "Role \(principal.role.rawValue) may not \(action.summary); allowed roles: \(allowed)."
            )
        }
        return (own, BlockFilter(for: principal))
    }
}

/// What a tenant-scoped call does, and which roles may do it.
public enum TenantAction: Sendable, CaseIterable {
    case readIdentity
    case readOrganization
    case writeOrganization

    public var allowedRoles: Set<Role> {
        switch self {
        case .readIdentity, .readOrganization: [.hq, .subcommand, .unit, .inspector, .reader]
        case .writeOrganization: [.hq]
        }
    }

    public var summary: String {
        switch self {
        case .readIdentity: "read its own identity"
        case .readOrganization: "read the organization"
        case .writeOrganization: "change the organization"
        }
    }
}

/// The part of a tenant's data a principal sees ("blocks first", 以块为主).
public enum BlockFilter: Hashable, Sendable {
    /// The whole city: HQ, and unscoped readers and inspectors.
    case everything
    /// One sub-command's block.
    case subcommand(String)
    /// A unit's own view: its sub-command's block, or only itself when it belongs to
    /// one of HQ's lines of work.
    case unit(String)

    public init(for principal: Principal) {
        switch (principal.role.scopeKind, principal.scope) {
        case (.subcommand?, let scope?): self = .subcommand(scope)
        case (.unit?, let scope?): self = .unit(scope)
        default: self = .everything
        }
    }
}
