/// The measures (DOMAIN §3.1): one leaf's data in one scope → `v` and its sample count.
struct Measurement: Sendable {
    /// Nil when there is no data at all (the leaf is missing).
    var value: Double?
    /// Reporting units, checks, valid answers, feed points, or days (`ratio_days`).
    var samples: Int

    static let missing = Measurement(value: nil, samples: 0)
}

extension Evaluator {
    func measure(_ indicator: FrameworkIndicator, in scope: EvaluationScope) -> Measurement {
        switch indicator.measure {
        case .material(let aggregate):
            measureMaterial(indicator, aggregate, in: scope)
        case .inspection(let check):
            measureInspection(check: check, in: scope)
        case .survey(let survey, let question, let statistic):
            measureSurvey(survey: survey, question: question, statistic, in: scope)
        case .feed(let metric, let aggregate):
            measureFeed(metric: metric, aggregate, in: scope)
        }
    }

    /// The indicator's assigned units in scope, in document order. In a sub-command scope,
    /// the units of that block; units of no block (HQ lines) count only for the city.
    func assignedUnits(_ indicator: FrameworkIndicator, in scope: EvaluationScope) -> [String] {
        let units = indicator.material?.units ?? []
        guard let subcommand = scope.subcommand else { return units }
        return units.filter { organization.units[$0]?.subcommand == subcommand }
    }

    /// sum/mean/min/max over the units in scope that reported a number (samples: those
    /// units), summed in document order; all/share over every assigned unit in scope
    /// (samples: units that reported anything; none → missing).
    private func measureMaterial(_ indicator: FrameworkIndicator, _ aggregate: MaterialAggregate, in scope: EvaluationScope) -> Measurement {
        let units = assignedUnits(indicator, in: scope)
        let reports = units.map { data.materialReport(unit: $0, indicator: indicator.code) }
        switch aggregate {
        case .sum, .mean, .min, .max:
            let numbers = reports.compactMap { $0?.value }
            guard let first = numbers.first else { return .missing }
            let value: Double =
                switch aggregate {
                case .sum: numbers.reduce(0, +)
                case .mean: numbers.reduce(0, +) / Double(numbers.count)
                case .min: numbers.reduce(first) { Swift.min($0, $1) }
                default: numbers.reduce(first) { Swift.max($0, $1) }
                }
            return Measurement(value: value, samples: numbers.count)
        case .all, .share:
            let reported = reports.compactMap { $0 }
            guard !reported.isEmpty else { return .missing }
            let provided = reported.count(where: { $0.provided == true })
            let value: Double =
                aggregate == .all ? (provided == units.count ? 1 : 0) : Double(provided) / Double(units.count)
            return Measurement(value: value, samples: reported.count)
        }
    }

    /// Passed ÷ all checks of the code at the points in scope (samples: checks).
    private func measureInspection(check: String, in scope: EvaluationScope) -> Measurement {
        var passed = 0
        var total = 0
        for (point, counts) in data.inspections.counts(check: check) {
            if let subcommand = scope.subcommand, pointSubcommands[Int(point)] != subcommand { continue }
            passed += counts.passed
            total += counts.total
        }
        guard total > 0 else { return .missing }
        return Measurement(value: Double(passed) / Double(total), samples: total)
    }

    /// Over the valid answers to the question (samples: answers).
    private func measureSurvey(survey: String, question: String, _ statistic: SurveyStatistic, in scope: EvaluationScope) -> Measurement {
        let histogram = data.surveys.histogram(survey: survey, question: question, subcommand: scope.subcommand)
        let answers = histogram.reduce(0, +)
        guard answers > 0 else { return .missing }
        switch statistic {
        case .satisfiedRate(let satisfiedAt):
            var satisfied = 0
            for (offset, count) in histogram.enumerated() where UInt32(offset + 1) >= satisfiedAt { satisfied += count }
            return Measurement(value: Double(satisfied) / Double(answers), samples: answers)
        case .meanNormalized:
            var total = 0
            for (offset, count) in histogram.enumerated() { total += (offset + 1) * count }
            let mean = Double(total) / Double(answers)
            return Measurement(value: (mean - 1) / 4, samples: answers)
        }
    }

    /// Over the metric's points in scope: the city takes every point, a sub-command the
    /// points naming it. mean/sum/last: samples are points; ratio_days: days with data.
    private func measureFeed(metric: String, _ aggregate: FeedAggregate, in scope: EvaluationScope) -> Measurement {
        let series = data.feeds.series.filter { $0.metric == metric && (scope.subcommand == nil || $0.subcommand == scope.subcommand) }
        let points = series.reduce(0) { $0 + $1.count }
        guard points > 0 else { return .missing }
        switch aggregate {
        case .mean, .sum:
            var sum = ExactSum()
            for one in series { sum.add(one.sum) }
            return Measurement(value: aggregate == .sum ? sum.value : sum.value / Double(points), samples: points)
        case .last:
            let last = series.filter { $0.count > 0 }.max {
                ($0.lastObservedMilliseconds, $0.lastSequence) < ($1.lastObservedMilliseconds, $1.lastSequence)
            }
            return Measurement(value: last?.lastValue, samples: points)
        case .ratioDays(let condition):
            var daysWithData = 0
            var goodDays = 0
            for day in 0..<data.feeds.days.dayCount {
                var count = 0
                var sum = ExactSum()
                for one in series where one.days[day].count > 0 {
                    count += one.days[day].count
                    sum.add(one.days[day].sum)
                }
                guard count > 0 else { continue }
                daysWithData += 1
                if condition.isMet(by: sum.value / Double(count)) { goodDays += 1 }
            }
            return Measurement(value: Double(goodDays) / Double(daysWithData), samples: daysWithData)
        }
    }
}
