/// A small max-flow (Edmonds–Karp) that sends every group's points to inspectors within
/// their capacities, never to the one inspector a group may not use. Sizes are tiny (a
/// city has about ten sub-commands), so a dense residual matrix is plenty.
enum BalancedTransport {
    /// `amounts[group][inspector]`, or nil when not every point can be placed.
    ///
    /// - Parameters:
    ///   - supplies: points per group.
    ///   - capacities: load per inspector; they sum to the total supply.
    ///   - forbidden: per group, the inspector it may not use (its owner), if any.
    ///   - order: the order inspectors are explored in, so the seed varies the result.
    static func solve(supplies: [Int], capacities: [Int], forbidden: [Int?], order: [Int]) -> [[Int]]? {
        let groups = supplies.count
        let inspectors = capacities.count
        let source = 0
        let sink = groups + inspectors + 1
        func groupNode(_ g: Int) -> Int { 1 + g }
        func inspectorNode(_ i: Int) -> Int { 1 + groups + i }

        var residual = Array(repeating: Array(repeating: 0, count: sink + 1), count: sink + 1)
        for g in 0..<groups {
            residual[source][groupNode(g)] = supplies[g]
            for i in 0..<inspectors where forbidden[g] != i { residual[groupNode(g)][inspectorNode(i)] = supplies[g] }
        }
        for i in 0..<inspectors { residual[inspectorNode(i)][sink] = capacities[i] }
        let exploration = [source] + (0..<groups).map(groupNode) + order.map(inspectorNode) + [sink]

        var flow = 0
        while let path = shortestPath(residual, from: source, to: sink, exploration: exploration) {
            var bottleneck = Int.max
            for (u, v) in zip(path, path.dropFirst()) { bottleneck = min(bottleneck, residual[u][v]) }
            for (u, v) in zip(path, path.dropFirst()) {
                residual[u][v] -= bottleneck
                residual[v][u] += bottleneck
            }
            flow += bottleneck
        }
        guard flow == supplies.reduce(0, +) else { return nil }
        // What went from group g to inspector i is the residual capacity of the reverse edge.
        return (0..<groups).map { g in (0..<inspectors).map { i in residual[inspectorNode(i)][groupNode(g)] } }
    }

    /// Breadth-first search over edges with residual capacity, nodes visited in `exploration` order.
    private static func shortestPath(_ residual: [[Int]], from source: Int, to sink: Int, exploration: [Int]) -> [Int]? {
        var parent = Array(repeating: -1, count: residual.count)
        parent[source] = source
        var queue = [source]
        var head = 0
        while head < queue.count {
            let u = queue[head]
            head += 1
            for v in exploration where parent[v] == -1 && residual[u][v] > 0 {
                parent[v] = u
                if v == sink {
                    var path = [sink]
                    while path.last! != source { path.append(parent[path.last!]) }
                    return path.reversed()
                }
                queue.append(v)
            }
        }
        return nil
    }
}
