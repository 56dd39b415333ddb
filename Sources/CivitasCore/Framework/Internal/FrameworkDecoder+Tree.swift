/// Categories and items: codes, names, points that add up, tags and node gates.
extension FrameworkDecoder {
    /// The categories, or nil when any node could not be read (problems are recorded).
    mutating func tree(_ root: JSONObject) -> [FrameworkCategory]? {
        guard let elements = reader.array(root, "categories", required: "a framework needs its categories") else {
            allLeafPointsKnown = false
            return nil
        }
        if elements.isEmpty { reader.report(root.path("categories"), "A framework needs at least one category.") }
        let decoded = elements.map { category($0.value, at: $0.path) }
        let totalPath = root.path("total")
        if let total = number(root, "total") {
            checkSum(decoded.map(\.points), of: total, at: totalPath, children: "categories", parent: "total")
        }
        let categories = decoded.compactMap(\.node)
        return categories.count == decoded.count ? categories : nil
    }

    private mutating func category(_ value: JSONValue, at path: String) -> (node: FrameworkCategory?, points: Double?) {
        let (node, points) = innerNode(value, at: path, tagged: false, shape: .category) { decoder, value, path, tagged in
            decoder.item(value, at: path, tagged: tagged)
        }
        let category = node.map {
            FrameworkCategory(
                code: $0.code, name: $0.name, description: $0.description, points: $0.points, spiritual: $0.spiritual, gate: $0.gate,
                items: $0.children)
        }
        return (category, points)
    }

    /// `tagged`: the category is spiritual, so everything under it is.
    private mutating func item(_ value: JSONValue, at path: String, tagged: Bool) -> (node: FrameworkItem?, points: Double?) {
        let (node, points) = innerNode(value, at: path, tagged: tagged, shape: .item) { decoder, value, path, tagged in
            decoder.indicator(value, at: path, tagged: tagged)
        }
        let item = node.map {
            FrameworkItem(
                code: $0.code, name: $0.name, description: $0.description, points: $0.points, spiritual: $0.spiritual, gate: $0.gate,
                indicators: $0.children)
        }
        return (item, points)
    }

    /// A category or an item: the fields both have, read in the same order, then its
    /// children, whose points must add up to its own. Nil fields when anything is bad (the
    /// problems are recorded); the points whenever they could be read, for the parent's sum.
    private mutating func innerNode<Child>(
        _ value: JSONValue, at path: String, tagged: Bool, shape: InnerNodeShape,
        child: (inout FrameworkDecoder, JSONValue, String, Bool) -> (node: Child?, points: Double?)
    ) -> (node: InnerNodeFields<Child>?, points: Double?) {
        let fields = ["code", "name", "description", "points", "spiritual", "gate", shape.childrenKey]
        guard let object = reader.object(value, at: path, allowed: fields) else {
            allLeafPointsKnown = false
            return (nil, nil)
        }
        let code = reader.code(object, required: "every \(shape.noun) needs a code")
        if let code { claim(code, at: path) }
        let name = reader.name(object, "name", required: "every \(shape.noun) needs its name\(shape.nameExample)")
        let description = reader.text(object, "description")
        let points = positive(object, "points", required: "every \(shape.noun) needs its points")
        let spiritual = reader.bool(object, "spiritual") ?? false
        let gate = nodeGate(object)
        var children: [Child]?
        if let elements = reader.array(object, shape.childrenKey, required: "every \(shape.noun) needs its \(shape.childrenKey)") {
            if elements.isEmpty { reader.report(object.path(shape.childrenKey), "\(shape.article) \(shape.noun) needs at least one \(shape.childNoun).") }
            let decoded = elements.map { child(&self, $0.value, $0.path, tagged || spiritual) }
            if let points {
                checkSum(decoded.map(\.points), of: points, at: object.path("points"), children: shape.childrenKey, parent: shape.noun)
            }
            let complete = decoded.compactMap(\.node)
            children = complete.count == decoded.count ? complete : nil
        } else {
            allLeafPointsKnown = false
        }
        guard let code, let name, let points, let gate, let children else { return (nil, points) }
        let node = InnerNodeFields(
            code: code, name: name, description: description, points: points, spiritual: spiritual, gate: gate, children: children)
        return (node, points)
    }

    /// The node's gate: `.some(nil)` when absent, nil when present but bad.
    private mutating func nodeGate(_ object: JSONObject) -> NodeGate?? {
        guard let value = object["gate"] else { return .some(nil) }
        guard let gate = reader.object(value, at: object.path("gate"), allowed: ["min_fraction"]) else { return nil }
        guard let fraction = reader.number(gate, "min_fraction", required: "a node gate needs the minimum fraction of the node's points") else {
            return nil
        }
        guard fraction > 0, fraction <= 1 else {
            reader.report(gate.path("min_fraction"), "The minimum fraction must be above 0 and at most 1, not \(fraction.formattedForProblem).")
            return nil
        }
        return .some(NodeGate(minimumFraction: fraction))
    }

    /// Children's points must add up to the parent's (within the points tolerance). Skipped
    /// when a child's points are unreadable: that child already has its own problem.
    mutating func checkSum(_ children: [Double?], of parent: Double, at path: String, children label: String, parent noun: String) {
        let known = children.compactMap { $0 }
        guard known.count == children.count, !known.isEmpty else { return }
        let sum = known.reduce(0, +)
        guard abs(sum - parent) > pointsTolerance else { return }
        let whose = noun == "total" ? "the framework's total is" : "the \(noun) has"
        reader.report(
            path,
            "The \(label)' points add up to \(sum.formattedForProblem), but \(whose) \(parent.formattedForProblem) points; they must be equal."
        )
    }

    /// A number already read (and checked) elsewhere, read again quietly.
    private func number(_ object: JSONObject, _ key: String) -> Double? {
        if let value = object[key]?.numberValue, value.isFinite, value > 0 { return value }
        return nil
    }
}

/// How problems name a category or an item, and where its children are.
private struct InnerNodeShape {
    let noun: String
    let article: String
    /// Appended to "every category needs its name".
    let nameExample: String
    let childrenKey: String
    let childNoun: String

    static let category = InnerNodeShape(
        noun: "category", article: "A", nameExample: ", e.g. 未成年人思想道德建设", childrenKey: "items", childNoun: "item")
    static let item = InnerNodeShape(noun: "item", article: "An", nameExample: "", childrenKey: "indicators", childNoun: "indicator")
}

/// The fields a category and an item share, all read and valid.
private struct InnerNodeFields<Child> {
    var code: String
    var name: String
    var description: String
    var points: Double
    var spiritual: Bool
    var gate: NodeGate?
    var children: [Child]
}
