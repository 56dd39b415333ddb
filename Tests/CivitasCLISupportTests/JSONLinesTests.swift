@testable import CivitasCLISupport
import CivitasProtos
import Foundation
import SwiftProtobuf
import Testing

@Suite("JSON Lines")
struct JSONLinesTests {
    @Test("Each channel decodes its proto JSON, snake_case or camelCase")
    func decodes() throws {
        let feed = try read(
            Civitas_V1_FeedPoint.self,
            """
            {"key":"f1","metric":"aqi","source":"env","observed_at":"2026-10-05T01:30:00Z","value":42}

            {"metric":"aqi","observedAt":"2026-10-05T09:30:00+08:00","value":43,"subcommand":"sc-01"}
            """,
            format: .jsonl
        )
        #expect(feed.problems.isEmpty)
        #expect(feed.items.map(\.lines) == [[1], [3]])
        #expect(feed.items[0].record.key == "f1" && feed.items[0].record.observedAt.seconds == 1_791_163_800)
        #expect(feed.items[1].record.key.hasPrefix("h"))

        let survey = try read(
            Civitas_V1_SurveyResponse.self,
            #"{"survey":"wave-1","respondent":"r1","submitted_at":"2026-10-05T01:30:00Z","duration_seconds":120,"answers":{"q1":5,"q2":3}}"#,
            format: .jsonl
        )
        #expect(survey.items[0].record.answers.map(\.question) == ["q1", "q2"])
        #expect(survey.items[0].record.answers.map(\.answer) == [5, 3])

        let material = try read(
            Civitas_V1_MaterialReport.self,
            #"{"key":"m","unit":"u","indicator":"i","period":{"name":"2026-10"},"provided":true}"#, format: .jsonl
        )
        #expect(material.items[0].record.provided == true)

        let inspection = try read(
            Civitas_V1_InspectionRecord.self,
            #"{"point":"p","inspector":"x","observed_at":"2026-10-05T01:30:00Z","checks":[{"check":"clean","passed":true}]}"#,
            format: .jsonl
        )
        #expect(inspection.items[0].record.checks.count == 1)
    }

    @Test("A line that cannot be decoded is refused with its line number; an error member is ignored")
    func problems() throws {
        let parsed = try read(
            Civitas_V1_FeedPoint.self,
            """
            {"metric":"aqi","observed_at":"2026-10-05T01:30:00Z","value":1}
            {"metric":"aqi","observed_at":"2026-10-05T01:30:00Z","value":"lots"}
            {"metric":"aqi","colour":"red"}
            not json
            {"metric":"aqi","observed_at":"2026-10-05T01:30:00Z","value":2,"error":"value: was bad"}
            """,
            format: .jsonl
        )
        #expect(parsed.items.map(\.lines) == [[1], [5]])
        #expect(parsed.problems.map(\.lines) == [[2], [3], [4]])
        #expect(parsed.problems.allSatisfy { $0.field == "json" })
        #expect(parsed.problems[1].reason.contains("colour"))
    }

    @Test("Survey answers: the proto's array form and the handier object form read alike, with the same key")
    func surveyAnswerForms() throws {
        let head = #"{"survey":"wave-1","respondent":"r1","submitted_at":"2026-10-05T01:30:00Z","duration_seconds":120,"#
        let object = try read(Civitas_V1_SurveyResponse.self, head + #""answers":{"q2":3,"q1":5}}"#, format: .jsonl)
        let array = try read(
            Civitas_V1_SurveyResponse.self, head + #""answers":[{"question":"q2","answer":3},{"question":"q1","answer":5}]}"#,
            format: .jsonl
        )
        let spaced = try read(
            Civitas_V1_SurveyResponse.self, head + #""answers" : { "q1" : 5, "q2" : 3 }, "error": "q1: was bad"}"#, format: .jsonl
        )
        #expect(object.problems.isEmpty && array.problems.isEmpty && spaced.problems.isEmpty)
        #expect(object.items[0].record.answers.map(\.question) == ["q1", "q2"])
        #expect(object.items[0].record.answers.map(\.answer) == [5, 3])
        #expect(array.items[0].record.answers.map(\.question) == ["q2", "q1"])
        #expect(spaced.items[0].record == object.items[0].record)
        // Keys are derived from sorted answers: the two forms (and the CSV) give one key.
        #expect(object.items[0].record.key == array.items[0].record.key)
        let csv = try read(
            Civitas_V1_SurveyResponse.self, "survey,respondent,submitted_at,duration_seconds,q2,q1\nwave-1,r1,2026-10-05T01:30:00Z,120,3,5\n"
        )
        #expect(csv.items[0].record.key == object.items[0].record.key)

        let bad = try read(Civitas_V1_SurveyResponse.self, head + #""answers":{"q1":"lots"}}"#, format: .jsonl)
        #expect(bad.items.isEmpty && bad.problems.map(\.field) == ["json"])
    }
}
