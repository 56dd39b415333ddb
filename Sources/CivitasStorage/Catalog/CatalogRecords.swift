import CivitasCore
import Foundation
internal import GRDB

/// A tenant as the catalog holds it.
public struct TenantRecord: Codable, Hashable, Sendable {
    public var id: String
    public var name: String
    public var state: String
    public var timeZone: String
    public var createdAt: Date
    public var updatedAt: Date

    public init(id: String, name: String, state: String, timeZone: String, createdAt: Date, updatedAt: Date) {
        (self.id, self.name, self.state, self.timeZone) = (id, name, state, timeZone)
        (self.createdAt, self.updatedAt) = (createdAt, updatedAt)
    }

    public var tenantID: TenantID { get throws { try TenantID(id) } }
    public var tenantState: TenantState { TenantState(rawValue: state) ?? .suspended }
}

/// A credential as the catalog holds it: only the hash of its secret.
public struct CredentialRecord: Codable, Hashable, Sendable {
    public var id: String
    public var tenantId: String?
    public var role: String
    public var scope: String?
    public var label: String
    public var secretSha256: Data
    public var createdAt: Date
    public var expiresAt: Date?
    public var revokedAt: Date?

    public init(
        id: String, tenantId: String?, role: String, scope: String?, label: String, secretSha256: Data,
        createdAt: Date, expiresAt: Date?, revokedAt: Date?
    ) {
        (self.id, self.tenantId, self.role, self.scope, self.label) = (id, tenantId, role, scope, label)
        self.secretSha256 = secretSha256
        (self.createdAt, self.expiresAt, self.revokedAt) = (createdAt, expiresAt, revokedAt)
    }

    public var roleValue: Role { get throws { try Role(parsing: role) } }
}

/// GRDB's view of a catalog record. The public record types stay free of GRDB, so the
/// modules above storage never depend on it.
protocol CatalogRow: Codable, FetchableRecord, PersistableRecord {
    associatedtype Record: Codable
    var record: Record { get }
    init(_ record: Record)
}

extension CatalogRow {
    static var databaseColumnDecodingStrategy: DatabaseColumnDecodingStrategy { .convertFromSnakeCase }
    static var databaseColumnEncodingStrategy: DatabaseColumnEncodingStrategy { .convertToSnakeCase }
    init(from decoder: any Decoder) throws { self.init(try Record(from: decoder)) }
    func encode(to encoder: any Encoder) throws { try record.encode(to: encoder) }
}

struct TenantRow: CatalogRow {
    static let databaseTableName = "tenant"
    var record: TenantRecord
    init(_ record: TenantRecord) { self.record = record }
}

struct CredentialRow: CatalogRow {
    static let databaseTableName = "credential"
    var record: CredentialRecord
    init(_ record: CredentialRecord) { self.record = record }
}
