import CivitasProtos

/// What `civitas evaluate --wait` prints once the job is done: the score in a few lines —
/// total against maximum, pass score, eligibility and every failed gate.
public enum EvaluationSummaryText {
    public static func render(
        _ result: Civitas_V1_EvaluationResult, passScore: Double?, names: ReportNames, language: ReportLanguage
    ) -> String {
        let label = { (label: ReportLabel) in label.text(language) }
        var lines = [
            "\(result.framework) v\(result.frameworkVersion) · \(result.period.name) · \(names.scope(result.scope.name, in: language))"
                + " · \(label(.resultID)) \(result.id)"
        ]
        if result.stale { lines.append("!! \(label(.staleBanner))") }
        lines.append(
            "\(label(.total)) \(ReportHeader.total(result))  \(label(.passScore)) \(passScore.map(ReportNumber.fixed) ?? "-")  "
                + "\(label(.eligibility)) \(ReportHeader.eligibility(result, language))"
        )
        let failed = result.gates.filter { !$0.passed }
        if failed.isEmpty {
            lines.append("\(label(.gatesTitle)): \(result.gates.isEmpty ? label(.none) : label(.noFailedGates))")
        } else {
            lines.append("\(label(.failedGatesTitle)):")
            for gate in failed {
                lines.append(
                    "  \(gate.node) \(names.node(gate.node))  \(gate.condition)  \(label(.value)) \(ReportHeader.gateValue(gate))"
                )
            }
        }
        return lines.joined(separator: "\n")
    }
}
