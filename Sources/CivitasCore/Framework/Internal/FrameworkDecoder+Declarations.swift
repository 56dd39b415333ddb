/// The codes a framework declares for submissions (surveys, feed metrics, checklist
/// items) and its spiritual profile.
extension FrameworkDecoder {
    static let maximumSurveyDurationSeconds = 86_400
    static let unitOfMeasureLimit = 32

    mutating func survey(_ value: JSONValue, at path: String, seen: inout Set<String>) -> CodeRegistry.Survey? {
        guard let object = reader.object(value, at: path, allowed: ["code", "questions", "min_duration_seconds"]) else { return nil }
        let code = reader.code(object, required: "a survey needs a code")
        if let code { claim(code, at: path, in: &seen, what: "survey") }
        var questions = Set<String>()
        var complete = true
        if let elements = reader.array(object, "questions", required: "a survey needs its question codes") {
            if elements.isEmpty { reader.report(object.path("questions"), "A survey needs at least one question.") }
            for element in elements {
                guard case .string(let question) = element.value else {
                    reader.report(element.path, "Must be a question code (a string), not \(element.value.kindDescription).")
                    complete = false
                    continue
                }
                if let problem = OrganizationRules.idProblem(question) {
                    reader.report(element.path, "The question code \(problem).")
                    complete = false
                } else if !questions.insert(question).inserted {
                    reader.report(element.path, "The question \"\(question)\" is listed twice.")
                }
            }
        } else {
            complete = false
        }
        let minimum = reader.integer(
            object, "min_duration_seconds", in: 0...Self.maximumSurveyDurationSeconds,
            required: "a survey needs the minimum duration in seconds below which a response is not valid (0 for none)"
        )
        guard let code else { return nil }
        // Measures may refer to the survey even when one of its questions is bad: only
        // the good questions are known, so a measure naming a bad one is refused too.
        surveyQuestions[code] = questions
        guard complete, let minimum else { return nil }
        return CodeRegistry.Survey(code: code, questions: questions, minimumDurationSeconds: UInt32(minimum))
    }

    mutating func feedMetric(_ value: JSONValue, at path: String, seen: inout Set<String>) -> CodeRegistry.FeedMetric? {
        guard let object = reader.object(value, at: path, allowed: ["code", "unit", "min", "max"]) else { return nil }
        let code = reader.code(object, required: "a feed metric needs a code")
        if let code {
            claim(code, at: path, in: &seen, what: "feed metric")
            metricCodes.insert(code)
        }
        var unit = reader.name(object, "unit", required: "a feed metric needs its unit of measure, e.g. AQI or %")
        if let text = unit, text.count > Self.unitOfMeasureLimit {
            reader.report(object.path("unit"), "The unit of measure is longer than \(Self.unitOfMeasureLimit) characters.")
            unit = nil
        }
        let range = range(object, what: "a feed metric needs the valid range of its values")
        guard let code, let unit, let range else { return nil }
        return CodeRegistry.FeedMetric(code: code, unit: unit, range: range)
    }

    /// `min` and `max` of `object`: finite, min ≤ max.
    mutating func range(_ object: JSONObject, what: String) -> ClosedRange<Double>? {
        let low = reader.number(object, "min", required: what)
        let high = reader.number(object, "max", required: what)
        guard let low, let high else { return nil }
        guard low <= high else {
            reader.report(object.path("min"), "The min \(low.formattedForProblem) is greater than the max \(high.formattedForProblem).")
            return nil
        }
        return low...high
    }

    mutating func checklistItem(_ value: JSONValue, at path: String, seen: inout Set<String>) -> CodeRegistry.ChecklistItem? {
        guard let object = reader.object(value, at: path, allowed: ["code", "description"]) else { return nil }
        let code = reader.code(object, required: "a checklist item needs a code")
        if let code {
            claim(code, at: path, in: &seen, what: "checklist item")
            checkCodes.insert(code)
        }
        let description = reader.name(object, "description", required: "a checklist item needs the description inspectors read")
        guard let code, let description else { return nil }
        return CodeRegistry.ChecklistItem(code: code, description: description)
    }

    mutating func readProfile(_ value: JSONValue, at path: String) -> SpiritualProfile? {
        let fields = ["name", "minimum_spiritual_share", "maximum_spiritual_share"]
        guard let object = reader.object(value, at: path, allowed: fields) else { return nil }
        let name = reader.name(object, "name", required: "a profile needs a name, e.g. model-city")
        let minimum = share(object, "minimum_spiritual_share")
        let maximum = share(object, "maximum_spiritual_share")
        if object["minimum_spiritual_share"] == nil, object["maximum_spiritual_share"] == nil {
            reader.report(path, "A profile needs minimum_spiritual_share, maximum_spiritual_share or both.")
        }
        if let minimum, let maximum, minimum > maximum {
            reader.report(
                object.path("minimum_spiritual_share"),
                "The minimum share \(minimum.formattedForProblem) is greater than the maximum share \(maximum.formattedForProblem)."
            )
        }
        guard let name else { return nil }
        return SpiritualProfile(name: name, minimumShare: minimum, maximumShare: maximum)
    }

    private mutating func share(_ object: JSONObject, _ key: String) -> Double? {
        guard let value = reader.number(object, key) else { return nil }
        guard (0...1).contains(value) else {
            reader.report(object.path(key), "A share is a fraction from 0 to 1, not \(value.formattedForProblem).")
            return nil
        }
        return value
    }

    /// The framework's spiritual share against its profile. Shares compare with the same
    /// 1e-9 slack as points, so 29 tagged points of 100 meet a bound of exactly 0.29.
    mutating func checkProfile(_ profile: SpiritualProfile, tagged: Double, total: Double, at path: String) {
        let share = tagged / total
        let slack = Self.relativePointsTolerance
        let actual = "The framework's spiritual share is \(share.formattedForProblem) (\(tagged.formattedForProblem) of \(total.formattedForProblem) points are tagged spiritual)"
        if let minimum = profile.minimumShare, share < minimum - slack {
            reader.report(path, "\(actual), below the profile's minimum_spiritual_share \(minimum.formattedForProblem).")
        }
        if let maximum = profile.maximumShare, share > maximum + slack {
            reader.report(path, "\(actual), above the profile's maximum_spiritual_share \(maximum.formattedForProblem).")
        }
    }
}
