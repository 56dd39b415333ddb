import CivitasProtos
import Foundation
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
    /// Two decimals, except that a failed gate never reads as met: 0.8499 against
    /// `>= 0.85` would round to 0.85, so it gets the decimals that show the miss.
    static func gateValue(_ gate: Civitas_V1_GateResult) -> String {
        guard gate.hasValue_p else { return "-" }
        guard !gate.passed, let (op, threshold) = condition(gate.condition) else { return ReportNumber.fixed(gate.value) }
        for decimals in 2...10 {
            let text = String(format: "%.\(decimals)f", gate.value)
            if let shown = Double(text), !meets(shown, op, threshold) { return text }
        }
        return "\(gate.value)"
    }

    /// The operator and number of an engine condition (`value >= 0.9`,
    /// `earned >= 0.85 of points`); nil for any other wording.
    static func condition(_ text: String) -> (String, Double)? {
        let words = text.split(separator: " ").map(String.init)
        guard let index = words.firstIndex(where: { [">=", ">", "<=", "<"].contains($0) }), index + 1 < words.count,
            let threshold = Double(words[index + 1])
        else { return nil }
        return (words[index], threshold)
    }

    static func meets(_ value: Double, _ op: String, _ threshold: Double) -> Bool {
        switch op {
        case ">=": value >= threshold
        case ">": value > threshold
        case "<=": value <= threshold
        default: value < threshold
        }
    }
}
