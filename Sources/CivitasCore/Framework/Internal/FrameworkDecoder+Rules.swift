/// Measures (DOMAIN §3.1), scoring rules (§3.2) and conditions (gates, `ratio_days`).
extension FrameworkDecoder {
    static let measureKinds: [Channel: [String]] = [
        .material: MaterialAggregate.allCases.map(\.rawValue),
        .inspection: ["pass_rate"],
        .survey: ["satisfied_rate", "mean_normalized"],
        .feed: ["mean", "sum", "last", "ratio_days"],
    ]

    mutating func measure(_ value: JSONValue, method: Channel, at path: String) -> Measure? {
        guard let object = reader.object(value, at: path, allowed: nil) else { return nil }
        guard let kind = reader.discriminator(object, "kind", among: Self.measureKinds[method] ?? [], what: "a measure needs its kind") else {
            return nil
        }
        let shape = "a \(method.rawValue) measure of kind \(kind)"
        switch method {
        case .material:
            reader.restrict(object, to: ["kind"], shape: shape)
            return MaterialAggregate(rawValue: kind).map(Measure.material)
        case .inspection:
            reader.restrict(object, to: ["kind", "check"], shape: shape)
            guard let check = reader.code(object, "check", required: "an inspection measure names a checklist item") else { return nil }
            guard checkCodes.contains(check) else {
                reader.report(object.path("check"), "\"\(check)\" is not a declared checklist item (see checklist_items).")
                return nil
            }
            return .inspection(check: check)
        case .survey:
            let satisfied = kind == "satisfied_rate"
            reader.restrict(object, to: satisfied ? ["kind", "survey", "question", "satisfied_at"] : ["kind", "survey", "question"], shape: shape)
            let question = surveyQuestion(object)
            let statistic: SurveyStatistic? = satisfied
                ? reader.integer(object, "satisfied_at", in: 1...5, required: "satisfied_rate needs the lowest answer (1–5) that counts as satisfied")
                    .map { .satisfiedRate(satisfiedAt: UInt32($0)) }
                : .meanNormalized
            guard let question, let statistic else { return nil }
            return .survey(survey: question.survey, question: question.question, statistic: statistic)
        case .feed:
            let ratio = kind == "ratio_days"
            reader.restrict(object, to: ratio ? ["kind", "metric", "condition"] : ["kind", "metric"], shape: shape)
            let metric = reader.code(object, "metric", required: "a feed measure names a feed metric")
            if let metric, !metricCodes.contains(metric) {
                reader.report(object.path("metric"), "\"\(metric)\" is not a declared feed metric (see feed_metrics).")
            }
            let aggregate: FeedAggregate? = switch kind {
            case "mean": .mean
            case "sum": .sum
            case "last": .last
            default:
                reader.required(object, "condition", "ratio_days needs the condition a day's mean must meet, e.g. {\"op\": \"<=\", \"value\": 100}")
                    .flatMap { condition($0, at: object.path("condition")) }.map(FeedAggregate.ratioDays)
            }
            guard let metric, metricCodes.contains(metric), let aggregate else { return nil }
            return .feed(metric: metric, aggregate: aggregate)
        }
    }

    private mutating func surveyQuestion(_ object: JSONObject) -> (survey: String, question: String)? {
        let survey = reader.code(object, "survey", required: "a survey measure names a declared survey")
        let question = reader.code(object, "question", required: "a survey measure names a question of its survey")
        guard let survey else { return nil }
        guard let questions = surveyQuestions[survey] else {
            reader.report(object.path("survey"), "\"\(survey)\" is not a declared survey (see surveys).")
            return nil
        }
        guard let question else { return nil }
        guard questions.contains(question) else {
            reader.report(object.path("question"), "\"\(question)\" is not a question of the survey \"\(survey)\".")
            return nil
        }
        return (survey, question)
    }

    mutating func scoring(_ value: JSONValue, measure: Measure?, at path: String) -> ScoringRule? {
        guard let object = reader.object(value, at: path, allowed: nil) else { return nil }
        let rules = ["threshold", "linear", "bands", "boolean"]
        guard let rule = reader.discriminator(object, "rule", among: rules, what: "a scoring rule needs its rule") else { return nil }
        let shape = "the rule \(rule)"
        switch rule {
        case "threshold":
            reader.restrict(object, to: ["rule", "target", "direction"], shape: shape)
            let target = reader.number(object, "target", required: "threshold needs the target v must meet")
            guard let direction = direction(object), let target else { return nil }
            return .threshold(target: target, direction: direction)
        case "linear":
            reader.restrict(object, to: ["rule", "floor", "target", "direction"], shape: shape)
            let floor = reader.number(object, "floor", required: "linear needs the floor, where the fraction is 0")
            let target = reader.number(object, "target", required: "linear needs the target, where the fraction reaches 1")
            guard let direction = direction(object), let floor, let target else { return nil }
            guard floor != target else {
                reader.report(
                    object.path("floor"),
                    "The floor equals the target (\(floor.formattedForProblem)): a rule that cannot separate values is refused."
                )
                return nil
            }
            let below = direction == .higherIsBetter
            guard below ? floor < target : floor > target else {
                reader.report(
                    object.path("floor"),
                    "With direction \(direction.rawValue), the floor must be \(below ? "below" : "above") the target (floor \(floor.formattedForProblem), target \(target.formattedForProblem))."
                )
                return nil
            }
            return .linear(floor: floor, target: target, direction: direction)
        case "bands":
            reader.restrict(object, to: ["rule", "direction", "bands"], shape: shape)
            let direction = direction(object)
            let bands = self.bands(object)
            guard let direction, let bands else { return nil }
            return .bands(bands, direction: direction)
        default:
            reader.restrict(object, to: ["rule"], shape: shape)
            if let measure, measure != .material(.all) {
                reader.report(
                    object.path("rule"),
                    "The rule boolean scores a value that is 1 or 0, which only the material measure all produces; use threshold, linear or bands."
                )
                return nil
            }
            return .boolean
        }
    }

    private mutating func bands(_ object: JSONObject) -> [Band]? {
        guard let elements = reader.array(object, "bands", required: "bands needs its list of {bound, fraction}") else { return nil }
        guard !elements.isEmpty else {
            reader.report(object.path("bands"), "A bands rule needs at least one band.")
            return nil
        }
        var bands: [Band] = []
        var bounds: [Double: String] = [:]
        for element in elements {
            guard let band = reader.object(element.value, at: element.path, allowed: ["bound", "fraction"]) else { continue }
            let bound = reader.number(band, "bound", required: "a band needs the bound v must meet")
            let fraction = reader.number(band, "fraction", required: "a band needs the fraction it earns")
            if let fraction, !(0...1).contains(fraction) {
                reader.report(band.path("fraction"), "A fraction must be from 0 to 1, not \(fraction.formattedForProblem).")
                continue
            }
            if let bound, let first = bounds[bound] {
                reader.report(band.path("bound"), "The bound \(bound.formattedForProblem) repeats \(first)'s; bounds must be distinct.")
                continue
            }
            guard let bound, let fraction else { continue }
            bounds[bound] = element.path
            bands.append(Band(bound: bound, fraction: fraction))
        }
        guard bands.count == elements.count else { return nil }
        guard bands.contains(where: { $0.fraction > 0 }) else {
            reader.report(object.path("bands"), "Every band earns 0: a rule that cannot separate values is refused.")
            return nil
        }
        return bands
    }

    private mutating func direction(_ object: JSONObject) -> Direction? {
        reader.discriminator(
            object, "direction", among: Direction.allCases.map(\.rawValue), what: "the rule needs its direction: higher or lower (is better)"
        ).flatMap(Direction.init(rawValue:))
    }

    /// `{"op": ">=", "value": 0.9}`.
    mutating func condition(_ value: JSONValue, at path: String) -> Condition? {
        guard let object = reader.object(value, at: path, allowed: ["op", "value"]) else { return nil }
        let op = reader.discriminator(
            object, "op", among: Condition.Operator.allCases.map(\.rawValue), what: "a condition needs its operator"
        ).flatMap(Condition.Operator.init(rawValue:))
        let bound = reader.number(object, "value", required: "a condition needs the value it compares with")
        guard let op, let bound else { return nil }
        return Condition(op, bound)
    }
}
