/// Survey integrity (DOMAIN §6) as findings: duplicate respondent keys, straight-lining
/// and too-fast responses. The per-response tests are ``SurveyIntegrity``'s, shared with
/// the evaluation, so a response the evaluation excludes is exactly a response reported
/// here. A response may trip several rules and then yields one finding per rule.
public enum SurveyIntegrityRule {
    /// - Parameters:
    ///   - responses: survey rows; those submitted outside `period` are ignored.
    ///   - framework: declares each survey's minimum duration; responses to a survey it
    ///     does not declare are not judged for speed.
    public static func findings(_ responses: [EvaluationRow.Survey], framework: Framework, period: Period) -> [Finding] {
        let start = CrossCheckMath.milliseconds(period.start)
        let end = CrossCheckMath.milliseconds(period.end)
        let inPeriod = responses.filter { start <= $0.submittedAtMilliseconds && $0.submittedAtMilliseconds < end }
            .sorted { $0.sequence < $1.sequence }
        let minimums = Dictionary(framework.surveys.map { ($0.code, $0.minimumDurationSeconds) }, uniquingKeysWith: { a, _ in a })

        var findings = duplicates(inPeriod, period: period)
        for response in inPeriod {
            let answers = response.answers.map(\.answer)
            if SurveyIntegrity.isStraightLined(answers) {
                findings.append(
                    finding(
                        .straightLining, response, period: period, severity: .low,
                        figures: ["answers": Double(answers.count), "answer": Double(answers[0])],
                        reason: "gave the same answer (\(answers[0])) to all \(answers.count) questions")
                )
            }
            if let minimum = minimums[response.survey],
                SurveyIntegrity.isTooFast(durationSeconds: response.durationSeconds, minimumSeconds: minimum)
            {
                findings.append(
                    finding(
                        .tooFast, response, period: period, severity: .low,
                        figures: ["duration": Double(response.durationSeconds), "minimum": Double(minimum)],
                        reason: "took \(response.durationSeconds) s, less than the survey's minimum of \(minimum) s")
                )
            }
        }
        return findings
    }

    /// All but the earliest response of each (survey, respondent key), by submitted time
    /// then sequence number (``SurveyIntegrity/precedes(submittedAtMilliseconds:sequence:_:sequence:)``).
    private static func duplicates(_ responses: [EvaluationRow.Survey], period: Period) -> [Finding] {
        let byRespondent = Dictionary(grouping: responses, by: { "\($0.survey)\n\($0.respondent)" })
        return byRespondent.keys.sorted().flatMap { key -> [Finding] in
            let ordered = byRespondent[key]!.sorted {
                SurveyIntegrity.precedes(
                    submittedAtMilliseconds: $0.submittedAtMilliseconds, sequence: $0.sequence, $1.submittedAtMilliseconds,
                    sequence: $1.sequence)
            }
            let kept = ordered[0]
            return ordered.dropFirst().map { response in
                finding(
                    .duplicateRespondent, response, period: period, severity: .medium,
                    figures: ["keptSequence": Double(kept.sequence), "responses": Double(ordered.count)],
                    reason: "repeats respondent key \(response.respondent), first used by record \(kept.sequence)")
            }
        }
    }

    private static func finding(
        _ rule: CrossCheckRule, _ response: EvaluationRow.Survey, period: Period, severity: FindingSeverity,
        figures: [String: Double], reason: String
    ) -> Finding {
        Finding(
            rule: rule,
            subject: Finding.subject(["survey": response.survey, "respondent": response.respondent, "period": period.name]),
            sequences: [response.sequence], figures: figures, severity: severity, unit: nil, subcommand: response.subcommand,
            period: period.name,
            message: "Survey response \(response.sequence) to \(response.survey) \(reason); it does not count in the evaluation."
        )
    }
}
