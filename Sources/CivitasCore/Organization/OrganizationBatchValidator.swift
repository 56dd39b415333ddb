/// Validates a batch of organization entities of one kind against what the tenant
/// already holds plus what the same batch adds, listing every problem found.
public struct OrganizationBatchValidator: Sendable {
    /// Sub-commands that exist, by id, with whether they are active.
    public var subcommands: [String: Bool]

    public init(subcommands: [String: Bool]) {
        self.subcommands = subcommands
    }

    public func problems(subcommands batch: [Subcommand]) -> [RecordProblem] {
        Self.collect(batch, id: \.id, name: \.name) { _ in [] }
    }

    public func problems(units batch: [WorkUnit]) -> [RecordProblem] {
        Self.collect(batch, id: \.id, name: \.name) { unit in
            guard let subcommand = unit.subcommand, let reason = referenceProblem(subcommand) else { return [] }
            return [("subcommand", reason)]
        }
    }

    public func problems(points batch: [InspectionPoint]) -> [RecordProblem] {
        Self.collect(batch, id: \.id, name: \.name) { point in
            var found: [(String, String)] = []
            if point.subcommand.isEmpty {
                found.append(("subcommand", "is empty: every inspection point belongs to a sub-command"))
            } else if let reason = referenceProblem(point.subcommand) {
                found.append(("subcommand", reason))
            }
            if let reason = OrganizationRules.pointTypeProblem(point.type) { found.append(("type", reason)) }
            if let location = point.location { found += OrganizationRules.locationProblems(location) }
            if point.address.count > 500 { found.append(("address", "is longer than 500 characters")) }
            return found
        }
    }

    private func referenceProblem(_ subcommand: String) -> String? {
        switch subcommands[subcommand] {
        case nil: "names sub-command \"\(subcommand.prefix(64))\", which does not exist"
        case false?: "names sub-command \(subcommand), which is deactivated"
        case true?: nil
        }
    }

    /// Runs the checks every kind shares (id, uniqueness in the batch, name) and the
    /// kind's own `extra` checks, in field order, for every record.
    private static func collect<Entity>(
        _ batch: [Entity],
        id: KeyPath<Entity, String>,
        name: KeyPath<Entity, String>,
        extra: (Entity) -> [(field: String, reason: String)]
    ) -> [RecordProblem] {
        var problems: [RecordProblem] = []
        var firstIndexByID: [String: Int] = [:]
        for (index, entity) in batch.enumerated() {
            let entityID = entity[keyPath: id]
            var found: [(field: String, reason: String)] = []
            if let reason = OrganizationRules.idProblem(entityID) { found.append(("id", reason)) }
            if let earlier = firstIndexByID[entityID] {
                found.append(("id", "repeats the id of record \(earlier) in the same batch"))
            } else {
                firstIndexByID[entityID] = index
            }
            if let reason = OrganizationRules.nameProblem(entity[keyPath: name]) { found.append(("name", reason)) }
            found += extra(entity)
            problems += found.map { RecordProblem(index: index, record: entityID, field: $0.field, reason: $0.reason) }
        }
        return problems
    }
}
