import CivitasCore
import Foundation
internal import GRDB

/// The catalog database (`catalog.sqlite`): tenants and credentials. Holds no tenant data.
public final class Catalog: Sendable {
    let pool: DatabasePool
    private let cache = CatalogCache()

    public init(path: String, durability: Durability = .powerLoss) throws {
        pool = try DatabaseOpener.openPool(
            path: path, migrator: CatalogSchema.migrator, durability: durability, description: "The catalog \(path)"
        )
    }

    public func close() throws { try DatabaseOpener.checkpointAndClose(pool) }

    // MARK: Tenants

    /// Inserts a tenant; `whileInserting` runs inside the transaction, so if it throws (e.g.
    /// the tenant's file cannot be created) the catalog row is rolled back too.
    public func createTenant(
        _ record: TenantRecord, whileInserting: @Sendable () throws -> Void
    ) async throws -> TenantRecord {
        defer { cache.invalidate() }
        return try await pool.write { db in
            if try TenantRow.fetchOne(db, key: record.id) != nil {
                throw CivitasError.alreadyExists("Tenant \(record.id) already exists.")
            }
            try TenantRow(record).insert(db)
            try whileInserting()
            return record
        }
    }

    public func tenant(_ id: TenantID) async throws -> TenantRecord? {
        if let known = cache.tenant(id.rawValue) { return known }
        let generation = cache.generation
        let record = try await pool.read { db in try TenantRow.fetchOne(db, key: id.rawValue)?.record }
        if let record { cache.remember(tenant: record, readAt: generation) }
        return record
    }

    public func tenants(state: TenantState?) async throws -> [TenantRecord] {
        try await pool.read { db in
            var request = TenantRow.order(Column("id"))
            if let state { request = request.filter(Column("state") == state.rawValue) }
            return try request.fetchAll(db).map(\.record)
        }
    }

    public func setTenantState(_ id: TenantID, to state: TenantState, at now: Date) async throws -> TenantRecord {
        defer { cache.invalidate() }
        return try await pool.write { db in
            guard var record = try TenantRow.fetchOne(db, key: id.rawValue)?.record else {
                throw CivitasError.notFound("Tenant \(id) does not exist.")
            }
            try record.tenantState.transition(to: state, tenant: id)
            record.state = state.rawValue
            record.updatedAt = now
            try TenantRow(record).update(db)
            return record
        }
    }

    // MARK: Credentials

    public func insertCredential(_ record: CredentialRecord) async throws {
        defer { cache.invalidate() }
        try await pool.write { db in try CredentialRow(record).insert(db) }
    }

    /// Whether any operator credential exists (decides the first-run bootstrap).
    public func hasOperatorCredential() async throws -> Bool {
        try await pool.read { db in
            try CredentialRow.filter(Column("role") == Role.operator.rawValue).fetchCount(db) > 0
        }
    }

    /// A credential together with its tenant, in one snapshot.
    public func credentialWithTenant(_ id: String) async throws -> (CredentialRecord, TenantRecord?)? {
        if let known = cache.credential(id) { return known }
        let generation = cache.generation
        let found = try await pool.read { db -> (CredentialRecord, TenantRecord?)? in
            guard let credential = try CredentialRow.fetchOne(db, key: id)?.record else { return nil }
            let tenant = try credential.tenantId.flatMap { try TenantRow.fetchOne(db, key: $0)?.record }
            return (credential, tenant)
        }
        if let found { cache.remember(credential: found, readAt: generation) }
        return found
    }

    public func credentials(tenant: TenantID?, includeRevoked: Bool) async throws -> [CredentialRecord] {
        try await pool.read { db in
            var request = CredentialRow.order(Column("tenant_id"), Column("created_at"), Column("id"))
            if let tenant { request = request.filter(Column("tenant_id") == tenant.rawValue) }
            if !includeRevoked { request = request.filter(Column("revoked_at") == nil) }
            return try request.fetchAll(db).map(\.record)
        }
    }

    public func revokeCredential(_ id: String, at now: Date) async throws -> CredentialRecord {
        defer { cache.invalidate() }
        return try await pool.write { db in
            guard var record = try CredentialRow.fetchOne(db, key: id)?.record else {
                throw CivitasError.notFound("Credential \(id) does not exist.")
            }
            guard record.revokedAt == nil else {
                throw CivitasError.failedPrecondition("Credential \(id) is already revoked.")
            }
            record.revokedAt = now
            try CredentialRow(record).update(db)
            return record
        }
    }
}
