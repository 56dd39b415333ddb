/// The framework as the document schema (docs/frameworks.md), field for field, so that
/// the canonical bytes are themselves a document that parses back to the same framework.
extension Framework {
    var documentValue: JSONValue {
        var fields: [(String, JSONValue)] = [
            ("code", .string(code)), ("title", .string(title)), ("description", .string(description)), ("sample", .bool(isSample)),
            ("total", .documentNumber(total)), ("pass_score", .documentNumber(passScore)), ("time_zone", .string(timeZoneIdentifier)),
            ("grace_days", .documentNumber(Double(graceDays))),
            ("surveys", .array(surveys.map(\.documentValue))),
            ("feed_metrics", .array(feedMetrics.map(\.documentValue))),
            ("checklist_items", .array(checklistItems.map { .object([("code", .string($0.code)), ("description", .string($0.description))]) })),
            ("categories", .array(categories.map(\.documentValue))),
        ]
        if let profile {
            var profileFields: [(String, JSONValue)] = [("name", .string(profile.name))]
            if let minimum = profile.minimumShare { profileFields.append(("minimum_spiritual_share", .documentNumber(minimum))) }
            if let maximum = profile.maximumShare { profileFields.append(("maximum_spiritual_share", .documentNumber(maximum))) }
            fields.append(("profile", .object(profileFields.map { (key: $0.0, value: $0.1) })))
        }
        return .document(fields)
    }
}

extension CodeRegistry.Survey {
    /// Questions are a set in the model, so they are written sorted.
    var documentValue: JSONValue {
        .document([
            ("code", .string(code)), ("questions", .array(questions.sorted().map(JSONValue.string))),
            ("min_duration_seconds", .documentNumber(Double(minimumDurationSeconds))),
        ])
    }
}

extension CodeRegistry.FeedMetric {
    var documentValue: JSONValue {
        .document([("code", .string(code)), ("unit", .string(unit)), ("min", .documentNumber(range.lowerBound)), ("max", .documentNumber(range.upperBound))])
    }
}

extension FrameworkCategory {
    var documentValue: JSONValue {
        .node(code: code, name: name, description: description, points: points, spiritual: spiritual, gate: gate,
              children: ("items", items.map(\.documentValue)))
    }
}

extension FrameworkItem {
    var documentValue: JSONValue {
        .node(code: code, name: name, description: description, points: points, spiritual: spiritual, gate: gate,
              children: ("indicators", indicators.map(\.documentValue)))
    }
}

extension JSONValue {
    /// A number of a framework document: whole numbers as integer digits (`10`, not `10.0`).
    static func documentNumber(_ value: Double) -> JSONValue { .number(value, style: .wholeNumbersAsIntegers) }

    static func document(_ fields: [(String, JSONValue)]) -> JSONValue { .object(fields.map { (key: $0.0, value: $0.1) }) }

    static func node(
        code: String, name: String, description: String, points: Double, spiritual: Bool, gate: NodeGate?,
        children: (String, [JSONValue])
    ) -> JSONValue {
        var fields: [(String, JSONValue)] = [
            ("code", .string(code)), ("name", .string(name)), ("description", .string(description)), ("points", .documentNumber(points)),
            ("spiritual", .bool(spiritual)), (children.0, .array(children.1)),
        ]
        if let gate { fields.append(("gate", .document([("min_fraction", .documentNumber(gate.minimumFraction))]))) }
        return .document(fields)
    }
}
