/// Cross-inspection assignment (DOMAIN §6): for a period, every active inspection point is
/// given to an active sub-command other than its owner, with loads balanced to within one
/// point, deterministically for a given seed (``SplitMix64``; the seed alone decides, so a
/// new period needs a new seed for a new rotation).
///
/// **When it is impossible.** With N points and k sub-commands, balanced loads are
/// q = N / k or q + 1. The points a sub-command owns must all go to the others, who can
/// take at most N − q between them (its own load is at least q). So it is possible exactly
/// when k ≥ 2 and no sub-command owns more than N − q points — e.g. with two sub-commands
/// each must own at most half (rounded up) of the points. By Hall's theorem this is also
/// enough: the only sets of points with fewer than all k inspectors available are one
/// owner's points. Points of an inactive sub-command may go to anyone; inactive points are
/// not inspected.
public enum CrossInspection {
    public static func assign(
        points: [InspectionPoint], subcommands: [Subcommand], period: Period, seed: UInt64
    ) throws(CivitasError) -> CrossInspectionPlan {
        let inspectors = Array(Set(subcommands.filter(\.active).map(\.id))).sorted()
        let active = points.filter(\.active).sorted { $0.id < $1.id }
        guard inspectors.count >= 2 else {
            throw .failedPrecondition(
                "Cross-inspection for \(period.name) needs at least two active sub-commands, so that nobody inspects their own "
                    + "points; found \(inspectors.count).")
        }
        let total = active.count
        let base = total / inspectors.count
        let owned = Dictionary(grouping: active, by: \.subcommand)
        for inspector in inspectors where (owned[inspector]?.count ?? 0) > total - base {
            throw .failedPrecondition(
                "Cross-inspection for \(period.name) cannot be balanced: sub-command \(inspector) owns \(owned[inspector]!.count) "
                    + "of the \(total) active points, but with loads of \(base) or \(base + 1) points each the other "
                    + "\(inspectors.count - 1) sub-commands can take at most \(total - base).")
        }

        var generator = SplitMix64(seed: seed)
        let capacities = loads(inspectors: inspectors, owned: owned, total: total, generator: &generator)
        // Groups of points by owner: one per inspecting sub-command, one for the rest.
        let owners = inspectors + [nil]
        let groups = owners.map { owner in owner.map { owned[$0] ?? [] } ?? active.filter { !inspectors.contains($0.subcommand) } }
        var order = Array(inspectors.indices)
        generator.shuffle(&order)
        guard
            let amounts = BalancedTransport.solve(
                supplies: groups.map(\.count), capacities: capacities, forbidden: owners.map { $0.flatMap(inspectors.firstIndex(of:)) },
                order: order)
        else {
            throw CivitasError(.internal, "Cross-inspection for \(period.name) found no assignment although one exists; please report this.")
        }

        var assignments: [CrossInspectionAssignment] = []
        for (groupIndex, group) in groups.enumerated() {
            var shuffled = group
            generator.shuffle(&shuffled)
            var next = shuffled.makeIterator()
            for (inspectorIndex, amount) in amounts[groupIndex].enumerated() {
                for _ in 0..<amount {
                    let point = next.next()!
                    assignments.append(
                        CrossInspectionAssignment(point: point.id, pointName: point.name, owner: point.subcommand, inspector: inspectors[inspectorIndex]))
                }
            }
        }
        return CrossInspectionPlan(period: period.name, seed: seed, assignments: assignments.sorted { $0.point < $1.point })
    }

    /// Every inspector's load: q, and q + 1 for `total mod k` of them drawn by the seed
    /// among those who may take one more (owning at most N − q − 1 points).
    private static func loads(
        inspectors: [String], owned: [String: [InspectionPoint]], total: Int, generator: inout SplitMix64
    ) -> [Int] {
        let base = total / inspectors.count
        var extra = Array(inspectors.indices.filter { (owned[inspectors[$0]]?.count ?? 0) <= total - base - 1 })
        generator.shuffle(&extra)
        var capacities = Array(repeating: base, count: inspectors.count)
        // Enough always remain: two inspectors owning exactly N − q points each would own
        // more than N when k ≥ 3, and for k = 2 both do only when N is even (no extra).
        for index in extra.prefix(total % inspectors.count) { capacities[index] += 1 }
        return capacities
    }
}
