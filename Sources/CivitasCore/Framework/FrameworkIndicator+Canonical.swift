/// A leaf in the document schema: the inverse of the indicator decoder.
extension FrameworkIndicator {
    var documentValue: JSONValue {
        var fields: [(String, JSONValue)] = [
            ("code", .string(code)), ("name", .string(name)), ("description", .string(description)), ("points", .documentNumber(points)),
            ("spiritual", .bool(spiritual)), ("method", .string(method.rawValue)), ("measure", measure.documentValue),
            ("scoring", scoring.documentValue),
        ]
        if let material {
            fields.append(("value_kind", .string(material.valueKind.rawValue)))
            fields.append(("units", .array(material.units.map(JSONValue.string))))
            if let range = material.range { fields.append(("range", .document([("min", .documentNumber(range.lowerBound)), ("max", .documentNumber(range.upperBound))]))) }
        }
        if method == .feed { fields.append(("per_block", .bool(perBlock))) }
        if let gate { fields.append(("gate", gate.condition.documentValue)) }
        if let minimumSamples { fields.append(("min_samples", .documentNumber(Double(minimumSamples)))) }
        if let peer {
            let target: (String, JSONValue) = switch peer.target {
            case .indicator(let code): ("indicator", .string(code))
            case .feedMetric(let code): ("feed_metric", .string(code))
            }
            fields.append(("peer", .document([target, ("tolerance", .documentNumber(peer.tolerance))])))
        }
        if let contradiction {
            fields.append(("contradiction", .document([("check", .string(contradiction.check)), ("tolerance", .documentNumber(contradiction.tolerance))])))
        }
        return .document(fields)
    }
}

extension Measure {
    var documentValue: JSONValue {
        switch self {
        case .material(let aggregate):
            return .document([("kind", .string(aggregate.rawValue))])
        case .inspection(let check):
            return .document([("kind", .string("pass_rate")), ("check", .string(check))])
        case .survey(let survey, let question, .satisfiedRate(let satisfiedAt)):
            return .document([
                ("kind", .string("satisfied_rate")), ("survey", .string(survey)), ("question", .string(question)),
                ("satisfied_at", .documentNumber(Double(satisfiedAt))),
            ])
        case .survey(let survey, let question, .meanNormalized):
            return .document([("kind", .string("mean_normalized")), ("survey", .string(survey)), ("question", .string(question))])
        case .feed(let metric, let aggregate):
            let kind: String = switch aggregate {
            case .mean: "mean"
            case .sum: "sum"
            case .last: "last"
            case .ratioDays: "ratio_days"
            }
            var fields: [(String, JSONValue)] = [("kind", .string(kind)), ("metric", .string(metric))]
            if case .ratioDays(let condition) = aggregate { fields.append(("condition", condition.documentValue)) }
            return .document(fields)
        }
    }
}

extension ScoringRule {
    var documentValue: JSONValue {
        switch self {
        case .threshold(let target, let direction):
            .document([("rule", .string("threshold")), ("target", .documentNumber(target)), ("direction", .string(direction.rawValue))])
        case .linear(let floor, let target, let direction):
            .document([
                ("rule", .string("linear")), ("floor", .documentNumber(floor)), ("target", .documentNumber(target)), ("direction", .string(direction.rawValue)),
            ])
        case .bands(let bands, let direction):
            .document([
                ("rule", .string("bands")), ("direction", .string(direction.rawValue)),
                ("bands", .array(bands.map { .document([("bound", .documentNumber($0.bound)), ("fraction", .documentNumber($0.fraction))]) })),
            ])
        case .boolean:
            .document([("rule", .string("boolean"))])
        }
    }
}

extension Condition {
    var documentValue: JSONValue { .document([("op", .string(op.rawValue)), ("value", .documentNumber(value))]) }
}
