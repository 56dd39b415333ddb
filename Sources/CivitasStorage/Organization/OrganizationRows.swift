import CivitasCore
import Foundation
internal import GRDB

// The organization tables' rows, mapped to and from the domain's plain entities. Kept
// separate so that the domain core never sees a GRDB type.

struct SubcommandRow: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "subcommand"
    static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    var id: String
    var name: String
    var active: Bool
    var createdAt: Date
    var updatedAt: Date

    var entity: Subcommand { Subcommand(id: id, name: name, active: active) }

    init(_ entity: Subcommand, createdAt: Date, updatedAt: Date) {
        (id, name, active) = (entity.id, entity.name, entity.active)
        (self.createdAt, self.updatedAt) = (createdAt, updatedAt)
    }
}

struct UnitRow: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "unit"
    static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    var id: String
    var name: String
    var subcommandId: String?
    var active: Bool
    var createdAt: Date
    var updatedAt: Date

    var entity: WorkUnit { WorkUnit(id: id, name: name, subcommand: subcommandId, active: active) }

    init(_ entity: WorkUnit, createdAt: Date, updatedAt: Date) {
        (id, name, subcommandId, active) = (entity.id, entity.name, entity.subcommand, entity.active)
        (self.createdAt, self.updatedAt) = (createdAt, updatedAt)
    }
}

struct PointRow: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "inspection_point"
    static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    var id: String
    var name: String
    var subcommandId: String
    var type: String
    var address: String
    var latitude: Double?
    var longitude: Double?
    var active: Bool
    var createdAt: Date
    var updatedAt: Date

    var entity: InspectionPoint {
        let location = latitude.flatMap { lat in longitude.map { Coordinates(latitude: lat, longitude: $0) } }
        return InspectionPoint(
            id: id, name: name, subcommand: subcommandId, type: type, address: address, location: location, active: active
        )
    }

    init(_ entity: InspectionPoint, createdAt: Date, updatedAt: Date) {
        (id, name, subcommandId, type, address) = (entity.id, entity.name, entity.subcommand, entity.type, entity.address)
        (latitude, longitude) = (entity.location?.latitude, entity.location?.longitude)
        active = entity.active
        (self.createdAt, self.updatedAt) = (createdAt, updatedAt)
    }
}

/// What the organization tables have in common, so one write path serves all three.
protocol OrganizationRow: FetchableRecord, PersistableRecord, Sendable {
    associatedtype Entity: Hashable & Sendable
    var id: String { get }
    var entity: Entity { get }
    var createdAt: Date { get }
    init(_ entity: Entity, createdAt: Date, updatedAt: Date)
}

extension SubcommandRow: OrganizationRow {}
extension UnitRow: OrganizationRow {}
extension PointRow: OrganizationRow {}
