import CivitasCore
import Testing

@Suite("Role")
struct RoleTests {
    @Test("parses every role name", arguments: Role.allCases)
    func parses(_ role: Role) throws {
        #expect(try Role(parsing: role.rawValue) == role)
    }

    @Test("refuses unknown names and lists the known ones")
    func refusesUnknown() {
        let error = #expect(throws: CivitasError.self) { try Role(parsing: "admin") }
        #expect(error?.code == .invalidArgument)
        // The message helps the caller pick a valid role.
        for role in Role.allCases { #expect(error?.message.contains(role.rawValue) == true) }
    }

    @Test(
        "scope kinds: what a credential's scope names",
        arguments: [
            (Role.operator, Role.ScopeKind?.none),
            (.hq, nil),
            (.subcommand, .subcommand),
            (.inspector, .subcommand),
            (.reader, .subcommand),
            (.unit, .unit),
        ]
    )
    func scopeKind(_ role: Role, _ expected: Role.ScopeKind?) {
        #expect(role.scopeKind == expected)
    }

    @Test("only sub-command and unit credentials must name a scope", arguments: Role.allCases)
    func requiresScope(_ role: Role) {
        #expect(role.requiresScope == (role == .subcommand || role == .unit))
    }

    @Test("ordering follows declaration order (used to list allowed roles stably)")
    func ordering() {
        #expect(Role.allCases.sorted() == Role.allCases)
        #expect(Role.operator < .hq)
        #expect(Role.unit < .reader)
        #expect(!(Role.reader < .reader))
    }
}
