import CivitasCore
import CivitasStorage
import Foundation
import Synchronization
import Testing

/// The catalog holds tenants and credentials: who exists and who may call.
@Suite("Catalog")
struct CatalogTests {
    static func tenant(_ id: String, state: TenantState = .active) -> TenantRecord {
        TenantRecord(id: id, name: "City \(id)", state: state.rawValue, timeZone: "Asia/Shanghai", createdAt: date(0), updatedAt: date(0))
    }

    static func credential(
        _ id: String, tenant: String?, role: Role = .hq, scope: String? = nil, created: TimeInterval = 0
    ) -> CredentialRecord {
        CredentialRecord(
            id: id, tenantId: tenant, role: role.rawValue, scope: scope, label: "label \(id)",
            secretSha256: Data((0..<32).map { UInt8($0) }), createdAt: date(created), expiresAt: nil, revokedAt: nil
        )
    }

    @discardableResult
    func withCatalog<T>(_ body: (Catalog, URL) async throws -> T) async throws -> T {
        try await withTemporaryDirectory { directory in
            let catalog = try Catalog(path: directory.appendingPathComponent("catalog.sqlite").path, durability: .processCrash)
            defer { try? catalog.close() }
            return try await body(catalog, directory)
        }
    }

    // MARK: Tenants

    @Test("a created tenant reads back field for field")
    func createAndRead() async throws {
        try await withCatalog { catalog, _ in
            var record = Self.tenant("demo-city")
            record.updatedAt = date(5)
            let returned = try await catalog.createTenant(record, whileInserting: {})
            #expect(returned == record)
            #expect(try await catalog.tenant(TenantID("demo-city")) == record)
            #expect(try await catalog.tenant(TenantID("other-city")) == nil)
        }
    }

    @Test("whileInserting runs inside the insert")
    func whileInsertingRuns() async throws {
        try await withCatalog { catalog, _ in
            let calls = Mutex(0)
            _ = try await catalog.createTenant(Self.tenant("demo-city"), whileInserting: { calls.withLock { $0 += 1 } })
            #expect(calls.withLock { $0 } == 1)
        }
    }

    @Test("a duplicate tenant is refused with alreadyExists and leaves the first untouched")
    func duplicateRefused() async throws {
        try await withCatalog { catalog, _ in
            _ = try await catalog.createTenant(Self.tenant("demo-city"), whileInserting: {})
            var second = Self.tenant("demo-city")
            second.name = "Impostor"
            let called = Mutex(false)
            let error = await #expect(throws: CivitasError.self) {
                try await catalog.createTenant(second, whileInserting: { called.withLock { $0 = true } })
            }
            #expect(error?.code == .alreadyExists)
            // The duplicate's file must not be created either.
            #expect(called.withLock { $0 } == false)
            #expect(try await catalog.tenant(TenantID("demo-city"))?.name == "City demo-city")
        }
    }

    @Test("if whileInserting throws, the tenant row is rolled back")
    func rollbackOnFailure() async throws {
        struct FileCreationFailed: Error {}
        try await withCatalog { catalog, _ in
            await #expect(throws: FileCreationFailed.self) {
                try await catalog.createTenant(Self.tenant("demo-city"), whileInserting: { throw FileCreationFailed() })
            }
            #expect(try await catalog.tenant(TenantID("demo-city")) == nil)
            #expect(try await catalog.tenants(state: nil).isEmpty)
            // And the id is free for a retry.
            _ = try await catalog.createTenant(Self.tenant("demo-city"), whileInserting: {})
            #expect(try await catalog.tenants(state: nil).map(\.id) == ["demo-city"])
        }
    }

    @Test("tenants are listed by id, optionally filtered by state")
    func listing() async throws {
        try await withCatalog { catalog, _ in
            for (id, state) in [("zeta", TenantState.active), ("alpha", .suspended), ("mid-city", .active), ("old-town", .archived)] {
                _ = try await catalog.createTenant(Self.tenant(id, state: state), whileInserting: {})
            }
            #expect(try await catalog.tenants(state: nil).map(\.id) == ["alpha", "mid-city", "old-town", "zeta"])
            #expect(try await catalog.tenants(state: .active).map(\.id) == ["mid-city", "zeta"])
            #expect(try await catalog.tenants(state: .suspended).map(\.id) == ["alpha"])
            #expect(try await catalog.tenants(state: .archived).map(\.id) == ["old-town"])
        }
    }

    @Test("state changes are stored with their time")
    func setState() async throws {
        try await withCatalog { catalog, _ in
            let id = try TenantID("demo-city")
            _ = try await catalog.createTenant(Self.tenant("demo-city"), whileInserting: {})
            let suspended = try await catalog.setTenantState(id, to: .suspended, at: date(60))
            #expect(suspended.tenantState == .suspended)
            #expect(suspended.updatedAt == date(60))
            #expect(suspended.createdAt == date(0))
            #expect(try await catalog.tenant(id) == suspended)
            _ = try await catalog.setTenantState(id, to: .active, at: date(120))
            _ = try await catalog.setTenantState(id, to: .archived, at: date(180))
            #expect(try await catalog.tenant(id)?.tenantState == .archived)
        }
    }

    @Test("refused state changes leave the tenant as it was", arguments: [
        (TenantState.archived, TenantState.active),
        (.archived, .suspended),
        (.active, .active),
    ])
    func refusedTransition(_ from: TenantState, _ to: TenantState) async throws {
        try await withCatalog { catalog, _ in
            let id = try TenantID("demo-city")
            let original = try await catalog.createTenant(Self.tenant("demo-city", state: from), whileInserting: {})
            let error = await #expect(throws: CivitasError.self) {
                try await catalog.setTenantState(id, to: to, at: date(60))
            }
            #expect(error?.code == .failedPrecondition)
            #expect(try await catalog.tenant(id) == original)
        }
    }

    @Test("changing the state of an unknown tenant is notFound")
    func setStateUnknown() async throws {
        try await withCatalog { catalog, _ in
            let error = await #expect(throws: CivitasError.self) {
                try await catalog.setTenantState(TenantID("ghost-town"), to: .suspended, at: date(0))
            }
            #expect(error?.code == .notFound)
        }
    }

    @Test("data survives closing and reopening the catalog")
    func persistence() async throws {
        try await withTemporaryDirectory { directory in
            let path = directory.appendingPathComponent("catalog.sqlite").path
            let first = try Catalog(path: path)
            _ = try await first.createTenant(Self.tenant("demo-city"), whileInserting: {})
            try await first.insertCredential(Self.credential("cr0000000000000001", tenant: "demo-city"))
            try first.close()
            let second = try Catalog(path: path)
            defer { try? second.close() }
            #expect(try await second.tenants(state: nil).map(\.id) == ["demo-city"])
            #expect(try await second.credentials(tenant: nil, includeRevoked: true).map(\.id) == ["cr0000000000000001"])
        }
    }

    // MARK: Credentials

    @Test("a credential reads back field for field, with its tenant")
    func credentialRoundTrip() async throws {
        try await withCatalog { catalog, _ in
            let tenant = try await catalog.createTenant(Self.tenant("demo-city"), whileInserting: {})
            var record = Self.credential("cr00000000000000a1", tenant: "demo-city", role: .unit, scope: "u.edu")
            record.expiresAt = date(3600)
            try await catalog.insertCredential(record)
            let found = try #require(try await catalog.credentialWithTenant("cr00000000000000a1"))
            #expect(found.0 == record)
            #expect(found.1 == tenant)
            #expect(try found.0.roleValue == .unit)
            #expect(try await catalog.credentialWithTenant("cr00000000000000ff") == nil)
        }
    }

    @Test("an operator credential has no tenant")
    func operatorCredential() async throws {
        try await withCatalog { catalog, _ in
            #expect(try await catalog.hasOperatorCredential() == false)
            try await catalog.insertCredential(Self.credential("cr0000000000000001", tenant: nil, role: .operator))
            #expect(try await catalog.hasOperatorCredential() == true)
            let found = try #require(try await catalog.credentialWithTenant("cr0000000000000001"))
            #expect(found.1 == nil)
        }
    }

    @Test("tenant credentials do not count as operator credentials")
    func hasOperatorIgnoresTenantRoles() async throws {
        try await withCatalog { catalog, _ in
            _ = try await catalog.createTenant(Self.tenant("demo-city"), whileInserting: {})
            try await catalog.insertCredential(Self.credential("cr0000000000000001", tenant: "demo-city", role: .hq))
            #expect(try await catalog.hasOperatorCredential() == false)
        }
    }

    @Test("the schema refuses an operator with a tenant and a tenant role without one")
    func roleTenantConsistency() async throws {
        try await withCatalog { catalog, _ in
            _ = try await catalog.createTenant(Self.tenant("demo-city"), whileInserting: {})
            await #expect(throws: (any Error).self) {
                try await catalog.insertCredential(Self.credential("cr0000000000000001", tenant: "demo-city", role: .operator))
            }
            await #expect(throws: (any Error).self) {
                try await catalog.insertCredential(Self.credential("cr0000000000000002", tenant: nil, role: .hq))
            }
            #expect(try await catalog.credentials(tenant: nil, includeRevoked: true).isEmpty)
        }
    }

    @Test("a credential for a tenant that does not exist is refused")
    func credentialNeedsTenant() async throws {
        try await withCatalog { catalog, _ in
            await #expect(throws: (any Error).self) {
                try await catalog.insertCredential(Self.credential("cr0000000000000001", tenant: "ghost-town"))
            }
        }
    }

    @Test("listing filters by tenant and hides revoked credentials unless asked")
    func credentialListing() async throws {
        try await withCatalog { catalog, _ in
            _ = try await catalog.createTenant(Self.tenant("city-a"), whileInserting: {})
            _ = try await catalog.createTenant(Self.tenant("city-b"), whileInserting: {})
            try await catalog.insertCredential(Self.credential("cr00000000000000a2", tenant: "city-a", created: 2))
            try await catalog.insertCredential(Self.credential("cr00000000000000a1", tenant: "city-a", created: 1))
            try await catalog.insertCredential(Self.credential("cr00000000000000b1", tenant: "city-b", created: 0))
            try await catalog.insertCredential(Self.credential("cr0000000000000000", tenant: nil, role: .operator))
            _ = try await catalog.revokeCredential("cr00000000000000a2", at: date(10))

            let cityA = try TenantID("city-a")
            #expect(try await catalog.credentials(tenant: cityA, includeRevoked: false).map(\.id) == ["cr00000000000000a1"])
            #expect(try await catalog.credentials(tenant: cityA, includeRevoked: true).map(\.id) == ["cr00000000000000a1", "cr00000000000000a2"])
            #expect(try await catalog.credentials(tenant: TenantID("city-b"), includeRevoked: true).map(\.id) == ["cr00000000000000b1"])
            // Without a tenant: everyone's, operators included.
            #expect(Set(try await catalog.credentials(tenant: nil, includeRevoked: false).map(\.id))
                == ["cr00000000000000a1", "cr00000000000000b1", "cr0000000000000000"])
        }
    }

    @Test("revoking stores the time; revoking again is failedPrecondition")
    func revoke() async throws {
        try await withCatalog { catalog, _ in
            _ = try await catalog.createTenant(Self.tenant("demo-city"), whileInserting: {})
            try await catalog.insertCredential(Self.credential("cr0000000000000001", tenant: "demo-city"))
            let revoked = try await catalog.revokeCredential("cr0000000000000001", at: date(30))
            #expect(revoked.revokedAt == date(30))
            #expect(try await catalog.credentialWithTenant("cr0000000000000001")?.0.revokedAt == date(30))

            let error = await #expect(throws: CivitasError.self) {
                try await catalog.revokeCredential("cr0000000000000001", at: date(60))
            }
            #expect(error?.code == .failedPrecondition)
            // The first revocation time stands.
            #expect(try await catalog.credentialWithTenant("cr0000000000000001")?.0.revokedAt == date(30))
        }
    }

    @Test("revoking an unknown credential is notFound")
    func revokeUnknown() async throws {
        try await withCatalog { catalog, _ in
            let error = await #expect(throws: CivitasError.self) {
                try await catalog.revokeCredential("cr0000000000000001", at: date(0))
            }
            #expect(error?.code == .notFound)
        }
    }
}
