/// Typed access to the members of one object of a stored outcome, with errors that name
/// the field (`result.leaves[3].earned`).
struct OutcomeFields {
    let members: [String: JSONValue]
    let path: String

    /// The members of `value`, which must be an object with no key repeated (the shared
    /// reader keeps repeats so that framework documents can name them; here they are
    /// damage).
    init(_ value: JSONValue, path: String) throws(CivitasError) {
        guard case .object(let pairs) = value else { throw EvaluationOutcome.damaged("field \(path) is not an object") }
        var members: [String: JSONValue] = [:]
        for (key, member) in pairs {
            guard members.updateValue(member, forKey: key) == nil else {
                throw EvaluationOutcome.damaged("has the field \(path).\(key.prefix(40)) more than once")
            }
        }
        self.members = members
        self.path = path
    }

    /// Every expected key present, no other key.
    func expectKeys(_ expected: Set<String>) throws(CivitasError) {
        if let unknown = members.keys.filter({ !expected.contains($0) }).sorted().first {
            throw EvaluationOutcome.damaged("has an unknown field \(path).\(unknown.prefix(40))")
        }
        if let absent = expected.filter({ members[$0] == nil }).sorted().first {
            throw EvaluationOutcome.damaged("lacks the field \(path).\(absent)")
        }
    }

    private func member(_ key: String) throws(CivitasError) -> JSONValue {
        guard let value = members[key] else { throw EvaluationOutcome.damaged("lacks the field \(path).\(key)") }
        return value
    }

    private func mistyped(_ key: String, _ expected: String) -> CivitasError {
        EvaluationOutcome.damaged("field \(path).\(key) is not \(expected)")
    }

    func string(_ key: String) throws(CivitasError) -> String {
        guard case .string(let text) = try member(key) else { throw mistyped(key, "a string") }
        return text
    }

    func bool(_ key: String) throws(CivitasError) -> Bool {
        guard case .bool(let flag) = try member(key) else { throw mistyped(key, "a boolean") }
        return flag
    }

    func optionalBool(_ key: String) throws(CivitasError) -> Bool? {
        if case .null = try member(key) { return nil }
        return try bool(key)
    }

    func integer(_ key: String) throws(CivitasError) -> Int64 {
        guard case .number(let literal) = try member(key), let number = Int64(literal) else { throw mistyped(key, "an integer") }
        return number
    }

    func double(_ key: String) throws(CivitasError) -> Double {
        switch try member(key) {
        case .number(let literal):
            if let number = Double(literal) { return number }
        case .string("NaN"): return .nan
        case .string("Infinity"): return .infinity
        case .string("-Infinity"): return -.infinity
        default: break
        }
        throw mistyped(key, "a number")
    }

    func optionalDouble(_ key: String) throws(CivitasError) -> Double? {
        if case .null = try member(key) { return nil }
        return try double(key)
    }

    func objects(_ key: String) throws(CivitasError) -> [OutcomeFields] {
        guard case .array(let elements) = try member(key) else { throw mistyped(key, "an array") }
        var objects: [OutcomeFields] = []
        for (index, element) in elements.enumerated() { objects.append(try OutcomeFields(element, path: "\(path).\(key)[\(index)]")) }
        return objects
    }

    func strings(_ key: String) throws(CivitasError) -> [String] {
        guard case .array(let elements) = try member(key) else { throw mistyped(key, "an array") }
        var strings: [String] = []
        for (index, element) in elements.enumerated() {
            guard case .string(let text) = element else { throw mistyped("\(key)[\(index)]", "a string") }
            strings.append(text)
        }
        return strings
    }
}
