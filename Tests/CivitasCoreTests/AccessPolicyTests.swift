import CivitasCore
import Testing

/// Every handler calls one of these checks before touching data, so they are the whole
/// of tenant isolation and role separation.
@Suite("AccessPolicy")
struct AccessPolicyTests {
    static let cityA = try! TenantID("city-a")

    static func principal(_ role: Role, tenant: TenantID? = cityA, scope: String? = nil) -> Principal {
        Principal(credentialID: "cr0123456789abcdef", role: role, tenant: role == .operator ? nil : tenant, scope: scope)
    }

    // MARK: requireOperator

    @Test("requireOperator lets operators through")
    func operatorPasses() throws {
        try AccessPolicy.requireOperator(Self.principal(.operator), toDo: "create tenants")
    }

    @Test("requireOperator refuses every other role", arguments: Role.allCases.filter { $0 != .operator })
    func nonOperatorRefused(_ role: Role) {
        let error = #expect(throws: CivitasError.self) {
            try AccessPolicy.requireOperator(Self.principal(role), toDo: "create tenants")
        }
        #expect(error?.code == .permissionDenied)
        #expect(error?.message.contains("create tenants") == true)
        #expect(error?.message.contains(role.rawValue) == true)
    }

    // MARK: authorize

    @Test("operators never reach tenant data", arguments: TenantAction.allCases, ["", "city-a"])
    func operatorDenied(_ action: TenantAction, _ requested: String) {
        let error = #expect(throws: CivitasError.self) {
            try AccessPolicy.authorize(Self.principal(.operator), action, requestedTenant: requested)
        }
        #expect(error?.code == .permissionDenied)
    }

    @Test("an operator role carrying a tenant is still refused")
    func operatorWithTenantDenied() {
        // Defence in depth: a malformed principal must not turn an operator into a tenant user.
        let weird = Principal(credentialID: "cr0123456789abcdef", role: .operator, tenant: Self.cityA, scope: nil)
        let error = #expect(throws: CivitasError.self) {
            try AccessPolicy.authorize(weird, .readOrganization, requestedTenant: "")
        }
        #expect(error?.code == .permissionDenied)
    }

    @Test("a tenant role without a tenant is refused")
    func tenantlessDenied() {
        let orphan = Principal(credentialID: "cr0123456789abcdef", role: .hq, tenant: nil, scope: nil)
        let error = #expect(throws: CivitasError.self) {
            try AccessPolicy.authorize(orphan, .readOrganization, requestedTenant: "")
        }
        #expect(error?.code == .permissionDenied)
    }

    @Test(
        "naming another tenant is refused without revealing it",
        arguments: Role.allCases.filter { $0 != .operator }, TenantAction.allCases
    )
    func crossTenantDenied(_ role: Role, _ action: TenantAction) {
        let error = #expect(throws: CivitasError.self) {
            try AccessPolicy.authorize(Self.principal(role, scope: "sc-01"), action, requestedTenant: "secret-city")
        }
        #expect(error?.code == .permissionDenied)
        #expect(error?.message.contains("secret-city") == false)
        #expect(error?.message.contains("city-a") == true)
    }

    @Test("an empty requested tenant means the credential's own", arguments: ["", "city-a"])
    func ownTenant(_ requested: String) throws {
        let result = try AccessPolicy.authorize(Self.principal(.hq), .readOrganization, requestedTenant: requested)
        #expect(result.tenant == Self.cityA)
        #expect(result.block == .everything)
    }

    @Test("a requested tenant must match exactly, not by prefix or case", arguments: ["city-a ", "City-a", "city-ab", "city"])
    func exactTenantMatch(_ requested: String) {
        let error = #expect(throws: CivitasError.self) {
            try AccessPolicy.authorize(Self.principal(.hq), .readOrganization, requestedTenant: requested)
        }
        #expect(error?.code == .permissionDenied)
    }

    @Test("reading is open to every tenant role", arguments: [TenantAction.readIdentity, .readOrganization], [Role.hq, .subcommand, .unit, .inspector, .reader])
    func readAllowed(_ action: TenantAction, _ role: Role) throws {
        let result = try AccessPolicy.authorize(Self.principal(role, scope: "x1"), action, requestedTenant: "")
        #expect(result.tenant == Self.cityA)
    }

    @Test("only HQ may change the organization", arguments: [Role.subcommand, .unit, .inspector, .reader])
    func writeOnlyHQ(_ role: Role) throws {
        let error = #expect(throws: CivitasError.self) {
            try AccessPolicy.authorize(Self.principal(role, scope: "sc-01"), .writeOrganization, requestedTenant: "")
        }
        #expect(error?.code == .permissionDenied)
        #expect(error?.message.contains("allowed roles: hq") == true)
        let hq = try AccessPolicy.authorize(Self.principal(.hq), .writeOrganization, requestedTenant: "")
        #expect(hq.block == .everything)
    }

    @Test("allowed roles per action")
    func allowedRoles() {
        #expect(TenantAction.writeOrganization.allowedRoles == [.hq])
        #expect(TenantAction.readOrganization.allowedRoles == [.hq, .subcommand, .unit, .inspector, .reader])
        #expect(TenantAction.readIdentity.allowedRoles == [.hq, .subcommand, .unit, .inspector, .reader])
        for action in TenantAction.allCases { #expect(!action.allowedRoles.contains(.operator)) }
    }

    // MARK: BlockFilter

    @Test(
        "the block follows role and scope",
        arguments: [
            (Role.hq, String?.none, BlockFilter.everything),
            (.hq, "sc-01", .everything),  // HQ takes no scope: a stray one must not narrow it
            (.subcommand, "sc-01", .subcommand("sc-01")),
            (.inspector, "sc-02", .subcommand("sc-02")),
            (.reader, "sc-03", .subcommand("sc-03")),
            (.inspector, nil, .everything),  // unscoped inspectors and readers see the city
            (.reader, nil, .everything),
            (.unit, "u.edu", .unit("u.edu")),
        ]
    )
    func blockFilter(_ role: Role, _ scope: String?, _ expected: BlockFilter) throws {
        #expect(BlockFilter(for: Self.principal(role, scope: scope)) == expected)
        let result = try AccessPolicy.authorize(Self.principal(role, scope: scope), .readOrganization, requestedTenant: "")
        #expect(result.block == expected)
    }
}
