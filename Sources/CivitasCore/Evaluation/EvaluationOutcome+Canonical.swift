/// The canonical encoding of an outcome: what storage keeps, hashes and compares.
///
/// An object with snake_case keys sorted by their UTF-8 bytes, no whitespace, doubles as
/// their shortest round-trip literal (integral ones without `.0`), `null` for a nil
/// value, arrays in the outcome's order. `format` names this layout (1).
extension EvaluationOutcome {
    static let canonicalFormat = 1

    /// Deterministic bytes: sorted keys, shortest round-trip doubles, no whitespace.
    public func canonicalJSON() -> [UInt8] { CanonicalJSONWriter.write(canonicalValue, escapes: .short) }

    /// Reads bytes written by ``canonicalJSON()``. Throws (code `internal`: stored bytes
    /// are damaged) on bytes that are not exactly such an encoding — malformed JSON, a
    /// missing, unknown or mistyped field, or valid JSON that is not canonical — naming
    /// the field or byte offset at fault.
    public init(canonicalJSON bytes: [UInt8]) throws(CivitasError) {
        let value: JSONValue
        do {
            value = try JSONParser.parse(bytes)
        } catch {
            throw Self.damaged("is not valid JSON at byte \(error.offset): \(error.message)")
        }
        let root = try OutcomeFields(value, path: "result")
        try root.expectKeys([
            "cutoff", "earned", "eligible", "format", "framework", "framework_sha256", "framework_version", "gates", "input_digest",
            "leaves", "max_points", "nodes", "period", "scope",
        ])
        guard try root.integer("format") == Self.canonicalFormat else {
            throw Self.damaged("has format \(try root.integer("format")), this version reads format \(Self.canonicalFormat)")
        }
        let scopeText = try root.string("scope")
        guard let scope = EvaluationScope(parsing: scopeText) else {
            throw Self.damaged("field result.scope: \"\(scopeText.prefix(40))\" is not city or subcommand:<id>")
        }
        guard let version = Int(exactly: try root.integer("framework_version")) else {
            throw Self.damaged("field result.framework_version is out of range")
        }
        self.init(
            framework: try root.string("framework"), frameworkVersion: version, frameworkSHA256: try root.string("framework_sha256"),
            period: try root.string("period"), scope: scope, cutoff: try root.integer("cutoff"), inputDigest: try root.string("input_digest"),
            earned: try root.double("earned"), maxPoints: try root.double("max_points"), eligible: try root.optionalBool("eligible"),
            leaves: try root.objects("leaves").map(LeafOutcome.init(canonical:)), nodes: try root.objects("nodes").map(NodeOutcome.init(canonical:)),
            gates: try root.objects("gates").map(GateOutcome.init(canonical:)))
        guard canonicalJSON() == bytes else {
            throw Self.damaged("is valid but not canonical JSON (whitespace, key order or number format differ)")
        }
    }

    static func damaged(_ detail: String) -> CivitasError {
        CivitasError(.internal, "The stored evaluation result \(detail).")
    }

    var canonicalValue: JSONValue {
        .object([
            "cutoff": .integer(cutoff), "earned": .double(earned), "eligible": eligible.map(JSONValue.bool) ?? .null,
            "format": .integer(Self.canonicalFormat), "framework": .string(framework), "framework_sha256": .string(frameworkSHA256),
            "framework_version": .integer(frameworkVersion), "gates": .array(gates.map(\.canonicalValue)),
            "input_digest": .string(inputDigest), "leaves": .array(leaves.map(\.canonicalValue)), "max_points": .double(maxPoints),
            "nodes": .array(nodes.map(\.canonicalValue)), "period": .string(period), "scope": .string(scope.description),
        ])
    }
}

extension LeafOutcome {
    var canonicalValue: JSONValue {
        .object([
            "code": .string(code), "earned": .double(earned), "flags": .array(flags.map { .string($0.rawValue) }),
            "fraction": .double(fraction), "path": .string(path), "points": .double(points), "samples": .integer(samples),
            "value": .optionalDouble(value),
        ])
    }

    init(canonical fields: OutcomeFields) throws(CivitasError) {
        try fields.expectKeys(["code", "earned", "flags", "fraction", "path", "points", "samples", "value"])
        var flags: [LeafFlag] = []
        for (index, text) in try fields.strings("flags").enumerated() {
            guard let flag = LeafFlag(rawValue: text) else {
                throw EvaluationOutcome.damaged("field \(fields.path).flags[\(index)]: \"\(text.prefix(40))\" is not missing or insufficient")
            }
            flags.append(flag)
        }
        guard let samples = Int(exactly: try fields.integer("samples")) else {
            throw EvaluationOutcome.damaged("field \(fields.path).samples is out of range")
        }
        self.init(
            code: try fields.string("code"), path: try fields.string("path"), points: try fields.double("points"),
            value: try fields.optionalDouble("value"), fraction: try fields.double("fraction"), earned: try fields.double("earned"),
            flags: flags, samples: samples)
    }
}

extension NodeOutcome {
    var canonicalValue: JSONValue {
        .object([
            "code": .string(code), "earned": .double(earned), "level": .string(level.rawValue), "path": .string(path),
            "points": .double(points),
        ])
    }

    init(canonical fields: OutcomeFields) throws(CivitasError) {
        try fields.expectKeys(["code", "earned", "level", "path", "points"])
        let levelText = try fields.string("level")
        guard let level = Level(rawValue: levelText) else {
            throw EvaluationOutcome.damaged("field \(fields.path).level: \"\(levelText.prefix(40))\" is not category or item")
        }
        self.init(
            code: try fields.string("code"), path: try fields.string("path"), level: level, points: try fields.double("points"),
            earned: try fields.double("earned"))
    }
}

extension GateOutcome {
    var canonicalValue: JSONValue {
        .object([
            "condition": .string(condition), "node": .string(node), "passed": .bool(passed), "path": .string(path),
            "value": .optionalDouble(value),
        ])
    }

    init(canonical fields: OutcomeFields) throws(CivitasError) {
        try fields.expectKeys(["condition", "node", "passed", "path", "value"])
        self.init(
            node: try fields.string("node"), path: try fields.string("path"), condition: try fields.string("condition"),
            passed: try fields.bool("passed"), value: try fields.optionalDouble("value"))
    }
}

extension JSONValue {
    /// An object of an outcome, written with its keys sorted whatever the dictionary's order.
    fileprivate static func object(_ members: [String: JSONValue]) -> JSONValue { .object(members.map { (key: $0.key, value: $0.value) }) }

    /// A double as its shortest round-trip literal; a non-finite double (never produced by
    /// the evaluator, kept for completeness) as the string `NaN`, `Infinity` or `-Infinity`.
    fileprivate static func double(_ value: Double) -> JSONValue {
        guard value.isFinite else { return .string(value.isNaN ? "NaN" : value < 0 ? "-Infinity" : "Infinity") }
        return .number(value, style: .shortestRoundTrip)
    }

    fileprivate static func optionalDouble(_ value: Double?) -> JSONValue { value.map(double) ?? .null }
}
