/// A sub-command (分指挥部): owns a block of the city, its units and its points.
public struct Subcommand: Hashable, Sendable {
    public var id: String
    public var name: String
    public var active: Bool

    public init(id: String, name: String, active: Bool = true) {
        self.id = id
        self.name = name
        self.active = active
    }
}

/// A responsible work unit (责任单位).
public struct WorkUnit: Hashable, Sendable {
    public var id: String
    public var name: String
    /// Nil when the unit works on one of HQ's own lines of work (条) rather than in a block.
    public var subcommand: String?
    public var active: Bool

    public init(id: String, name: String, subcommand: String?, active: Bool = true) {
        self.id = id
        self.name = name
        self.subcommand = subcommand
        self.active = active
    }
}

/// An inspection point (点位) that field inspectors visit.
public struct InspectionPoint: Hashable, Sendable {
    public var id: String
    public var name: String
    public var subcommand: String
    /// market, bus_stop, community, school_surroundings, …
    public var type: String
    public var address: String
    public var location: Coordinates?
    public var active: Bool

    public init(
        id: String, name: String, subcommand: String, type: String, address: String = "",
        location: Coordinates? = nil, active: Bool = true
    ) {
        self.id = id
        self.name = name
        self.subcommand = subcommand
        self.type = type
        self.address = address
        self.location = location
        self.active = active
    }
}

public struct Coordinates: Hashable, Sendable {
    public var latitude: Double
    public var longitude: Double

    public init(latitude: Double, longitude: Double) {
        self.latitude = latitude
        self.longitude = longitude
    }
}

/// The three kinds of organization entity, as named in messages and CLI arguments.
public enum OrganizationKind: String, CaseIterable, Sendable {
    case subcommand
    case unit
    case point

    public var plural: String {
        switch self {
        case .subcommand: "subcommands"
        case .unit: "units"
        case .point: "points"
        }
    }
}
