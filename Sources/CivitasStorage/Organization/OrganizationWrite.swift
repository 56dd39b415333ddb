import CivitasCore

/// A batch of organization entities of one kind, as one import file or one call holds.
public enum OrganizationBatch: Sendable {
    case subcommands([Subcommand])
    case units([WorkUnit])
    case points([InspectionPoint])

    public var kind: OrganizationKind {
        switch self {
        case .subcommands: .subcommand
        case .units: .unit
        case .points: .point
        }
    }

    public var count: Int {
        switch self {
        case .subcommands(let list): list.count
        case .units(let list): list.count
        case .points(let list): list.count
        }
    }
}

/// How a write treats entities that already exist.
public enum OrganizationWriteMode: Sendable {
    /// Each entity must be new (a single "create" call).
    case create
    /// Each entity must exist (a single "update" call).
    case update
    /// Create what is new, update what changed, leave the rest (imports).
    case upsert
}

public struct OrganizationWriteSummary: Hashable, Sendable {
    public var created = 0
    public var updated = 0
    public var unchanged = 0

    public init(created: Int = 0, updated: Int = 0, unchanged: Int = 0) {
        self.created = created
        self.updated = updated
        self.unchanged = unchanged
    }
}

/// A batch is stored whole, or refused whole with every problem listed.
public enum OrganizationWriteResult: Hashable, Sendable {
    case written(OrganizationWriteSummary)
    case refused([RecordProblem])
}
