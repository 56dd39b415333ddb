/// The organization as submissions see it: who exists, in which block, and whether it
/// is active. Loaded once and cached per tenant until the organization changes.
public struct OrganizationSnapshot: Sendable {
    public struct UnitEntry: Sendable {
        public var subcommand: String?
        public var active: Bool
        public init(subcommand: String?, active: Bool) {
            self.subcommand = subcommand
            self.active = active
        }
    }

    public struct PointEntry: Sendable {
        public var subcommand: String
        public var active: Bool
        public init(subcommand: String, active: Bool) {
            self.subcommand = subcommand
            self.active = active
        }
    }

    public var subcommands: [String: Bool]
    public var units: [String: UnitEntry]
    public var points: [String: PointEntry]

    public init(subcommands: [String: Bool], units: [String: UnitEntry], points: [String: PointEntry]) {
        self.subcommands = subcommands
        self.units = units
        self.points = points
    }
}
