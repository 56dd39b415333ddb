import CivitasCore

/// A framework's tree flattened to rows keyed by node code, in document order: what the
/// structural diff compares.
struct FrameworkNodeList {
    struct Node {
        enum Level: String { case category, item, indicator }

        var level: Level
        var code: String
        var name: String
        var description: String
        var points: Double
        var spiritual: Bool
        /// `category A` / `item A1`; nil for a category.
        var parent: String?
        var gate: String?
        var indicator: FrameworkIndicator?

        var subject: String { "\(level.rawValue) \(code) \(name)" }
    }

    var nodes: [Node] = []
    var byCode: [String: Node] = [:]

    init(_ framework: Framework) {
        for category in framework.categories {
            add(Node(
                level: .category, code: category.code, name: category.name, description: category.description,
                points: category.points, spiritual: category.spiritual, gate: category.gate.map(FrameworkRuleText.gate)
            ))
            for item in category.items {
                add(Node(
                    level: .item, code: item.code, name: item.name, description: item.description, points: item.points,
                    spiritual: item.spiritual, parent: "category \(category.code)", gate: item.gate.map(FrameworkRuleText.gate)
                ))
                for indicator in item.indicators {
                    add(Node(
                        level: .indicator, code: indicator.code, name: indicator.name, description: indicator.description,
                        points: indicator.points, spiritual: indicator.spiritual, parent: "item \(item.code)",
                        gate: indicator.gate.map(FrameworkRuleText.gate), indicator: indicator
                    ))
                }
            }
        }
    }

    private mutating func add(_ node: Node) {
        nodes.append(node)
        // A code used twice is refused on publish; keep the first so the diff stays defined.
        if byCode[node.code] == nil { byCode[node.code] = node }
    }

    /// The same code at the same level: a node that exists on both sides.
    func counterpart(of node: Node) -> Node? {
        byCode[node.code].flatMap { $0.level == node.level ? $0 : nil }
    }
}
