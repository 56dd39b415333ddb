/// The authenticated caller of one request: what its credential allows.
public struct Principal: Hashable, Sendable {
    public var credentialID: String
    public var role: Role
    /// Nil only for operators, which belong to the platform rather than to a city.
    public var tenant: TenantID?
    /// The sub-command or unit the credential is limited to (see ``Role/scopeKind``).
    public var scope: String?

    public init(credentialID: String, role: Role, tenant: TenantID?, scope: String?) {
        self.credentialID = credentialID
        self.role = role
        self.tenant = tenant
        self.scope = scope
    }
}
