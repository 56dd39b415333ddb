/// The leaf (测评内容): method, measure, material declaration, scoring, gate, samples,
/// and the cross-check declarations (peer, contradiction).
extension FrameworkDecoder {
    static let indicatorFields = [
        "code", "name", "description", "points", "spiritual", "method", "measure", "value_kind", "range", "units",
        "scoring", "gate", "min_samples", "per_block", "peer", "contradiction",
    ]
    static let maximumMinimumSamples = 1_000_000_000

    /// `tagged`: an ancestor is spiritual, so this leaf counts as spiritual too.
    mutating func indicator(_ value: JSONValue, at path: String, tagged: Bool) -> (node: FrameworkIndicator?, points: Double?) {
        guard let object = reader.object(value, at: path, allowed: Self.indicatorFields) else {
            allLeafPointsKnown = false
            return (nil, nil)
        }
        let code = reader.code(object, required: "every indicator needs a code")
        if let code {
            claim(code, at: path)
            indicatorCodes.insert(code)
        }
        let name = reader.name(object, "name", required: "every indicator needs its name")
        let description = reader.text(object, "description")
        let points = positive(object, "points", required: "every indicator needs its points")
        let spiritual = reader.bool(object, "spiritual") ?? false
        if let points {
            if tagged || spiritual { taggedPoints += points }
        } else {
            allLeafPointsKnown = false
        }
        let method = reader.discriminator(
            object, "method", among: Channel.allCases.map(\.rawValue), what: "every indicator needs its method: material, inspection, survey or feed"
        ).flatMap(Channel.init(rawValue:))
        let measure = method.flatMap { method in
            reader.required(object, "measure", "every indicator needs a measure").flatMap { self.measure($0, method: method, at: object.path("measure")) }
        }
        let material = materialDeclaration(object, method: method, measure: measure)
        let scoring = reader.required(object, "scoring", "every indicator needs a scoring rule").flatMap {
            self.scoring($0, measure: measure, at: object.path("scoring"))
        }
        let gate = leafGate(object)
        let minimumSamples = reader.integer(object, "min_samples", in: 1...Self.maximumMinimumSamples)
        let perBlock = reader.bool(object, "per_block")
        if perBlock != nil, let method, method != .feed {
            reader.report(object.path("per_block"), "Only feed indicators take per_block; a \(method.rawValue) indicator applies per block by its own rule.")
        }
        let peer = object["peer"].flatMap { self.peer($0, from: code, at: object.path("peer")) }
        let contradiction = object["contradiction"].flatMap {
            self.contradiction($0, material: material, method: method, at: object.path("contradiction"))
        }

        guard let code, let name, let points, let measure, let scoring, let gate, let material else { return (nil, points) }
        let indicator = FrameworkIndicator(
            code: code, name: name, description: description, points: points, spiritual: spiritual, measure: measure,
            scoring: scoring, gate: gate, minimumSamples: minimumSamples, perBlock: perBlock ?? false,
            material: material, peer: peer, contradiction: contradiction
        )
        return (indicator, points)
    }

    /// `value_kind`, `range` and `units`: required on material leaves, refused on others.
    /// `.some(nil)` for a non-material leaf, nil when something is wrong.
    private mutating func materialDeclaration(_ object: JSONObject, method: Channel?, measure: Measure?) -> MaterialDeclaration?? {
        guard let method else { return nil }
        guard method == .material else {
            for key in ["value_kind", "range", "units"] where object[key] != nil {
                reader.report(object.path(key), "Only material indicators take \(key); this one's method is \(method.rawValue).")
            }
            return .some(nil)
        }
        let kind = reader.discriminator(
            object, "value_kind", among: CodeRegistry.ValueKind.allCases.map(\.rawValue),
            what: "a material indicator needs value_kind: number or provided"
        ).flatMap(CodeRegistry.ValueKind.init(rawValue:))
        var range: ClosedRange<Double>?
        var rangeOK = true
        switch (kind, object["range"]) {
        case (.number?, nil):
            reader.report(object.path("range"), "The field is missing; a number indicator needs the valid range of a report, {\"min\": …, \"max\": …}.")
            rangeOK = false
        case (.number?, let value?):
            range = reader.object(value, at: object.path("range"), allowed: ["min", "max"]).flatMap {
                self.range($0, what: "a range needs min and max")
            }
            rangeOK = range != nil
        case (.provided?, _?):
            reader.report(object.path("range"), "A provided indicator is reported as true or false and takes no range.")
            rangeOK = false
        default:
            break
        }
        if let kind, case .material(let aggregate)? = measure {
            let needed: CodeRegistry.ValueKind = [.all, .share].contains(aggregate) ? .provided : .number
            if kind != needed {
                let does = needed == .number ? "combines reported numbers" : "counts units that reported \"provided\""
                reader.report(
                    object.path("value_kind"),
                    "The value_kind \(kind.rawValue) does not fit the measure \(aggregate.rawValue), which \(does); use value_kind \(needed.rawValue)."
                )
                rangeOK = false
            }
        }
        let units = assignedUnits(object)
        guard let kind, rangeOK, let units else { return nil }
        return .some(MaterialDeclaration(valueKind: kind, range: range, units: units))
    }

    private mutating func assignedUnits(_ object: JSONObject) -> [String]? {
        guard let elements = reader.array(object, "units", required: "a material indicator needs the units assigned to report it") else {
            return nil
        }
        if elements.isEmpty { reader.report(object.path("units"), "A material indicator needs at least one assigned unit.") }
        var units: [String] = []
        var ok = !elements.isEmpty
        for element in elements {
            guard case .string(let unit) = element.value else {
                reader.report(element.path, "Must be a unit id (a string), not \(element.value.kindDescription).")
                ok = false
                continue
            }
            if let problem = OrganizationRules.idProblem(unit) {
                reader.report(element.path, "The unit id \(problem).")
                ok = false
            } else if units.contains(unit) {
                reader.report(element.path, "The unit \"\(unit)\" is assigned twice.")
                ok = false
            } else {
                units.append(unit)
            }
        }
        return ok ? units : nil
    }

    /// `.some(nil)` when absent, nil when present but bad.
    private mutating func leafGate(_ object: JSONObject) -> LeafGate?? {
        guard let value = object["gate"] else { return .some(nil) }
        guard let condition = condition(value, at: object.path("gate")) else { return nil }
        return .some(LeafGate(condition))
    }

    private mutating func peer(_ value: JSONValue, from code: String?, at path: String) -> PeerCheck? {
        guard let object = reader.object(value, at: path, allowed: ["indicator", "feed_metric", "tolerance"]) else { return nil }
        let tolerance = self.tolerance(object)
        var target: PeerCheck.Target?
        switch (object["indicator"] != nil, object["feed_metric"] != nil) {
        case (true, true):
            reader.report(path, "A peer is either an indicator or a feed_metric, not both.")
        case (false, false):
            reader.report(path, "A peer needs an indicator code or a feed_metric code to compare with.")
        case (true, false):
            if let other = reader.code(object, "indicator", required: "") {
                indicatorPeers.append((object.path("indicator"), code ?? "", other))
                target = .indicator(other)
            }
        case (false, true):
            if let metric = reader.code(object, "feed_metric", required: "") {
                if metricCodes.contains(metric) {
                    target = .feedMetric(metric)
                } else {
                    reader.report(object.path("feed_metric"), "\"\(metric)\" is not a declared feed metric (see feed_metrics).")
                }
            }
        }
        guard let target, let tolerance else { return nil }
        return PeerCheck(target: target, tolerance: tolerance)
    }

    private mutating func contradiction(
        _ value: JSONValue, material: MaterialDeclaration??, method: Channel?, at path: String
    ) -> ContradictionCheck? {
        guard let object = reader.object(value, at: path, allowed: ["check", "tolerance"]) else { return nil }
        if let method, method != .material {
            reader.report(path, "Only material indicators take a contradiction check (a reported rate against an inspection pass rate).")
        } else if case .some(.some(let declaration)) = material, declaration.valueKind != .number {
            reader.report(path, "A contradiction check compares a reported rate, so the indicator's value_kind must be number.")
        }
        let check = reader.code(object, "check", required: "a contradiction check names the checklist item whose pass rate it compares")
        if let check, !checkCodes.contains(check) {
            reader.report(object.path("check"), "\"\(check)\" is not a declared checklist item (see checklist_items).")
        }
        let tolerance = self.tolerance(object)
        guard let check, checkCodes.contains(check), let tolerance else { return nil }
        return ContradictionCheck(check: check, tolerance: tolerance)
    }

    private mutating func tolerance(_ object: JSONObject) -> Double? {
        guard let tolerance = reader.number(object, "tolerance", required: "a cross-check needs its tolerance (0 for none)") else { return nil }
        guard tolerance >= 0 else {
            reader.report(object.path("tolerance"), "A tolerance cannot be negative (\(tolerance.formattedForProblem)).")
            return nil
        }
        return tolerance
    }
}
