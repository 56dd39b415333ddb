import CivitasCore
import Testing

/// Who may publish frameworks and request or read evaluations, and which scopes a
/// principal's block covers.
@Suite("AccessPolicy: frameworks and evaluations")
struct EvaluationAccessPolicyTests {
    static let cityA = try! TenantID("city-a")

    static func principal(_ role: Role, scope: String? = nil) -> Principal {
        Principal(credentialID: "cr0123456789abcdef", role: role, tenant: role == .operator ? nil : cityA, scope: scope)
    }

    static let table: [(TenantAction, Set<Role>)] = [
        (.publishFramework, [.hq]),
        (.readFrameworks, [.hq, .subcommand, .unit, .inspector, .reader]),
        (.requestEvaluation, [.hq, .subcommand]),
        (.readEvaluations, [.hq, .subcommand, .reader]),
        (.readRanking, [.hq, .subcommand, .reader]),
    ]

    @Test("each action admits exactly its roles", arguments: table)
    func roles(_ action: TenantAction, _ allowed: Set<Role>) throws {
        for role in Role.allCases {
            let scope = role.requiresScope ? "x" : nil
            let admitted = (try? AccessPolicy.authorize(Self.principal(role, scope: scope), action, requestedTenant: "")) != nil
            #expect(admitted == allowed.contains(role), "\(role) for \(action)")
        }
    }

    @Test("HQ and an unscoped reader reach every scope")
    func everything() throws {
        for principal in [Self.principal(.hq), Self.principal(.reader)] {
            for scope: EvaluationRequestScope in [.one(.city), .one(.subcommand("sc-2")), .everySubcommand] {
                try AccessPolicy.requireEvaluationScope(scope, for: principal)
            }
        }
    }

    @Test("a sub-command reaches its own block's scope only")
    func ownBlock() throws {
        let principal = Self.principal(.subcommand, scope: "sc-1")
        try AccessPolicy.requireEvaluationScope(.one(.subcommand("sc-1")), for: principal)
        for scope: EvaluationRequestScope in [.one(.city), .one(.subcommand("sc-2")), .everySubcommand] {
            let error = #expect(throws: CivitasError.self) { try AccessPolicy.requireEvaluationScope(scope, for: principal) }
            #expect(error?.code == .permissionDenied)
            #expect(error?.message.contains("only reach evaluations of scope subcommand:sc-1, not \(scope)") == true)
        }
    }

    @Test("scopes parse as the wire API spells them")
    func parsing() throws {
        #expect(try EvaluationRequestScope(parsing: "city") == .one(.city))
        #expect(try EvaluationRequestScope(parsing: "subcommand:sc-1") == .one(.subcommand("sc-1")))
        #expect(try EvaluationRequestScope(parsing: "subcommands") == .everySubcommand)
        for text in ["", "subcommand:", "district:1", "City"] {
            let error = #expect(throws: CivitasError.self) { try EvaluationRequestScope(parsing: text) }
            #expect(error?.code == .invalidArgument)
        }
    }
}
