import CivitasCore
import Testing

/// One publishing rule broken on purpose: the single problem expected, at its exact path.
struct RefusalCase: Sendable, CustomTestStringConvertible {
    var rule: String
    var edits: [(String, String)]
    var path: String
    var reason: String
    var testDescription: String { rule }
}

/// Each publishing rule refuses the document with the exact node path and a reason that
/// says what is wrong — one problem per broken rule, so an office fixes what it is told.
@Suite("Framework documents: refusals")
struct FrameworkRefusalTests {
    static let leaf0 = "categories[0].items[0].indicators[0]"
    static let leaf1 = "categories[0].items[0].indicators[1]"
    static let air = "categories[1].items[0].indicators[0]"
    static let clean = "categories[1].items[1].indicators[0]"
    static let plan = "categories[1].items[1].indicators[1]"

    static let cases: [RefusalCase] = [
        // minors-school: 2 + 1.5 = 3.5, not 4 (profile lowered so that 3.5 ÷ 10 still meets it).
        .init(rule: "item points that do not add up",
              edits: [("\"points\": 2.5", "\"points\": 2"), ("\"minimum_spiritual_share\": 0.4", "\"minimum_spiritual_share\": 0.3")],
              path: "categories[0].items[0].points", reason: "add up to 3.5, but the item has 4 points"),
        // Categories 4 + 6 = 10, not 11 (profile lowered so that 4 ÷ 11 still meets it).
        .init(rule: "categories that do not add up to the total",
              edits: [("\"total\": 10", "\"total\": 11"), ("\"minimum_spiritual_share\": 0.4", "\"minimum_spiritual_share\": 0.3")],
              path: "total", reason: "add up to 10, but the framework's total is 11"),
        // 4 tagged points ÷ 10 = 0.4 < 0.5.
        .init(rule: "spiritual share below the profile", edits: [("\"minimum_spiritual_share\": 0.4", "\"minimum_spiritual_share\": 0.5")],
              path: "profile", reason: "spiritual share is 0.4 (4 of 10 points are tagged spiritual), below the profile's minimum_spiritual_share 0.5"),
        .init(rule: "spiritual share above the profile's maximum",
              edits: [("\"minimum_spiritual_share\": 0.4", "\"maximum_spiritual_share\": 0.35")],
              path: "profile", reason: "above the profile's maximum_spiritual_share 0.35"),
        .init(rule: "linear floor equal to target", edits: [("\"floor\": 40", "\"floor\": 80")],
              path: "\(leaf0).scoring.floor", reason: "a rule that cannot separate values is refused"),
        .init(rule: "linear floor on the good side of the target", edits: [("\"floor\": 40", "\"floor\": 90")],
              path: "\(leaf0).scoring.floor", reason: "With direction higher, the floor must be below the target"),
        .init(rule: "band fraction above 1", edits: [("\"fraction\": 0.5", "\"fraction\": 1.5")],
              path: "\(leaf1).scoring.bands[1].fraction", reason: "from 0 to 1, not 1.5"),
        .init(rule: "band bounds that repeat", edits: [("\"bound\": 0.8", "\"bound\": 0.9")],
              path: "\(leaf1).scoring.bands[1].bound", reason: "bounds must be distinct"),
        .init(rule: "unknown survey question", edits: [("\"question\": \"q1\"", "\"question\": \"q9\"")],
              path: "\(leaf1).measure.question", reason: "\"q9\" is not a question of the survey \"citizen\""),
        .init(rule: "undeclared survey", edits: [("\"survey\": \"citizen\"", "\"survey\": \"youth\"")],
              path: "\(leaf1).measure.survey", reason: "\"youth\" is not a declared survey"),
        .init(rule: "satisfied_at outside 1…5", edits: [("\"satisfied_at\": 4", "\"satisfied_at\": 6")],
              path: "\(leaf1).measure.satisfied_at", reason: "whole number from 1 to 5"),
        .init(rule: "value_kind number for a share measure", edits: [("{\"kind\": \"mean\"}", "{\"kind\": \"share\"}")],
              path: "\(leaf0).value_kind", reason: "does not fit the measure share"),
        .init(rule: "unknown field, with a suggestion", edits: [("\"pass_score\": 9", "\"pass_score\": 9, \"passScore\": 9")],
              path: "passScore", reason: "Did you mean \"pass_score\"?"),
        .init(rule: "unknown field in a category", edits: [("\"points\": 6,", "\"points\": 6, \"weight\": 1,")],
              path: "categories[1].weight", reason: "Unknown field \"weight\""),
        .init(rule: "field of another scoring rule", edits: [("{\"rule\": \"boolean\"}", "{\"rule\": \"boolean\", \"target\": 1}")],
              path: "\(plan).scoring.target", reason: "Unknown field \"target\" for the rule boolean"),
        .init(rule: "a key given twice", edits: [("\"grace_days\": 5", "\"grace_days\": 5, \"grace_days\": 6")],
              path: "grace_days", reason: "appears more than once"),
        .init(rule: "codes share one namespace", edits: [("\"code\": \"env-air\"", "\"code\": \"minors\"")],
              path: "categories[1].items[0].code", reason: "already used at categories[0]"),
        .init(rule: "invalid code", edits: [("\"code\": \"i-clean\"", "\"code\": \"i clean\"")],
              path: "\(clean).code", reason: "may contain only letters"),
        .init(rule: "pass score above the total", edits: [("\"pass_score\": 9", "\"pass_score\": 10.5")],
              path: "pass_score", reason: "at most the total 10"),
        .init(rule: "non-IANA time zone", edits: [("\"Asia/Shanghai\"", "\"GMT+8\"")],
              path: "time_zone", reason: "not an IANA time zone"),
        .init(rule: "fractional grace days", edits: [("\"grace_days\": 5", "\"grace_days\": 1.5")],
              path: "grace_days", reason: "whole number from 0 to 366"),
        .init(rule: "number that overflows", edits: [("\"max\": 500", "\"max\": 1e400")],
              path: "feed_metrics[0].max", reason: "must be finite"),
        .init(rule: "boolean scoring on a number", edits: [("\"scoring\": {\"rule\": \"linear\", \"floor\": 40, \"target\": 80, \"direction\": \"higher\"}", "\"scoring\": {\"rule\": \"boolean\"}")],
              path: "\(leaf0).scoring.rule", reason: "only the material measure all produces"),
        .init(rule: "per_block on a non-feed leaf", edits: [("\"check\": \"clean\"}", "\"check\": \"clean\"}, \"per_block\": true")],
              path: "\(clean).per_block", reason: "Only feed indicators take per_block"),
        .init(rule: "units on a non-material leaf", edits: [("\"check\": \"clean\"}", "\"check\": \"clean\"}, \"units\": [\"u-1\"]")],
              path: "\(clean).units", reason: "Only material indicators take units"),
        .init(rule: "undeclared checklist item", edits: [("\"check\": \"clean\"", "\"check\": \"dirty\"")],
              path: "\(clean).measure.check", reason: "\"dirty\" is not a declared checklist item"),
        .init(rule: "undeclared feed metric", edits: [("\"metric\": \"aqi\"", "\"metric\": \"pm25\"")],
              path: "\(air).measure.metric", reason: "\"pm25\" is not a declared feed metric"),
        .init(rule: "gate operator", edits: [("\"op\": \">=\"", "\"op\": \"=>\"")],
              path: "\(air).gate.op", reason: "is not one of >=, <=, >, <"),
        .init(rule: "node gate fraction of 0", edits: [("\"min_fraction\": 0.85", "\"min_fraction\": 0")],
              path: "categories[0].gate.min_fraction", reason: "above 0 and at most 1"),
        .init(rule: "min_samples of 0", edits: [("\"min_samples\": 20", "\"min_samples\": 0")],
              path: "\(air).min_samples", reason: "whole number from 1 to"),
        .init(rule: "a unit assigned twice", edits: [("[\"u-1\", \"u-2\"]", "[\"u-1\", \"u-1\"]")],
              path: "\(leaf0).units[1]", reason: "assigned twice"),
        .init(rule: "a number leaf without a range", edits: [("\"range\": {\"min\": 0, \"max\": 400}, ", "")],
              path: "\(leaf0).range", reason: "needs the valid range"),
        .init(rule: "peer that is not an indicator", edits: [("\"check\": \"clean\"}", "\"check\": \"clean\"}, \"peer\": {\"indicator\": \"env-city\", \"tolerance\": 0.1}")],
              path: "\(clean).peer.indicator", reason: "is a category or item, not an indicator"),
        .init(rule: "negative tolerance", edits: [("\"check\": \"clean\"}", "\"check\": \"clean\"}, \"peer\": {\"feed_metric\": \"aqi\", \"tolerance\": -0.1}")],
              path: "\(clean).peer.tolerance", reason: "cannot be negative"),
        .init(rule: "contradiction on a non-material leaf", edits: [("\"check\": \"clean\"}", "\"check\": \"clean\"}, \"contradiction\": {\"check\": \"clean\", \"tolerance\": 0.1}")],
              path: "\(clean).contradiction", reason: "Only material indicators take a contradiction check"),
        .init(rule: "missing scoring rule", edits: [(", \"scoring\": {\"rule\": \"boolean\"}", "")],
              path: "\(plan).scoring", reason: "The field is missing"),
        // Line 2 of the fixture; the second comma is its 89th character (the six Chinese
        // characters of the title count one each, not three bytes each).
        .init(rule: "syntax error with line and column", edits: [("\"total\": 10,", "\"total\": 10,,")],
              path: "document", reason: "line 2, column 89: expected a quoted member name"),
    ]

    @Test("each broken rule gives one problem at its exact path", arguments: cases)
    func refusal(_ broken: RefusalCase) throws {
        let problems = FrameworkFixture.problems(broken.edits)
        try #require(problems.count == 1, "\(problems)")
        #expect(problems[0].path == broken.path)
        #expect(problems[0].reason.contains(broken.reason), "\(problems[0].reason)")
        // Full sentences: a capital letter or a quoted value first, a period last.
        #expect(problems[0].reason.hasSuffix(".") || problems[0].reason.hasSuffix("?"))
    }

    @Test("the untouched fixture is valid")
    func fixtureIsValid() throws {
        #expect(FrameworkFixture.problems([]).isEmpty)
    }

    @Test("several problems are reported at once, in document order, each at its path")
    func severalProblems() {
        let problems = FrameworkFixture.problems([
            ("\"pass_score\": 9", "\"pass_score\": 9, \"passScore\": 9"),
            ("\"points\": 2.5", "\"points\": 2"),
            ("\"fraction\": 0.5", "\"fraction\": 1.5"),
            ("\"floor\": 0.7", "\"floor\": 0.95"),
            ("\"minimum_spiritual_share\": 0.4", "\"minimum_spiritual_share\": 0.45"),
        ])
        // The profile is still checked although other leaves have problems: 3.5 tagged
        // points (2 + 1.5) ÷ 10 = 0.35 < 0.45.
        #expect(problems.map(\.path) == [
            "passScore",
            "\(Self.leaf1).scoring.bands[1].fraction",
            "categories[0].items[0].points",
            "\(Self.clean).scoring.floor",
            "profile",
        ])
        #expect(problems.last?.reason.contains("0.35 (3.5 of 10 points") == true)
    }

    @Test("sums are compared with a tolerance of 1e-9 × total: 0.1 + 0.2 adds up to 0.3")
    func pointsTolerance() throws {
        // env-city: 0.1 + 0.2 = 0.30000000000000004 in doubles, not 0.3; environment: 5.7 + 0.3 = 6.
        var edits = [
            ("\"code\": \"env-air\", \"name\": \"空气质量\", \"points\": 3", "\"code\": \"env-air\", \"name\": \"空气质量\", \"points\": 5.7"),
            ("\"name\": \"优良天数比例\", \"points\": 3", "\"name\": \"优良天数比例\", \"points\": 5.7"),
            ("\"code\": \"env-city\", \"name\": \"市容环境\", \"points\": 3", "\"code\": \"env-city\", \"name\": \"市容环境\", \"points\": 0.3"),
            ("\"name\": \"路面整洁\", \"points\": 2", "\"name\": \"路面整洁\", \"points\": 0.1"),
            ("\"name\": \"方案报备\", \"points\": 1", "\"name\": \"方案报备\", \"points\": 0.2"),
        ]
        #expect(0.1 + 0.2 != 0.3)
        #expect(FrameworkFixture.problems(edits).isEmpty)
        // A difference of 1e-7 is far above 1e-9 × 10 and is refused.
        edits[4].1 = "\"name\": \"方案报备\", \"points\": 0.2000001"
        #expect(FrameworkFixture.problems(edits).map(\.path) == ["categories[1].items[1].points"])
    }
}
