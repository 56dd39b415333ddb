/// The codes submissions are checked against (DOMAIN §3, "the framework also declares
/// the codes"): indicators with their method, value kind, range and assigned units;
/// surveys with their questions; feed metrics with their valid range; checklist items.
///
/// Today HQ declares it directly; the framework issue makes publishing a framework
/// declare it. Either way submissions see only this type, which is the seam.
public struct CodeRegistry: Hashable, Sendable {
    public enum ValueKind: String, Sendable, CaseIterable {
        case number
        case provided
    }

    public struct Indicator: Hashable, Sendable {
        public var code: String
        public var method: Channel
        /// Material indicators only.
        public var valueKind: ValueKind?
        /// Material numbers: the valid range.
        public var range: ClosedRange<Double>?
        /// Material indicators: the units assigned to report it.
        public var units: Set<String>

        public init(code: String, method: Channel, valueKind: ValueKind? = nil, range: ClosedRange<Double>? = nil, units: Set<String> = []) {
            self.code = code
            self.method = method
            self.valueKind = valueKind
            self.range = range
            self.units = units
        }
    }

    public struct Survey: Hashable, Sendable {
        public var code: String
        public var questions: Set<String>
        public var minimumDurationSeconds: UInt32

        public init(code: String, questions: Set<String>, minimumDurationSeconds: UInt32) {
            self.code = code
            self.questions = questions
            self.minimumDurationSeconds = minimumDurationSeconds
        }
    }

    public struct FeedMetric: Hashable, Sendable {
        public var code: String
        public var unit: String
        public var range: ClosedRange<Double>

        public init(code: String, unit: String, range: ClosedRange<Double>) {
            self.code = code
            self.unit = unit
            self.range = range
        }
    }

    public struct ChecklistItem: Hashable, Sendable {
        public var code: String
        public var description: String

        public init(code: String, description: String) {
            self.code = code
            self.description = description
        }
    }

    public var indicators: [String: Indicator] = [:]
    public var surveys: [String: Survey] = [:]
    public var feedMetrics: [String: FeedMetric] = [:]
    public var checklistItems: [String: ChecklistItem] = [:]

    public init() {}
}

/// A declaration as sent (lists, in order), checked before it replaces the registry.
public struct CodeDeclaration: Sendable {
    public struct IndicatorEntry: Sendable {
        public var code: String
        public var method: String
        public var valueKind: String
        public var range: (min: Double, max: Double)?
        public var units: [String]

        public init(code: String, method: String, valueKind: String, range: (min: Double, max: Double)?, units: [String]) {
            self.code = code
            self.method = method
            self.valueKind = valueKind
            self.range = range
            self.units = units
        }
    }

    public var indicators: [IndicatorEntry]
    public var surveys: [CodeRegistry.Survey]
    public var surveyQuestionLists: [[String]]
    public var feedMetrics: [(code: String, unit: String, min: Double, max: Double)]
    public var checklistItems: [CodeRegistry.ChecklistItem]

    public init(
        indicators: [IndicatorEntry], surveys: [(code: String, questions: [String], minimumDurationSeconds: UInt32)],
        feedMetrics: [(code: String, unit: String, min: Double, max: Double)], checklistItems: [CodeRegistry.ChecklistItem]
    ) {
        self.indicators = indicators
        self.surveys = surveys.map { .init(code: $0.code, questions: Set($0.questions), minimumDurationSeconds: $0.minimumDurationSeconds) }
        self.surveyQuestionLists = surveys.map(\.questions)
        self.feedMetrics = feedMetrics
        self.checklistItems = checklistItems
    }

    /// The registry, or every problem with the path of the offending entry
    /// (`indicators[3].units[1]`). `units` are the tenant's existing units.
    public func validated(units knownUnits: Set<String>) -> Result<CodeRegistry, CodeDeclarationProblems> {
        var problems: [RecordProblem] = []
        var registry = CodeRegistry()
        func add(_ index: Int, _ code: String, _ path: String, _ reason: String) {
            problems.append(RecordProblem(index: index, record: code, field: path, reason: reason))
        }
        func checkCode(_ code: String, _ index: Int, _ path: String, _ seen: inout Set<String>) {
            if let reason = OrganizationRules.idProblem(code) { add(index, code, "\(path).code", reason) }
            if !seen.insert(code).inserted { add(index, code, "\(path).code", "is declared twice") }
        }

        var seen = Set<String>()
        for (index, entry) in indicators.enumerated() {
            let path = "indicators[\(index)]"
            checkCode(entry.code, index, path, &seen)
            guard let method = Channel(rawValue: entry.method) else {
                add(index, entry.code, "\(path).method", "\"\(entry.method.prefix(20))\" is not material, inspection, survey or feed")
                continue
            }
            var indicator = CodeRegistry.Indicator(code: entry.code, method: method)
            if method == .material {
                switch CodeRegistry.ValueKind(rawValue: entry.valueKind) {
                case .number?:
                    indicator.valueKind = .number
                    if let range = entry.range, range.min.isFinite, range.max.isFinite, range.min <= range.max {
                        indicator.range = range.min...range.max
                    } else {
                        add(index, entry.code, "\(path).range", "a number indicator needs a finite range with min ≤ max")
                    }
                case .provided?:
                    indicator.valueKind = .provided
                case nil:
                    add(index, entry.code, "\(path).value_kind", "a material indicator needs value_kind number or provided")
                }
                if entry.units.isEmpty { add(index, entry.code, "\(path).units", "a material indicator needs at least one assigned unit") }
                for (position, unit) in entry.units.enumerated() where !knownUnits.contains(unit) {
                    add(index, entry.code, "\(path).units[\(position)]", "unit \"\(unit.prefix(64))\" does not exist")
                }
                indicator.units = Set(entry.units)
            } else if !entry.units.isEmpty || !entry.valueKind.isEmpty {
                add(index, entry.code, path, "only material indicators take value_kind and units")
            }
            registry.indicators[entry.code] = indicator
        }

        seen = []
        for (index, survey) in surveys.enumerated() {
            let path = "surveys[\(index)]"
            checkCode(survey.code, index, path, &seen)
            let questions = surveyQuestionLists[index]
            if questions.isEmpty { add(index, survey.code, "\(path).questions", "a survey needs at least one question") }
            var seenQuestions = Set<String>()
            for (position, question) in questions.enumerated() {
                if let reason = OrganizationRules.idProblem(question) { add(index, survey.code, "\(path).questions[\(position)]", reason) }
                if !seenQuestions.insert(question).inserted {
                    add(index, survey.code, "\(path).questions[\(position)]", "question \(question) is listed twice")
                }
            }
            registry.surveys[survey.code] = survey
        }

        seen = []
        for (index, metric) in feedMetrics.enumerated() {
            let path = "feed_metrics[\(index)]"
            checkCode(metric.code, index, path, &seen)
            guard metric.min.isFinite, metric.max.isFinite, metric.min <= metric.max else {
                add(index, metric.code, "\(path).min", "a feed metric needs a finite range with min ≤ max")
                continue
            }
            registry.feedMetrics[metric.code] = .init(code: metric.code, unit: metric.unit, range: metric.min...metric.max)
        }

        seen = []
        for (index, item) in checklistItems.enumerated() {
            checkCode(item.code, index, "checklist_items[\(index)]", &seen)
            registry.checklistItems[item.code] = item
        }
        return problems.isEmpty ? .success(registry) : .failure(CodeDeclarationProblems(problems: problems))
    }
}

public struct CodeDeclarationProblems: Error, Sendable {
    public var problems: [RecordProblem]
}
