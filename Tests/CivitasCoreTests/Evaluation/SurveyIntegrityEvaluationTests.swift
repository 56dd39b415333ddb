import CivitasCore
import Testing

/// The evaluation applies survey integrity itself (DOMAIN §3.1, §6): a duplicate
/// respondent's later responses, straight-lined and too-fast responses are not valid.
@Suite("Evaluation survey integrity")
struct SurveyIntegrityEvaluationTests {
    typealias F = EvaluationFixture

    let satisfied = F.leaf("s", .survey(survey: "sv", question: "q1", statistic: .satisfiedRate(satisfiedAt: 4)))
    let mean = F.leaf("m", .survey(survey: "sv", question: "q1", statistic: .meanNormalized))

    func value(_ leaf: FrameworkIndicator, _ records: EvaluationRecords, minimumDurations: [String: UInt32] = [:]) -> (Double?, Int) {
        let outcome = F.evaluate(F.framework(leaves: [leaf]), records, minimumDurations: minimumDurations)
        return (outcome.leaves[0].value, outcome.leaves[0].samples)
    }

    @Test("duplicate respondent: only the earliest submitted response counts, in any fold order")
    func duplicateByTime() {
        var records = EvaluationRecords()
        // r1 answers 5 on day 6 (sequence 1), then 1 on day 4 (sequence 2): day 4 is earlier,
        // so 1 counts and 5 is the duplicate. r2 answers 4 once.
        records.survey(respondent: "r1", at: F.at(day: 6), [("q1", 5), ("q2", 3)])
        records.survey(respondent: "r1", at: F.at(day: 4), [("q1", 1), ("q2", 3)])
        records.survey(respondent: "r2", [("q1", 4), ("q2", 3)])
        // Valid answers {1, 4}: satisfied 1 of 2 = 0.5; mean 2.5 → (2.5 − 1)/4 = 0.375.
        #expect(value(satisfied, records) == (0.5, 2))
        #expect(value(mean, records) == (0.375, 2))
        // The same rows folded in reverse give the same result and digest.
        let forward = records.data()
        let backward = records.data(order: records.rows.reversed())
        #expect(forward.inputDigest == backward.inputDigest)
        let outcome = Evaluator(framework: F.framework(leaves: [mean]), organization: F.organization, data: backward).evaluate(.city)
        #expect(outcome.leaves[0].value == 0.375)
        #expect(!forward.needsRebuild && !backward.needsRebuild)
    }

    @Test("duplicate respondent at the same submitted time: the lower sequence counts")
    func duplicateTieBySequence() {
        var records = EvaluationRecords()
        // Same time; sequence 7 (answer 2) precedes sequence 9 (answer 5) although folded after it.
        records.survey(respondent: "r1", at: F.at(day: 5), [("q1", 5), ("q2", 3)], sequence: 9)
        records.survey(respondent: "r1", at: F.at(day: 5), [("q1", 2), ("q2", 3)], sequence: 7)
        // Only 2 counts: satisfied 0/1 = 0; mean (2 − 1)/4 = 0.25.
        #expect(value(satisfied, records) == (0, 1))
        #expect(value(mean, records) == (0.25, 1))
    }

    @Test("the same respondent key in another survey is another respondent")
    func respondentPerSurvey() {
        var records = EvaluationRecords()
        records.survey("sv", respondent: "r1", [("q1", 5), ("q2", 3)])
        records.survey("other", respondent: "r1", [("q1", 1), ("q2", 3)])
        #expect(value(mean, records) == (1, 1))
    }

    @Test("straight-lining: five or more answers all equal is not valid")
    func straightLining() {
        var records = EvaluationRecords()
        // r1: five answers of 5 → straight-lined, excluded. r2: four answers of 5 → valid
        // (fewer than five). r3: five answers, not all equal → valid.
        records.survey(respondent: "r1", [("q1", 5), ("q2", 5), ("q3", 5), ("q4", 5), ("q5", 5)])
        records.survey(respondent: "r2", [("q1", 5), ("q2", 5), ("q3", 5), ("q4", 5)])
        records.survey(respondent: "r3", [("q1", 1), ("q2", 5), ("q3", 5), ("q4", 5), ("q5", 5)])
        // Valid q1 answers {5, 1}: satisfied 1/2 = 0.5.
        #expect(value(satisfied, records) == (0.5, 2))
    }

    @Test("too fast: a duration below the survey's minimum is not valid")
    func tooFast() {
        var records = EvaluationRecords()
        // Minimum 120 s: r1 (119 s) excluded, r2 (120 s) valid; another survey has no minimum.
        records.survey(respondent: "r1", duration: 119, [("q1", 5), ("q2", 3)])
        records.survey(respondent: "r2", duration: 120, [("q1", 1), ("q2", 3)])
        #expect(value(satisfied, records, minimumDurations: ["sv": 120]) == (0, 1))
        // With no minimum declared (0), both count: 1 of 2 satisfied.
        #expect(value(satisfied, records) == (0.5, 2))
    }

    @Test("an invalid first response still makes the respondent's later ones duplicates")
    func invalidFirstStillFirst() {
        var records = EvaluationRecords()
        // r1's earliest response is too fast; its later valid-looking one is a duplicate.
        records.survey(respondent: "r1", at: F.at(day: 2), duration: 5, [("q1", 5), ("q2", 3)])
        records.survey(respondent: "r1", at: F.at(day: 3), [("q1", 5), ("q2", 3)])
        records.survey(respondent: "r2", [("q1", 1), ("q2", 3)])
        #expect(value(satisfied, records, minimumDurations: ["sv": 60]) == (0, 1))
    }

    @Test("a late response preceding the counted one after an advance asks for a rebuild")
    func lateEarlierResponseNeedsRebuild() {
        var data = EvaluationData(period: F.period, timeZone: F.zone, surveyMinimumDurations: [:])
        var first = EvaluationRecords()
        first.survey(respondent: "r1", at: F.at(day: 6), [("q1", 5), ("q2", 3)])
        EvaluationRecords.fold(first.rows, into: &data)
        data.advance(to: 1)
        // A later response from r1 (day 8): a duplicate, folded incrementally.
        var later = EvaluationRecords(nextSequence: 2)
        later.survey(respondent: "r1", at: F.at(day: 8), [("q1", 1), ("q2", 3)])
        EvaluationRecords.fold(later.rows, into: &data)
        #expect(!data.needsRebuild)
        // An earlier one (day 2) displaces the counted answers, which are no longer kept.
        var earlier = EvaluationRecords(nextSequence: 3)
        earlier.survey(respondent: "r1", at: F.at(day: 2), [("q1", 1), ("q2", 3)])
        EvaluationRecords.fold(earlier.rows, into: &data)
        #expect(data.needsRebuild)
        // Rebuilt from scratch, the earliest response (answer 1) is the one that counts.
        let rebuilt = EvaluationRecords(rows: first.rows + later.rows + earlier.rows, nextSequence: 4)
        #expect(value(mean, rebuilt) == (0, 1))
        #expect(!rebuilt.data().needsRebuild)
    }
}
