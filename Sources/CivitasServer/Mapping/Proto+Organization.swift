import CivitasCore
import CivitasProtos

extension Subcommand {
    init(_ message: Civitas_V1_Subcommand) {
        self.init(id: message.id, name: message.name, active: message.active)
    }
}

extension Civitas_V1_Subcommand {
    init(_ entity: Subcommand, tenant: TenantID) {
        self.init()
        self.tenant = tenant.rawValue
        id = entity.id
        name = entity.name
        active = entity.active
    }
}

extension WorkUnit {
    init(_ message: Civitas_V1_Unit) {
        self.init(
            id: message.id, name: message.name, subcommand: message.subcommand.isEmpty ? nil : message.subcommand,
            active: message.active
        )
    }
}

extension Civitas_V1_Unit {
    init(_ entity: WorkUnit, tenant: TenantID) {
        self.init()
        self.tenant = tenant.rawValue
        id = entity.id
        name = entity.name
        subcommand = entity.subcommand ?? ""
        active = entity.active
    }
}

extension InspectionPoint {
    init(_ message: Civitas_V1_InspectionPoint) {
        self.init(
            id: message.id, name: message.name, subcommand: message.subcommand, type: message.type,
            address: message.address,
            location: message.hasLocation_p ? Coordinates(latitude: message.latitude, longitude: message.longitude) : nil,
            active: message.active
        )
    }
}

extension Civitas_V1_InspectionPoint {
    init(_ entity: InspectionPoint, tenant: TenantID) {
        self.init()
        self.tenant = tenant.rawValue
        id = entity.id
        name = entity.name
        subcommand = entity.subcommand
        type = entity.type
        address = entity.address
        active = entity.active
        if let location = entity.location {
            hasLocation_p = true
            latitude = location.latitude
            longitude = location.longitude
        }
    }
}
