/// Which findings a principal sees (DOMAIN §2 "blocks first", §7): HQ, and readers and
/// inspectors without a scope, every finding; a sub-command (or a reader or inspector
/// scoped to one) the findings its block answers for; a unit only the findings it
/// answers for itself. "Answers for" is the responsible unit and block now — an
/// assignment moves a finding into another view.
public enum FindingView: Hashable, Sendable {
    case everything
    case subcommand(String)
    case unit(String)

    public init(for principal: Principal) {
        switch BlockFilter(for: principal) {
        case .everything: self = .everything
        case .subcommand(let id): self = .subcommand(id)
        case .unit(let id): self = .unit(id)
        }
    }

    /// Whether a finding with this responsible unit and block is in view.
    public func contains(unit: String?, subcommand: String?) -> Bool {
        switch self {
        case .everything: true
        case .subcommand(let id): subcommand == id
        case .unit(let id): unit == id
        }
    }

    /// Whether `state` is in view.
    public func contains(_ state: FindingState) -> Bool {
        contains(unit: state.unit, subcommand: state.subcommand)
    }
}

extension AccessPolicy {
    /// A findings listing narrowed to sub-command `requested`'s block: refused when that
    /// block lies outside a sub-command's own view, rather than answered with nothing.
    /// A unit's listing holds only its own findings whatever the filter, so any filter
    /// merely narrows it.
    public static func requireFindingBlock(_ requested: String, for principal: Principal) throws(CivitasError) {
        guard case .subcommand(let own) = FindingView(for: principal), own != requested else { return }
        throw .permissionDenied(
            "Credential \(principal.credentialID) sees the findings of sub-command \(own) only, not of sub-command \(requested.prefix(64)).")
    }

    /// The rows of a cross-inspection plan a principal may read: all of them for HQ and
    /// unscoped inspectors; for a sub-command (or an inspector scoped to one) the points
    /// it inspects and the points of its own block, whoever inspects them.
    public static func crossInspectionRows(_ plan: CrossInspectionPlan, for principal: Principal) -> [CrossInspectionAssignment] {
        switch BlockFilter(for: principal) {
        case .everything: return plan.assignments
        case .subcommand(let own): return plan.assignments.filter { $0.inspector == own || $0.owner == own }
        case .unit: return []
        }
    }
}
