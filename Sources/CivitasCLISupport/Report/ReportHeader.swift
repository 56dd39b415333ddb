import CivitasProtos
import SwiftProtobuf

/// The lines that make a result reproducible, printed above every report of one result:
/// framework version, period, scope, cut-off and input digest (DOMAIN §5).
enum ReportHeader {
    static func lines(
        title: ReportLabel, result: Civitas_V1_EvaluationResult, names: ReportNames, language: ReportLanguage
    ) -> [String] {
        var lines = ["\(title.text(language)) — \(result.framework) v\(result.frameworkVersion)"]
        if result.stale { lines.append("!! \(ReportLabel.staleBanner.text(language))") }
        lines.append(
            "\(ReportLabel.period.text(language)) \(result.period.name)  "
                + "\(ReportLabel.scope.text(language)) \(names.scope(result.scope.name, in: language))"
        )
        lines.append(
            "\(ReportLabel.resultID.text(language)) \(result.id)  \(ReportLabel.cutoff.text(language)) \(result.cutoffSequence)  "
                + "\(ReportLabel.computedAt.text(language)) \(result.computedAt.text(ifSet: result.hasComputedAt))"
        )
        lines.append("\(ReportLabel.inputDigest.text(language)) \(result.inputDigest)")
        return lines
    }

    /// `未达标`, `达标`, or "not judged" in a sub-command scope.
    static func eligibility(_ result: Civitas_V1_EvaluationResult, _ language: ReportLanguage) -> String {
        guard result.hasEligibility_p else { return ReportLabel.eligibilityNotApplicable.text(language) }
        return (result.eligible ? ReportLabel.eligible : ReportLabel.notEligible).text(language)
    }

    /// `87.50 / 100.00 (87.50%)`.
    static func total(_ result: Civitas_V1_EvaluationResult) -> String {
        "\(ReportNumber.fixed(result.total)) / \(ReportNumber.fixed(result.maxPoints)) (\(ReportNumber.ratio(result.total, of: result.maxPoints)))"
    }

    /// A gate's value, or `-` when it is missing (a missing gated value fails the gate).
    static func gateValue(_ gate: Civitas_V1_GateResult) -> String {
        gate.hasValue_p ? ReportNumber.fixed(gate.value) : "-"
    }
}
