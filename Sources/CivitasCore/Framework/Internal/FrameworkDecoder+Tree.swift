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
        let fields = ["code", "name", "description", "points", "spiritual", "gate", "items"]
        guard let object = reader.object(value, at: path, allowed: fields) else {
            allLeafPointsKnown = false
            return (nil, nil)
        }
        let code = reader.code(object, required: "every category needs a code")
        if let code { claim(code, at: path) }
        let name = reader.name(object, "name", required: "every category needs its name, e.g. 未成年人思想道德建设")
        let description = reader.text(object, "description")
        let points = positive(object, "points", required: "every category needs its points")
        let spiritual = reader.bool(object, "spiritual") ?? false
        let gate = nodeGate(object)
        var items: [FrameworkItem]?
        if let elements = reader.array(object, "items", required: "every category needs its items") {
            if elements.isEmpty { reader.report(object.path("items"), "A category needs at least one item.") }
            let decoded = elements.map { item($0.value, at: $0.path, tagged: spiritual) }
            if let points { checkSum(decoded.map(\.points), of: points, at: object.path("points"), children: "items", parent: "category") }
            let complete = decoded.compactMap(\.node)
            items = complete.count == decoded.count ? complete : nil
        } else {
            allLeafPointsKnown = false
        }
        guard let code, let name, let points, let gate, let items else { return (nil, points) }
        let category = FrameworkCategory(
            code: code, name: name, description: description, points: points, spiritual: spiritual, gate: gate, items: items
        )
        return (category, points)
    }

    /// `tagged`: the category is spiritual, so everything under it is.
    private mutating func item(_ value: JSONValue, at path: String, tagged: Bool) -> (node: FrameworkItem?, points: Double?) {
        let fields = ["code", "name", "description", "points", "spiritual", "gate", "indicators"]
        guard let object = reader.object(value, at: path, allowed: fields) else {
            allLeafPointsKnown = false
            return (nil, nil)
        }
        let code = reader.code(object, required: "every item needs a code")
        if let code { claim(code, at: path) }
        let name = reader.name(object, "name", required: "every item needs its name")
        let description = reader.text(object, "description")
        let points = positive(object, "points", required: "every item needs its points")
        let spiritual = reader.bool(object, "spiritual") ?? false
        let gate = nodeGate(object)
        var indicators: [FrameworkIndicator]?
        if let elements = reader.array(object, "indicators", required: "every item needs its indicators") {
            if elements.isEmpty { reader.report(object.path("indicators"), "An item needs at least one indicator.") }
            let decoded = elements.map { indicator($0.value, at: $0.path, tagged: tagged || spiritual) }
            if let points {
                checkSum(decoded.map(\.points), of: points, at: object.path("points"), children: "indicators", parent: "item")
            }
            let complete = decoded.compactMap(\.node)
            indicators = complete.count == decoded.count ? complete : nil
        } else {
            allLeafPointsKnown = false
        }
        guard let code, let name, let points, let gate, let indicators else { return (nil, points) }
        let item = FrameworkItem(
            code: code, name: name, description: description, points: points, spiritual: spiritual, gate: gate,
            indicators: indicators
        )
        return (item, points)
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
