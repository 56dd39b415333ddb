/// What a credential is for (DOMAIN §2).
public enum Role: String, CaseIterable, Sendable, Comparable {
    /// Platform operations: tenants and credentials, never tenant data.
    case `operator`
    /// A city's general headquarters (总指挥部): sees and manages everything of its tenant.
    case hq
    /// A sub-command (分指挥部): its own block.
    case subcommand
    /// A responsible work unit (责任单位): submits material reports.
    case unit
    /// Submits field inspections and cross-check findings.
    case inspector
    /// Read-only, e.g. the city leadership's dashboard.
    case reader

    public init(parsing text: String) throws(CivitasError) {
        guard let role = Role(rawValue: text) else {
            let known = Role.allCases.map(\.rawValue).joined(separator: ", ")
            throw .invalidArgument("Role \"\(text)\" is unknown; use one of \(known).")
        }
        self = role
    }

    /// What the credential's `scope` names for this role, or nil when the role takes none.
    public var scopeKind: ScopeKind? {
        switch self {
        case .operator, .hq: nil
        case .subcommand, .inspector, .reader: .subcommand
        case .unit: .unit
        }
    }

    /// Whether a credential of this role must name a scope.
    public var requiresScope: Bool { self == .subcommand || self == .unit }

    public static func < (lhs: Role, rhs: Role) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }

    public enum ScopeKind: String, Sendable {
        case subcommand = "sub-command"
        case unit
    }
}
