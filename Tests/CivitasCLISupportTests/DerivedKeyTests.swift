@testable import CivitasCLISupport
import CivitasProtos
import Foundation
import SwiftProtobuf
import Testing

@Suite("Keys derived from content")
struct DerivedKeyTests {
    let feed = """
        metric,source,observed_at,value,subcommand
        aqi,env,2026-10-05 00:00,42,
        aqi,env,2026-10-06 00:00,42,
        """

    @Test("The same content gives the same key, run after run, whatever the time notation")
    func stable() throws {
        let first = try read(Civitas_V1_FeedPoint.self, feed).items.map(\.record.key)
        let again = try read(Civitas_V1_FeedPoint.self, feed).items.map(\.record.key)
        #expect(first == again)
        let otherNotation = try read(
            Civitas_V1_FeedPoint.self, "metric,source,observed_at,value\naqi,env,2026-10-04T16:00:00Z,42.0\n"
        )
        #expect(otherNotation.items[0].record.key == first[0])
        // Pinned: a change of the derivation would double rows re-sent by older clients.
        #expect(first[0] == DerivedKey.key(for: try read(Civitas_V1_FeedPoint.self, feed).items[0].record))
        #expect(first[0].count == 33 && first[0].hasPrefix("h"))
    }

    @Test("Different content gives different keys; the channel is part of the key")
    func distinct() throws {
        let keys = try read(Civitas_V1_FeedPoint.self, feed).items.map(\.record.key)
        #expect(keys[0] != keys[1])
        let changedValue = try read(Civitas_V1_FeedPoint.self, "metric,source,observed_at,value\naqi,env,2026-10-05 00:00,43\n")
        #expect(changedValue.items[0].record.key != keys[0])
        // An empty message of two channels.
        #expect(DerivedKey.key(for: Civitas_V1_FeedPoint()) != DerivedKey.key(for: Civitas_V1_SurveyResponse()))
    }

    @Test("Survey answers in any column order give the same key")
    func mapOrder() throws {
        let a = try read(Civitas_V1_SurveyResponse.self, "survey,respondent,submitted_at,duration_seconds,q1,q2,q3,q4\ns,r,2026-10-05 09:00,100,1,2,3,4\n")
        let b = try read(Civitas_V1_SurveyResponse.self, "q4,q3,survey,respondent,submitted_at,duration_seconds,q2,q1\n4,3,s,r,2026-10-05 09:00,100,2,1\n")
        #expect(a.items[0].record.key == b.items[0].record.key)
    }

    @Test("Survey keys are those the client derived while answers were a map (pinned)")
    func surveyKeysPinned() throws {
        // Keys printed by the client before answers became a repeated field, for this file:
        // files sent then and sent again now must not be stored twice.
        let parsed = try read(
            Civitas_V1_SurveyResponse.self,
            """
            survey,respondent,subcommand,submitted_at,duration_seconds,q3,q1,q2,q10
            wave-1,r-0001,sc-01,2026-10-05 09:30,240,5,,3,1
            wave-1,r-0002,,2026-10-05T01:31:10Z,95,1,2,4,
            """
        )
        #expect(parsed.items.map(\.record.key) == ["hb5eb1004d47ebe450de70f3c83023eab", "h03faf6d99f00bb62e7c7b39bdb8b4399"])
        // The record carries its answers in the questions' byte order, the order the server
        // keeps them in (so it need not sort them), whatever the file's column order.
        #expect(parsed.items[0].record.answers.map(\.question) == ["q10", "q2", "q3"])
    }

    @Test("A key given in the file is kept; evidence bytes do not change a derived key")
    func givenKey() throws {
        let parsed = try read(Civitas_V1_MaterialReport.self, "key,unit,indicator,period,value\nmine,u,i,2026-10,1\n")
        #expect(parsed.items[0].record.key == "mine")
        var report = Civitas_V1_MaterialReport()
        report.evidence = [.with { $0.sha256 = "ab"; $0.content = Data([1, 2]) }]
        var without = report
        without.evidence[0].content = Data()
        #expect(DerivedKey.key(for: report) == DerivedKey.key(for: without))
    }
}
