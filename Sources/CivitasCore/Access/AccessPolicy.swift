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
    case readJobs
    case manageJobs
    case manageSchedules
    case submitMaterials
    case submitInspections
    case submitSurveys
    case submitFeeds
    case declareCodes
    case readCodes
    case readRecords
    case verifyAudit
    case publishFramework
    case readFrameworks
    case requestEvaluation
    case readEvaluations
    case readRanking
    case requestCrossCheck
    case readFindings
    case moveFindings
    case planCrossInspection

    public var allowedRoles: Set<Role> {
        switch self {
        case .readIdentity, .readOrganization: [.hq, .subcommand, .unit, .inspector, .reader]
        case .writeOrganization: [.hq]
        // Jobs and schedules are tenant-wide (their arguments are ids and periods); every
        // role may follow them, only HQ cancels jobs or changes schedules.
        case .readJobs: [.hq, .subcommand, .unit, .inspector, .reader]
        case .manageJobs, .manageSchedules: [.hq]
        // Units report materials; inspectors record inspections and survey waves; feeds
        // come from the city's platform through HQ or a sub-command (DOMAIN §2, §4).
        case .submitMaterials: [.hq, .subcommand, .unit]
        case .submitInspections, .submitSurveys: [.hq, .subcommand, .inspector]
        case .submitFeeds: [.hq, .subcommand]
        case .declareCodes: [.hq]
        case .readCodes, .readRecords: [.hq, .subcommand, .unit, .inspector, .reader]
        case .verifyAudit: [.hq, .reader]
        // Frameworks are published by HQ and read by everyone who submits against them.
        // Evaluations: a sub-command requests and reads its own block's scope (see
        // AccessPolicy.requireEvaluationScope) and sees the ranking it is placed in;
        // units and inspectors feed the evaluation but do not read its results.
        case .publishFramework: [.hq]
        case .readFrameworks: [.hq, .subcommand, .unit, .inspector, .reader]
        case .requestEvaluation: [.hq, .subcommand]
        case .readEvaluations, .readRanking: [.hq, .subcommand, .reader]
        // Cross-checks (DOMAIN §6, §7): HQ runs them over the whole city; every role reads
        // the findings of its view (AccessPolicy+CrossCheck); the roles of the
        // rectification workflow move them, each only as FindingAction allows; HQ, the
        // sub-commands and their inspectors read the cross-inspection plan.
        case .requestCrossCheck: [.hq]
        case .readFindings: [.hq, .subcommand, .unit, .inspector, .reader]
        case .moveFindings: [.hq, .subcommand, .unit]
        case .planCrossInspection: [.hq, .subcommand, .inspector]
        }
    }

    public var summary: String {
        switch self {
        case .readIdentity: "read its own identity"
        case .readOrganization: "read the organization"
        case .writeOrganization: "change the organization"
        case .readJobs: "read jobs and schedules"
        case .manageJobs: "cancel jobs"
        case .manageSchedules: "create, pause, resume or delete schedules"
        case .submitMaterials: "submit material reports"
        case .submitInspections: "submit inspection records"
        case .submitSurveys: "submit survey responses"
        case .submitFeeds: "submit feed points"
        case .declareCodes: "declare the codes submissions are checked against"
        case .readCodes: "read the declared codes"
        case .readRecords: "read stored records"
        case .verifyAudit: "verify the audit log"
        case .publishFramework: "publish evaluation frameworks"
        case .readFrameworks: "read evaluation frameworks"
        case .requestEvaluation: "request evaluations"
        case .readEvaluations: "read evaluation results"
        case .readRanking: "read the sub-command ranking"
        case .requestCrossCheck: "run cross-checks"
        case .readFindings: "read cross-check findings"
        case .moveFindings: "move findings through rectification"
        case .planCrossInspection: "read the cross-inspection assignment"
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
