import CivitasCore

/// `civitas framework show`: the tree category → item → indicator with points, and for
/// each indicator its method and measure, scoring rule, gate and spiritual tag; then the
/// codes the framework declares for submissions.
public enum FrameworkTreeText {
    /// - Parameters:
    ///   - version: the published version, when the framework came from the server.
    ///   - spiritualShare: tagged points ÷ total as the server computed it on publish.
    public static func render(_ framework: Framework, version: UInt32? = nil, spiritualShare: Double? = nil) -> String {
        var lines = [
            "\(framework.code)\(version.map { " v\($0)" } ?? "")  \(framework.title)\(framework.isSample ? "  [sample figures]" : "")",
            "total \(ReportNumber.exact(framework.total))  pass score \(ReportNumber.exact(framework.passScore))"
                + (spiritualShare.map { "  spiritual share \(ReportNumber.percent($0))" } ?? "") + profile(framework.profile),
            "time zone \(framework.timeZoneIdentifier)  grace days \(framework.graceDays)",
            "",
        ]
        for category in framework.categories {
            lines.append(node(category.code, category.name, category.points, category.spiritual, category.gate.map(FrameworkRuleText.gate)))
            for item in category.items {
                lines.append("  " + node(item.code, item.name, item.points, item.spiritual, item.gate.map(FrameworkRuleText.gate)))
                for indicator in item.indicators {
                    lines += self.indicator(indicator).map { "    " + $0 }
                }
            }
        }
        lines += declarations(framework)
        return lines.joined(separator: "\n")
    }

    static func node(_ code: String, _ name: String, _ points: Double, _ spiritual: Bool, _ gate: String?) -> String {
        var text = "\(code)  \(name)  \(ReportNumber.exact(points)) pts"
        if spiritual { text += "  [spiritual 精神文明]" }
        if let gate { text += "  gate: \(gate)" }
        return text
    }

    /// The indicator's line, then its rules on an indented line below.
    static func indicator(_ indicator: FrameworkIndicator) -> [String] {
        var rules = [
            "method \(indicator.method.rawValue): \(FrameworkRuleText.measure(indicator.measure))",
            "scoring \(FrameworkRuleText.scoring(indicator.scoring))",
        ]
        if let gate = indicator.gate { rules.append("gate \(FrameworkRuleText.gate(gate))") }
        if let minimum = indicator.minimumSamples { rules.append("min samples \(minimum)") }
        if indicator.perBlock { rules.append("per block") }
        var lines = [node(indicator.code, indicator.name, indicator.points, indicator.spiritual, nil), "  " + rules.joined(separator: " · ")]
        if let material = indicator.material { lines.append("  reports \(FrameworkRuleText.material(material))") }
        return lines
    }

    static func profile(_ profile: SpiritualProfile?) -> String {
        guard let profile else { return "" }
        var bounds: [String] = []
        if let minimum = profile.minimumShare { bounds.append(">= \(ReportNumber.percent(minimum))") }
        if let maximum = profile.maximumShare { bounds.append("<= \(ReportNumber.percent(maximum))") }
        return "  profile \(profile.name)" + (bounds.isEmpty ? "" : " (spiritual \(bounds.joined(separator: ", ")))")
    }

    /// Surveys, feed metrics and checklist items, sorted by code.
    static func declarations(_ framework: Framework) -> [String] {
        var lines: [String] = []
        if !framework.surveys.isEmpty {
            lines += ["", "surveys"]
            lines += framework.surveys.sorted { $0.code < $1.code }.map { survey in
                "  \(survey.code)  questions \(survey.questions.sorted().joined(separator: ", "))  min duration \(survey.minimumDurationSeconds) s"
            }
        }
        if !framework.feedMetrics.isEmpty {
            lines += ["", "feed metrics"]
            lines += framework.feedMetrics.sorted { $0.code < $1.code }.map { metric in
                "  \(metric.code)  unit \(metric.unit)  range \(ReportNumber.exact(metric.range.lowerBound))…\(ReportNumber.exact(metric.range.upperBound))"
            }
        }
        if !framework.checklistItems.isEmpty {
            lines += ["", "checklist items"]
            lines += framework.checklistItems.sorted { $0.code < $1.code }.map { "  \($0.code)  \($0.description)" }
        }
        return lines
    }
}
