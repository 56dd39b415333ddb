/// What an evaluation request names (DOMAIN §5): one scope, or every active sub-command
/// at once (what the monthly dispatch ranking needs, from one read of the records).
public enum EvaluationRequestScope: Hashable, Sendable, CustomStringConvertible {
    case one(EvaluationScope)
    case everySubcommand

    /// `city`, `subcommand:<id>` or `subcommands`, as the wire API and the CLI spell it.
    public init(parsing text: String) throws(CivitasError) {
        if text == "subcommands" {
            self = .everySubcommand
        } else if let scope = EvaluationScope(parsing: text) {
            self = .one(scope)
        } else {
            throw .invalidArgument(
                "Scope \"\(text.prefix(64))\" is not city, subcommand:<id> or subcommands (every active sub-command)."
            )
        }
    }

    public var description: String {
        switch self {
        case .one(let scope): scope.description
        case .everySubcommand: "subcommands"
        }
    }
}

extension AccessPolicy {
    /// Whether the principal's block covers an evaluation scope ("blocks first"): HQ and
    /// unscoped readers see every scope; a sub-command (or a reader scoped to one) sees
    /// only its own block's scope, never the city's or another block's.
    public static func requireEvaluationScope(_ scope: EvaluationRequestScope, for principal: Principal) throws(CivitasError) {
        switch BlockFilter(for: principal) {
        case .everything:
            return
        case .subcommand(let own):
            if scope == .one(.subcommand(own)) { return }
            throw .permissionDenied(
                "Credential \(principal.credentialID) of sub-command \(own) may only reach evaluations of scope subcommand:\(own), not \(scope)."
            )
        case .unit:
            throw .permissionDenied("Credential \(principal.credentialID) of a unit cannot reach evaluations.")
        }
    }
}
