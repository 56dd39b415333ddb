/// One JSON object of the document and the path it sits at.
struct JSONObject {
    let path: String
    let members: [String: JSONValue]
    /// Member names in document order (unknown fields are reported in that order).
    let order: [String]

    subscript(key: String) -> JSONValue? {
        // `null` reads as absent: an office exporting from a spreadsheet writes nulls for
        // empty optional cells.
        if case .null? = members[key] { return nil }
        return members[key]
    }

    func path(_ key: String) -> String { Self.join(path, key) }

    static func join(_ path: String, _ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }
}

/// Typed, path-tracking access to a parsed document that records every problem instead
/// of stopping at the first. Each accessor returns nil when the value is absent or bad
/// (having recorded why), so the caller can keep going and find the next problem.
struct DocumentReader {
    static let rootPath = "document"
    static let descriptionLimit = 2000

    private(set) var problems: [FrameworkProblem] = []

    mutating func report(_ path: String, _ reason: String) {
        problems.append(FrameworkProblem(path: path.isEmpty ? Self.rootPath : path, reason: reason))
    }

    /// `value` as an object, refusing repeated keys and — when `allowed` is given — keys
    /// outside it. Objects whose shape depends on a member (`kind`, `rule`) pass nil and
    /// call ``restrict(_:to:shape:)`` once the shape is known.
    mutating func object(_ value: JSONValue, at path: String, allowed: [String]?) -> JSONObject? {
        guard case .object(let pairs) = value else {
            report(path, "Must be an object ({…}), not \(value.kindDescription).")
            return nil
        }
        var members: [String: JSONValue] = [:]
        for (key, member) in pairs {
            if members[key] != nil {
                report(JSONObject.join(path, key), "The field appears more than once in this object; keep exactly one.")
                continue
            }
            members[key] = member
        }
        let object = JSONObject(path: path, members: members, order: pairs.map(\.key))
        if let allowed { restrict(object, to: allowed) }
        return object
    }

    /// Refuses every member not in `allowed`, with a "did you mean" when one is close.
    mutating func restrict(_ object: JSONObject, to allowed: [String], shape: String? = nil) {
        var seen = Set<String>()
        for key in object.order where !allowed.contains(key) && seen.insert(key).inserted {
            let hint = FieldSuggestion.closest(to: key, among: allowed).map { " Did you mean \"\($0)\"?" } ?? ""
            let context = shape.map { " for \($0)" } ?? ""
            report(
                object.path(key),
                "Unknown field \"\(key.prefix(64))\"\(context).\(hint) Allowed here: \(allowed.joined(separator: ", "))."
            )
        }
    }

    mutating func required(_ object: JSONObject, _ key: String, _ what: String) -> JSONValue? {
        guard let value = object[key] else {
            report(object.path(key), "The field is missing; \(what).")
            return nil
        }
        return value
    }

    mutating func string(_ object: JSONObject, _ key: String, required need: String? = nil) -> String? {
        let path = object.path(key)
        guard let value = need.map({ required(object, key, $0) }) ?? object[key] else { return nil }
        guard case .string(let text) = value else {
            report(path, "Must be a string, not \(value.kindDescription).")
            return nil
        }
        return text
    }

    /// A code: letters, digits, '.', '_' and '-', at most 64 characters (the rule for every id).
    mutating func code(_ object: JSONObject, _ key: String = "code", required need: String) -> String? {
        guard let text = string(object, key, required: need) else { return nil }
        if let problem = OrganizationRules.idProblem(text) {
            report(object.path(key), "The code \(problem).")
            return nil
        }
        return text
    }

    /// A name shown to people: non-empty, at most 200 characters, no control characters.
    mutating func name(_ object: JSONObject, _ key: String, required need: String) -> String? {
        guard let text = string(object, key, required: need) else { return nil }
        if let problem = OrganizationRules.nameProblem(text) {
            report(object.path(key), "The text \(problem).")
            return nil
        }
        return text
    }

    /// Free text (descriptions): may be empty, at most 2000 characters, line breaks allowed.
    mutating func text(_ object: JSONObject, _ key: String) -> String {
        guard let text = string(object, key) else { return "" }
        if text.count > Self.descriptionLimit {
            report(object.path(key), "The text is longer than \(Self.descriptionLimit) characters.")
        } else if text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control && $0 != "\n" && $0 != "\t" }) {
            report(object.path(key), "The text contains control characters other than line breaks and tabs.")
        }
        return text
    }

    /// A finite number (JSON has no NaN, but a literal like 1e400 overflows to infinity).
    mutating func number(_ object: JSONObject, _ key: String, required need: String? = nil) -> Double? {
        let path = object.path(key)
        guard let value = need.map({ required(object, key, $0) }) ?? object[key] else { return nil }
        guard let number = value.numberValue else {
            report(path, "Must be a number, not \(value.kindDescription).")
            return nil
        }
        guard number.isFinite else {
            report(path, "The number is too large to be represented; numbers must be finite.")
            return nil
        }
        return number
    }

    /// A whole number in `range` (`5` and `5.0` both count as whole).
    mutating func integer(_ object: JSONObject, _ key: String, in range: ClosedRange<Int>, required need: String? = nil) -> Int? {
        guard let number = number(object, key, required: need) else { return nil }
        guard number.rounded() == number, number >= Double(range.lowerBound), number <= Double(range.upperBound) else {
            report(object.path(key), "Must be a whole number from \(range.lowerBound) to \(range.upperBound), not \(number.formattedForProblem).")
            return nil
        }
        return Int(number)
    }

    mutating func bool(_ object: JSONObject, _ key: String) -> Bool? {
        guard let value = object[key] else { return nil }
        guard case .bool(let flag) = value else {
            report(object.path(key), "Must be true or false, not \(value.kindDescription).")
            return nil
        }
        return flag
    }

    /// The elements of an array with their paths (`categories[2]`).
    mutating func array(_ object: JSONObject, _ key: String, required need: String? = nil) -> [(value: JSONValue, path: String)]? {
        let path = object.path(key)
        guard let value = need.map({ required(object, key, $0) }) ?? object[key] else { return nil }
        guard case .array(let elements) = value else {
            report(path, "Must be an array ([…]), not \(value.kindDescription).")
            return nil
        }
        return elements.enumerated().map { ($1, "\(path)[\($0)]") }
    }

    /// A closed object of one of several shapes chosen by a string member (`kind`, `rule`).
    mutating func discriminator(_ object: JSONObject, _ key: String, among choices: [String], what: String) -> String? {
        guard let choice = string(object, key, required: what) else { return nil }
        guard choices.contains(choice) else {
            report(object.path(key), "\"\(choice.prefix(40))\" is not one of \(choices.joined(separator: ", ")).")
            return nil
        }
        return choice
    }
}

extension Double {
    /// How a refused number is quoted back: shortest round-trip, integers without ".0".
    var formattedForProblem: String { CanonicalNumberStyle.wholeNumbersAsIntegers.text(self) }
}
