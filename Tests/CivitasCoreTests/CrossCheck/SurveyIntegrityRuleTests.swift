import CivitasCore
import Testing

/// Duplicate respondents, straight-lining and too-fast responses, through the predicates
/// the evaluation uses.
@Suite("Cross-check: survey integrity")
struct SurveyIntegrityRuleTests {
    typealias F = CrossCheckFixtures
    let framework = F.framework(
        [F.materialLeaf("waste")], surveys: [CodeRegistry.Survey(code: "s1", questions: ["q1", "q2", "q3", "q4", "q5"], minimumDurationSeconds: 60)])

    static func response(
        _ sequence: Int64, respondent: String, minute: Int64 = 0, duration: UInt32 = 300, answers: [UInt32] = [4, 5, 3, 4, 2],
        survey: String = "s1"
    ) -> EvaluationRow.Survey {
        EvaluationRow.Survey(
            sequence: sequence, contentHash: F.hash(sequence), survey: survey, respondent: respondent, subcommand: "sc-02",
            submittedAtMilliseconds: F.midOctober(plusMinutes: minute), durationSeconds: duration,
            answers: answers.enumerated().map { (question: "q\($0.offset + 1)", answer: $0.element) })
    }

    func run(_ responses: [EvaluationRow.Survey]) -> [Finding] {
        SurveyIntegrityRule.findings(responses, framework: framework, period: F.october)
    }

    @Test("all but the earliest response of a respondent key are flagged, by time then sequence")
    func duplicateRespondent() {
        // k1: sequence 10 at minute 5, sequence 11 at minute 0, sequence 12 at minute 0.
        // Earliest is 11 (minute 0, lower sequence than 12); 10 and 12 are duplicates.
        let findings = run([
            Self.response(10, respondent: "k1", minute: 5), Self.response(11, respondent: "k1", minute: 0),
            Self.response(12, respondent: "k1", minute: 0), Self.response(13, respondent: "k2"),
        ])
        #expect(findings.allSatisfy { $0.rule == .duplicateRespondent && $0.severity == .medium })
        #expect(findings.map(\.sequences).sorted { $0[0] < $1[0] } == [[10], [12]])
        #expect(findings.allSatisfy { $0.figures["keptSequence"] == 11 && $0.figures["responses"] == 3 })
        #expect(findings.allSatisfy { $0.subcommand == "sc-02" && $0.unit == nil })
    }

    @Test("five equal answers are straight-lining; four are not")
    func straightLining() throws {
        let finding = try #require(run([Self.response(20, respondent: "a", answers: [3, 3, 3, 3, 3])]).only)
        #expect(finding.rule == .straightLining && finding.severity == .low)
        #expect(finding.figures["answers"] == 5 && finding.figures["answer"] == 3)
        #expect(run([Self.response(21, respondent: "b", answers: [3, 3, 3, 3])]).isEmpty)
    }

    @Test("below the survey's minimum duration is too fast; exactly the minimum is not")
    func tooFast() throws {
        let finding = try #require(run([Self.response(30, respondent: "a", duration: 59)]).only)
        #expect(finding.rule == .tooFast && finding.figures["duration"] == 59 && finding.figures["minimum"] == 60)
        #expect(run([Self.response(31, respondent: "b", duration: 60)]).isEmpty)
        // A survey the framework does not declare has no minimum to break.
        #expect(run([Self.response(32, respondent: "c", duration: 1, survey: "s-unknown")]).isEmpty)
    }

    @Test("one response can trip several rules, one finding each")
    func severalRules() {
        let findings = run([Self.response(40, respondent: "a", duration: 10, answers: [5, 5, 5, 5, 5])])
        #expect(Set(findings.map(\.rule)) == [.straightLining, .tooFast])
        #expect(Set(findings.map(\.id)).count == 2)
    }

    @Test("clean data finds nothing, and responses outside the period are ignored")
    func clean() {
        let outside = EvaluationRow.Survey(
            sequence: 50, contentHash: F.hash(50), survey: "s1", respondent: "k9", subcommand: nil,
            submittedAtMilliseconds: F.milliseconds(F.october.end), durationSeconds: 1, answers: [])
        #expect(run([Self.response(51, respondent: "k1"), Self.response(52, respondent: "k2"), outside]).isEmpty)
    }

    @Test("re-running yields identical ids")
    func stableIdentity() {
        let responses = [Self.response(10, respondent: "k1", minute: 5), Self.response(11, respondent: "k1"), Self.response(60, respondent: "z", duration: 2)]
        #expect(run(responses).map(\.id) == run(responses.reversed()).map(\.id))
    }
}
