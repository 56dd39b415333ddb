import CivitasCore
import CivitasProtos
import CivitasStorage
import Foundation
import GRPCCore
import SwiftProtobuf
import Logging

/// Platform operations for operators: tenants, credentials, backups (see
/// `TenantAdminService+Backup.swift`). None of these calls reads tenant data beyond a
/// tenant's name and state.
struct TenantAdminService: Civitas_V1_TenantAdminService.ServiceProtocol {
    let environment: ServerEnvironment

    func createTenant(
        request: ServerRequest<Civitas_V1_CreateTenantRequest>, context: ServerContext
    ) async throws -> ServerResponse<Civitas_V1_Tenant> {
        try await environment.handle(request.metadata, context) { principal in
            try AccessPolicy.requireOperator(principal, toDo: "create tenants")
            let message = request.message
            let id = try TenantID(message.id)
            let name = message.name.trimmingCharacters(in: .whitespaces)
            if let problem = OrganizationRules.nameProblem(name) { throw CivitasError.invalidArgument("Tenant name \(problem).") }
            let zone = message.timeZone.isEmpty ? "Asia/Shanghai" : message.timeZone
            guard TimeZone(identifier: zone) != nil else {
                throw CivitasError.invalidArgument("Time zone \"\(zone.prefix(64))\" is not an IANA time zone name.")
            }
            let now = environment.now()
            let record = TenantRecord(id: id.rawValue, name: name, state: TenantState.active.rawValue, timeZone: zone, createdAt: now, updatedAt: now)
            let tenants = environment.tenants
            // The file is created inside the catalog transaction: if it cannot be made,
            // no catalog row is left pointing at nothing.
            let created = try await environment.catalog.createTenant(record) { try tenants.createDatabase(id) }
            environment.logger.notice("Tenant created", metadata: ["tenant": "\(id)", "by": "\(principal.credentialID)"])
            return ServerResponse(message: Civitas_V1_Tenant(created))
        }
    }

    func getTenant(
        request: ServerRequest<Civitas_V1_GetTenantRequest>, context: ServerContext
    ) async throws -> ServerResponse<Civitas_V1_Tenant> {
        try await environment.handle(request.metadata, context) { principal in
            try AccessPolicy.requireOperator(principal, toDo: "read tenants")
            return ServerResponse(message: Civitas_V1_Tenant(try await existingTenant(request.message.id)))
        }
    }

    func listTenants(
        request: ServerRequest<Civitas_V1_ListTenantsRequest>, context: ServerContext
    ) async throws -> ServerResponse<Civitas_V1_ListTenantsResponse> {
        try await environment.handle(request.metadata, context) { principal in
            try AccessPolicy.requireOperator(principal, toDo: "list tenants")
            let state = request.message.state.isEmpty ? nil : try TenantState(parsing: request.message.state)
            let tenants = try await environment.catalog.tenants(state: state)
            return ServerResponse(message: .with { $0.tenants = tenants.map(Civitas_V1_Tenant.init) })
        }
    }

    func setTenantState(
        request: ServerRequest<Civitas_V1_SetTenantStateRequest>, context: ServerContext
    ) async throws -> ServerResponse<Civitas_V1_Tenant> {
        try await environment.handle(request.metadata, context) { principal in
            try AccessPolicy.requireOperator(principal, toDo: "change a tenant's state")
            let id = try TenantID(request.message.id)
            let state = try TenantState(parsing: request.message.state)
            let record = try await environment.catalog.setTenantState(id, to: state, at: environment.now())
            environment.logger.notice(
                "Tenant state changed", metadata: ["tenant": "\(id)", "state": "\(state.rawValue)", "by": "\(principal.credentialID)"]
            )
            return ServerResponse(message: Civitas_V1_Tenant(record))
        }
    }

    func issueCredential(
        request: ServerRequest<Civitas_V1_IssueCredentialRequest>, context: ServerContext
    ) async throws -> ServerResponse<Civitas_V1_IssueCredentialResponse> {
        try await environment.handle(request.metadata, context) { principal in
            try AccessPolicy.requireOperator(principal, toDo: "issue credentials")
            let message = request.message
            let role = try Role(parsing: message.role)
            let now = environment.now()
            let expiresAt = message.hasExpiresAt ? message.expiresAt.date : nil
            if let expiresAt, expiresAt <= now {
                throw CivitasError.invalidArgument("expires_at \(Timestamps.text(expiresAt)) is not in the future.")
            }
            if message.label.count > 200 { throw CivitasError.invalidArgument("label is longer than 200 characters.") }
            let scope = message.scope.isEmpty ? nil : message.scope
            let tenant = try await checkedTenantAndScope(role: role, tenant: message.tenant, scope: scope)
            let (record, token) = CredentialIssuer.make(
                role: role, tenant: tenant, scope: scope, label: message.label, expiresAt: expiresAt, now: now
            )
            try await environment.catalog.insertCredential(record)
            environment.logger.notice(
                "Credential issued",
                metadata: ["credential": "\(record.id)", "role": "\(role.rawValue)", "tenant": "\(tenant?.rawValue ?? "-")", "by": "\(principal.credentialID)"]
            )
            return ServerResponse(message: .with {
                $0.credential = Civitas_V1_Credential(record)
                $0.token = token.text
            })
        }
    }

    func listCredentials(
        request: ServerRequest<Civitas_V1_ListCredentialsRequest>, context: ServerContext
    ) async throws -> ServerResponse<Civitas_V1_ListCredentialsResponse> {
        try await environment.handle(request.metadata, context) { principal in
            try AccessPolicy.requireOperator(principal, toDo: "list credentials")
            let tenant = request.message.tenant.isEmpty ? nil : try await existingTenant(request.message.tenant).tenantID
            let records = try await environment.catalog.credentials(tenant: tenant, includeRevoked: request.message.includeRevoked)
            return ServerResponse(message: .with { $0.credentials = records.map(Civitas_V1_Credential.init) })
        }
    }

    func revokeCredential(
        request: ServerRequest<Civitas_V1_RevokeCredentialRequest>, context: ServerContext
    ) async throws -> ServerResponse<Civitas_V1_Credential> {
        try await environment.handle(request.metadata, context) { principal in
            try AccessPolicy.requireOperator(principal, toDo: "revoke credentials")
            let id = try CredentialID.parse(request.message.id)
            if id == principal.credentialID {
                throw CivitasError.failedPrecondition(
                    "Credential \(id) is the one making this call; revoke it with another operator credential."
                )
            }
            let record = try await environment.catalog.revokeCredential(id, at: environment.now())
            environment.logger.notice("Credential revoked", metadata: ["credential": "\(id)", "by": "\(principal.credentialID)"])
            return ServerResponse(message: Civitas_V1_Credential(record))
        }
    }

    // MARK: Helpers

    func existingTenant(_ text: String) async throws -> TenantRecord {
        let id = try TenantID(text)
        guard let record = try await environment.catalog.tenant(id) else {
            throw CivitasError.notFound("Tenant \(id) does not exist.")
        }
        return record
    }

    /// A credential's tenant and scope must fit its role: operators belong to no tenant;
    /// a scope must name an active sub-command or unit of the tenant, as the role requires.
    private func checkedTenantAndScope(role: Role, tenant text: String, scope: String?) async throws -> TenantID? {
        if role == .operator {
            guard text.isEmpty, scope == nil else {
                throw CivitasError.invalidArgument("An operator credential belongs to no tenant and takes no scope.")
            }
            return nil
        }
        guard !text.isEmpty else { throw CivitasError.invalidArgument("A \(role.rawValue) credential needs a tenant.") }
        let tenant = try await existingTenant(text)
        guard tenant.tenantState != .archived else {
            throw CivitasError.failedPrecondition("Tenant \(tenant.id) is archived; no credential can be issued for it.")
        }
        let id = try tenant.tenantID
        switch (role.scopeKind, scope) {
        case (nil, _?):
            throw CivitasError.invalidArgument("A \(role.rawValue) credential sees the whole tenant and takes no scope.")
        case (let kind?, nil) where role.requiresScope:
            throw CivitasError.invalidArgument("A \(role.rawValue) credential needs a scope: the id of its \(kind.rawValue).")
        case (let kind?, let scope?):
            let entityKind: OrganizationKind = kind == .unit ? .unit : .subcommand
            let active = try await environment.tenants.withDatabase(id) { try await $0.isActive(entityKind, id: scope) }
            switch active {
            case nil: throw CivitasError.invalidArgument("Scope \"\(scope.prefix(64))\" is not a \(kind.rawValue) of tenant \(id).")
            case false?: throw CivitasError.failedPrecondition("Scope \(scope) is a deactivated \(kind.rawValue).")
            case true?: break
            }
        default:
            break
        }
        return id
    }
}
