import CivitasCore
internal import GRDB

/// A page of a listing: keyset-paged by id, so pages stay stable while rows are added.
public struct OrganizationPage<Entity: Sendable>: Sendable {
    public var items: [Entity]
    /// The id to continue after, or nil when the listing is complete.
    public var nextAfter: String?
}

/// What one listing may return, after the principal's block and the request's filter.
public struct OrganizationQuery: Sendable {
    public var block: BlockFilter
    /// Restrict to one sub-command's block (must lie inside what `block` allows).
    public var subcommand: String?
    public var includeInactive: Bool
    public var after: String?
    public var limit: Int

    public init(block: BlockFilter, subcommand: String? = nil, includeInactive: Bool = false, after: String? = nil, limit: Int = 100) {
        self.block = block
        self.subcommand = subcommand
        self.includeInactive = includeInactive
        self.after = after
        self.limit = limit
    }
}

extension TenantDatabase {
    public func subcommands(_ query: OrganizationQuery) async throws -> OrganizationPage<Subcommand> {
        try await pool.read { db in
            let visible = try Self.visibility(query, db)
            var request = SubcommandRow.all()
            switch visible {
            case .everything: break
            case .subcommand(let id): request = request.filter(Column("id") == id)
            case .onlyUnit: return OrganizationPage(items: [], nextAfter: nil)
            }
            return try Self.page(request, query, db)
        }
    }

    public func units(_ query: OrganizationQuery) async throws -> OrganizationPage<WorkUnit> {
        try await pool.read { db in
            var request = UnitRow.all()
            switch try Self.visibility(query, db) {
            case .everything: break
            case .subcommand(let id): request = request.filter(Column("subcommand_id") == id)
            case .onlyUnit(let id): request = request.filter(Column("id") == id)
            }
            return try Self.page(request, query, db)
        }
    }

    public func points(_ query: OrganizationQuery) async throws -> OrganizationPage<InspectionPoint> {
        try await pool.read { db in
            var request = PointRow.all()
            switch try Self.visibility(query, db) {
            case .everything: break
            case .subcommand(let id): request = request.filter(Column("subcommand_id") == id)
            case .onlyUnit: return OrganizationPage(items: [], nextAfter: nil)
            }
            return try Self.page(request, query, db)
        }
    }

    /// The unit's sub-command, or nil when it does not exist or belongs to an HQ line.
    public func subcommand(ofUnit unit: String) async throws -> String? {
        try await pool.read { db in try UnitRow.fetchOne(db, key: unit)?.subcommandId }
    }

    // MARK: Internals

    private enum Visibility { case everything, subcommand(String), onlyUnit(String) }

    /// Narrows the principal's block by the request's own filter; a filter outside the
    /// block is refused rather than silently answered with nothing.
    private static func visibility(_ query: OrganizationQuery, _ db: Database) throws -> Visibility {
        let allowed: Visibility
        switch query.block {
        case .everything: allowed = .everything
        case .subcommand(let id): allowed = .subcommand(id)
        case .unit(let id):
            if let subcommand = try UnitRow.fetchOne(db, key: id)?.subcommandId {
                allowed = .subcommand(subcommand)
            } else {
                allowed = .onlyUnit(id)
            }
        }
        guard let requested = query.subcommand, !requested.isEmpty else { return allowed }
        switch allowed {
        case .everything: return .subcommand(requested)
        case .subcommand(let own) where own == requested: return allowed
        default:
            throw CivitasError.permissionDenied(
                "This credential sees only its own block and cannot list sub-command \(requested.prefix(64))."
            )
        }
    }

    private static func page<R: OrganizationRow>(
        _ request: QueryInterfaceRequest<R>, _ query: OrganizationQuery, _ db: Database
    ) throws -> OrganizationPage<R.Entity> {
        var request = request
        if !query.includeInactive { request = request.filter(Column("active") == true) }
        if let after = query.after { request = request.filter(Column("id") > after) }
        let limit = min(max(query.limit, 1), 1000)
        let rows = try request.order(Column("id")).limit(limit + 1).fetchAll(db)
        let more = rows.count > limit
        let items = rows.prefix(limit)
        return OrganizationPage(items: items.map(\.entity), nextAfter: more ? items.last?.id : nil)
    }
}

extension TenantDatabase {
    /// Whether an entity is active: nil when it does not exist.
    public func isActive(_ kind: OrganizationKind, id: String) async throws -> Bool? {
        try await pool.read { db in
            switch kind {
            case .subcommand: try SubcommandRow.fetchOne(db, key: id)?.active
            case .unit: try UnitRow.fetchOne(db, key: id)?.active
            case .point: try PointRow.fetchOne(db, key: id)?.active
            }
        }
    }
}
