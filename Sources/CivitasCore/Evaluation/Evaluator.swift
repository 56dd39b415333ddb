/// Evaluates scopes of one framework over one period's data (DOMAIN §3.1–§3.3, §5).
///
/// One evaluator serves every scope of a run (the city and each sub-command): it holds
/// the data by value (copy-on-write, so building one costs nothing) and resolves each
/// inspection point's sub-command once.
public struct Evaluator: Sendable {
    public let framework: PublishedFramework
    public let organization: OrganizationSnapshot
    public let data: EvaluationData
    /// By the data's point index: the sub-command owning each inspection point (nil for a
    /// point the organization does not know, which then counts only for the city).
    let pointSubcommands: [String?]

    public init(framework: PublishedFramework, organization: OrganizationSnapshot, data: EvaluationData) {
        self.framework = framework
        self.organization = organization
        self.data = data
        pointSubcommands = data.inspections.pointNames.map { organization.points[$0]?.subcommand }
    }

    /// Every leaf that applies in `scope`, scored; node sums (points and earned of the
    /// applying leaves, summed in framework order, each node the sum of its children);
    /// gates; and for the city the eligibility verdict.
    public func evaluate(_ scope: EvaluationScope) -> EvaluationOutcome {
        let tree = framework.framework
        var outcome = EvaluationOutcome(
            framework: tree.code, frameworkVersion: framework.version, frameworkSHA256: framework.documentSHA256,
            period: data.period.name, scope: scope, cutoff: data.cutoff, inputDigest: data.inputDigest, earned: 0, maxPoints: 0,
            eligible: nil, leaves: [], nodes: [], gates: [])
        var total = NodeSum()
        for (categoryIndex, category) in tree.categories.enumerated() {
            let categoryPath = "categories[\(categoryIndex)]"
            var categorySum = NodeSum()
            var itemNodes: [NodeOutcome] = []
            var itemGates: [GateOutcome] = []
            for (itemIndex, item) in category.items.enumerated() {
                let itemPath = "\(categoryPath).items[\(itemIndex)]"
                var itemSum = NodeSum()
                var leafGates: [GateOutcome] = []
                for (leafIndex, indicator) in item.indicators.enumerated() where applies(indicator, in: scope) {
                    let leaf = score(indicator, path: "\(itemPath).indicators[\(leafIndex)]", in: scope)
                    outcome.leaves.append(leaf)
                    itemSum.add(points: leaf.points, earned: leaf.earned)
                    if let gate = indicator.gate { leafGates.append(Self.leafGate(gate, leaf: leaf)) }
                }
                guard itemSum.applies else { continue }
                itemNodes.append(NodeOutcome(code: item.code, path: itemPath, level: .item, points: itemSum.points, earned: itemSum.earned))
                if let gate = item.gate { itemGates.append(Self.nodeGate(gate, code: item.code, path: itemPath, sum: itemSum)) }
                itemGates += leafGates
                categorySum.add(points: itemSum.points, earned: itemSum.earned)
            }
            guard categorySum.applies else { continue }
            outcome.nodes.append(
                NodeOutcome(code: category.code, path: categoryPath, level: .category, points: categorySum.points, earned: categorySum.earned))
            outcome.nodes += itemNodes
            if let gate = category.gate { outcome.gates.append(Self.nodeGate(gate, code: category.code, path: categoryPath, sum: categorySum)) }
            outcome.gates += itemGates
            total.add(points: categorySum.points, earned: categorySum.earned)
        }
        outcome.earned = total.earned
        outcome.maxPoints = total.points
        if scope == .city {
            outcome.eligible = total.earned >= tree.passScore && outcome.gates.allSatisfy(\.passed)
        }
        return outcome
    }

    /// Whether a leaf counts in `scope` (DOMAIN §5): everywhere in the city; in a
    /// sub-command, material when one of its assigned units is in the block, inspection
    /// and survey always, feed only when marked `per_block`.
    func applies(_ indicator: FrameworkIndicator, in scope: EvaluationScope) -> Bool {
        guard scope.subcommand != nil else { return true }
        switch indicator.measure {
        case .material: return !assignedUnits(indicator, in: scope).isEmpty
        case .inspection, .survey: return true
        case .feed: return indicator.perBlock
        }
    }

    /// `v` → flags, `f` and earned points. No data: missing; fewer samples than the leaf's
    /// `min_samples`: insufficient; both leave `v` nil and earn nothing. A value that is
    /// not finite (a sum past the largest double) reads as missing.
    func score(_ indicator: FrameworkIndicator, path: String, in scope: EvaluationScope) -> LeafOutcome {
        let measurement = measure(indicator, in: scope)
        var value = measurement.value
        var flags: [LeafFlag] = []
        if value?.isFinite != true {
            value = nil
            flags = [.missing]
        } else if let minimum = indicator.minimumSamples, measurement.samples < minimum {
            value = nil
            flags = [.insufficient]
        }
        let fraction = value.map(indicator.scoring.fraction(for:)) ?? 0
        return LeafOutcome(
            code: indicator.code, path: path, points: indicator.points, value: value, fraction: fraction,
            earned: indicator.points * fraction, flags: flags, samples: measurement.samples)
    }

    /// A leaf gate holds when `v` meets its condition; a missing value fails it.
    static func leafGate(_ gate: LeafGate, leaf: LeafOutcome) -> GateOutcome {
        GateOutcome(
            node: leaf.code, path: leaf.path, condition: "value \(gate.condition.op.rawValue) \(CanonicalNumberStyle.shortestRoundTrip.text(gate.condition.value))",
            passed: leaf.value.map(gate.condition.isMet(by:)) ?? false, value: leaf.value)
    }

    /// A node gate holds when the node earned at least its fraction of the points that
    /// apply in scope. Its value is earned ÷ points (nil when the node has no points).
    static func nodeGate(_ gate: NodeGate, code: String, path: String, sum: NodeSum) -> GateOutcome {
        GateOutcome(
            node: code, path: path, condition: "earned >= \(CanonicalNumberStyle.shortestRoundTrip.text(gate.minimumFraction)) of points",
            passed: sum.earned >= gate.minimumFraction * sum.points, value: sum.points > 0 ? sum.earned / sum.points : nil)
    }
}

/// Points and earned of the applying leaves under a node, added in framework order.
struct NodeSum: Sendable {
    var points = 0.0
    var earned = 0.0
    /// At least one leaf applies (a node without one is omitted from the scope).
    var applies = false

    mutating func add(points: Double, earned: Double) {
        self.points += points
        self.earned += earned
        applies = true
    }
}
