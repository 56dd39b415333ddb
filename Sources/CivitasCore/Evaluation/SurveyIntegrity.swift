/// The per-response survey integrity rules (DOMAIN §6). Deterministic on the response
/// alone, so the evaluation applies them itself (§3.1) and the cross-check reports them;
/// both call these, so the two can never disagree. The third rule, duplicate respondent,
/// needs the other responses and lives with each caller's index of respondents.
public enum SurveyIntegrity {
    /// How many answers a response needs before "all equal" counts as straight-lining.
    public static let straightLiningMinimumAnswers = 5

    /// At least five questions answered, all with the same answer.
    public static func isStraightLined<Answers: Collection>(_ answers: Answers) -> Bool where Answers.Element == UInt32 {
        guard answers.count >= straightLiningMinimumAnswers, let first = answers.first else { return false }
        return answers.allSatisfy { $0 == first }
    }

    /// Answered faster than the survey's declared minimum duration.
    public static func isTooFast(durationSeconds: UInt32, minimumSeconds: UInt32) -> Bool {
        durationSeconds < minimumSeconds
    }

    /// Whether response `a` precedes `b` for the duplicate-respondent rule: earlier
    /// submitted time, then lower sequence number. All but the first are flagged.
    public static func precedes(
        submittedAtMilliseconds a: Int64, sequence sequenceA: Int64, _ b: Int64, sequence sequenceB: Int64
    ) -> Bool {
        (a, sequenceA) < (b, sequenceB)
    }
}
