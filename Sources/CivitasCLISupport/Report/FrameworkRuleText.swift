import CivitasCore

/// How a framework's rules read on a terminal, shared by `framework show` and
/// `framework diff`. Numbers are written exactly as the document holds them.
public enum FrameworkRuleText {
    /// `material mean`, `inspection C-07`, `survey S1 q3 satisfied_rate ≥ 4`,
    /// `feed aqi ratio_days(daily mean <= 100)`.
    public static func measure(_ measure: Measure) -> String {
        switch measure {
        case .material(let aggregate):
            return "material \(aggregate.rawValue)"
        case .inspection(let check):
            return "inspection \(check)"
        case .survey(let survey, let question, let statistic):
            switch statistic {
            case .satisfiedRate(let satisfiedAt): return "survey \(survey) \(question) satisfied_rate(>= \(satisfiedAt))"
            case .meanNormalized: return "survey \(survey) \(question) mean_normalized"
            }
        case .feed(let metric, let aggregate):
            switch aggregate {
            case .mean: return "feed \(metric) mean"
            case .sum: return "feed \(metric) sum"
            case .last: return "feed \(metric) last"
            case .ratioDays(let condition): return "feed \(metric) ratio_days(daily mean \(self.condition(condition)))"
            }
        }
    }

    /// `threshold >= 0.9`, `linear 0.5 → 0.9 (higher)`, `bands >= 0.9: 1, >= 0.8: 0.6`, `boolean`.
    public static func scoring(_ rule: ScoringRule) -> String {
        switch rule {
        case .threshold(let target, let direction):
            return "threshold \(direction == .higherIsBetter ? ">=" : "<=") \(ReportNumber.exact(target))"
        case .linear(let floor, let target, let direction):
            return "linear \(ReportNumber.exact(floor)) → \(ReportNumber.exact(target)) (\(direction.rawValue))"
        case .bands(let bands, let direction):
            let op = direction == .higherIsBetter ? ">=" : "<="
            return "bands " + bands.map { "\(op) \(ReportNumber.exact($0.bound)): \(ReportNumber.exact($0.fraction))" }.joined(separator: ", ")
        case .boolean:
            return "boolean"
        }
    }

    /// `>= 0.9`.
    public static func condition(_ condition: Condition) -> String {
        "\(condition.op.rawValue) \(ReportNumber.exact(condition.value))"
    }

    /// A leaf gate: `v >= 0.9`.
    public static func gate(_ gate: LeafGate) -> String { "v \(condition(gate.condition))" }

    /// A node gate: `earned >= 0.85 of points` (the engine's own wording; a fraction, not
    /// a percentage, so that no multiplication can blur the document's number).
    public static func gate(_ gate: NodeGate) -> String {
        "earned >= \(ReportNumber.exact(gate.minimumFraction)) of points"
    }

    /// `number 0…100` or `provided`, then the assigned units.
    public static func material(_ declaration: MaterialDeclaration) -> String {
        var text = declaration.valueKind.rawValue
        if let range = declaration.range { text += " \(ReportNumber.exact(range.lowerBound))…\(ReportNumber.exact(range.upperBound))" }
        return text + "; units " + (declaration.units.isEmpty ? "-" : declaration.units.joined(separator: ", "))
    }
}
