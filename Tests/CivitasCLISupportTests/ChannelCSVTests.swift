@testable import CivitasCLISupport
import CivitasProtos
import Foundation
import SwiftProtobuf
import Testing

@Suite("Reading the four channels' CSV files")
struct ChannelCSVTests {
    @Test("Materials: numbers, provided flags, periods as written, notes")
    func materials() throws {
        let parsed = try read(
            Civitas_V1_MaterialReport.self,
            """
            key,unit,indicator,period,value,provided,note,evidence
            m1,u-dept-01,volunteer-rate,2026-10,12.5,,月报,
            m2,u-dept-02,rules-published,2026-Q4,,是,,
            m3,u-dist-01,rules-published,2026-10-01..2026-10-15,,0,,
            """
        )
        #expect(parsed.problems.isEmpty)
        #expect(parsed.items.map(\.record.key) == ["m1", "m2", "m3"])
        #expect(parsed.items.map(\.lines) == [[2], [3], [4]])
        let first = parsed.items[0].record
        #expect(first.unit == "u-dept-01" && first.indicator == "volunteer-rate" && first.period.name == "2026-10")
        #expect(first.number == 12.5 && first.note == "月报")
        #expect(parsed.items[1].record.provided == true)
        #expect(parsed.items[2].record.provided == false)
        #expect(parsed.items[2].record.period.name == "2026-10-01..2026-10-15")
    }

    @Test("Materials: evidence files are hashed, typed and attached up to the size limit")
    func evidence() throws {
        let folder = try TemporaryFolder()
        try folder.write("evidence/plan.txt", "abc")
        try folder.write("evidence/big.pdf", Data(repeating: 7, count: 100))
        let csv = try folder.write(
            "m.csv", "unit,indicator,period,value,evidence\nu-1,ind,2026-10,1,evidence/plan.txt;evidence/big.pdf\n"
        )
        let parsed = try read(Civitas_V1_MaterialReport.self, text: SubmissionText(contentsOf: csv), evidenceMaxBytes: 50)
        #expect(parsed.problems.isEmpty)
        let evidence = try #require(parsed.items.first).record.evidence
        #expect(evidence.count == 2)
        #expect(evidence[0].fileName == "plan.txt")
        #expect(evidence[0].sha256 == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(evidence[0].size == 3 && evidence[0].mediaType == "text/plain" && evidence[0].content == Data("abc".utf8))
        #expect(evidence[1].mediaType == "application/pdf" && evidence[1].size == 100 && evidence[1].content.isEmpty)
        #expect(parsed.notes.count == 1 && parsed.notes[0].contains("big.pdf"))
    }

    @Test("Materials: bad cells name the line and field; the other rows are still read")
    func materialProblems() throws {
        let parsed = try read(
            Civitas_V1_MaterialReport.self,
            """
            unit,indicator,period,value,provided,evidence
            u-1,ind,2026-10,abc,,
            u-1,ind,2026-10,,maybe,
            u-1,ind,2026-10,,,
            u-1,ind,2026-10,3,1,
            ,ind,2026-10,3,,
            u-1,ind,2026-10,3,,missing.pdf
            u-1,ind,2026-10,4,,
            """
        )
        #expect(parsed.items.count == 1)
        #expect(parsed.items[0].lines == [8])
        let seen = parsed.problems.map { "\($0.lines[0]) \($0.field)" }
        #expect(seen == ["2 value", "3 provided", "4 value", "5 value", "6 unit", "7 evidence"])
        #expect(parsed.problems[0].description == "/tmp/in.csv, line 2: value: \"abc\" is not a number")
    }

    @Test("A missing required column is an error for the whole file")
    func missingColumn() {
        #expect {
            _ = try read(Civitas_V1_FeedPoint.self, "metric,value\naqi,50\n")
        } throws: { error in
            "\(error)" == "/tmp/in.csv, line 1: lacks the required column \"observed_at\""
        }
        #expect(throws: CSVError.self) {
            _ = try read(Civitas_V1_MaterialReport.self, "unit,indicator,period,note\nu,i,2026,x\n")
        }
    }

    @Test("Inspections: consecutive rows of one key form one record")
    func inspectionsGrouped() throws {
        let parsed = try read(
            Civitas_V1_InspectionRecord.self,
            """
            key,point,inspector,observed_at,check,passed,note,photo_sha256,latitude,longitude
            i1,pt-01-001,insp-1,2026-10-05 09:30,clean,1,,aa;bb,30.5,114.2
            i1,,,,queue,0,插队,bb;cc,,
            i2,pt-01-002,insp-1,2026-10-05T10:00:00+08:00,clean,是,,,,
            """
        )
        #expect(parsed.problems.isEmpty)
        #expect(parsed.items.count == 2)
        let first = parsed.items[0]
        #expect(first.lines == [2, 3])
        #expect(first.record.checks.map(\.check) == ["clean", "queue"])
        #expect(first.record.checks.map(\.passed) == [true, false])
        #expect(first.record.checks[1].note == "插队")
        #expect(first.record.photoSha256 == ["aa", "bb", "cc"])
        #expect(first.record.hasLocation_p && first.record.latitude == 30.5 && first.record.longitude == 114.2)
        #expect(first.record.observedAt.seconds == 1_791_163_800)
        #expect(parsed.items[1].record.observedAt.seconds == 1_791_165_600)
        #expect(parsed.items[1].record.hasLocation_p == false)
    }

    @Test("Inspections without a key: the same point, inspector and time form one record")
    func inspectionsWithoutKey() throws {
        let text = """
            point,inspector,observed_at,check,passed
            pt-01-001,insp-1,2026-10-05 09:30,clean,1
            pt-01-001,insp-1,2026-10-05 09:30,queue,0
            pt-01-001,insp-1,2026-10-05 11:00,clean,1
            """
        let parsed = try read(Civitas_V1_InspectionRecord.self, text)
        #expect(parsed.items.map(\.lines) == [[2, 3], [4]])
        #expect(parsed.items.allSatisfy { $0.record.key.hasPrefix("h") && $0.record.key.count == 33 })
        #expect(parsed.items[0].record.key != parsed.items[1].record.key)
    }

    @Test("Inspections: one bad row refuses its whole record, naming all its lines")
    func inspectionProblem() throws {
        let parsed = try read(
            Civitas_V1_InspectionRecord.self,
            """
            key,point,inspector,observed_at,check,passed
            i1,pt-1,insp,2026-10-05 09:30,clean,1
            i1,pt-2,insp,2026-10-05 09:30,queue,1
            i2,pt-1,insp,2026-10-05 09:30,clean,perhaps
            i3,pt-1,insp,tomorrow,clean,1
            """
        )
        #expect(parsed.items.isEmpty)
        #expect(parsed.problems.map(\.lines) == [[2, 3], [4], [5]])
        #expect(parsed.problems.map(\.field) == ["point", "passed", "observed_at"])
        #expect(parsed.problems[0].description.hasPrefix("/tmp/in.csv, lines 2–3: point: \"pt-2\" differs"))
    }

    @Test("Survey: every other column is a question; empty cells are unanswered")
    func survey() throws {
        let parsed = try read(
            Civitas_V1_SurveyResponse.self,
            """
            survey,respondent,subcommand,submitted_at,duration_seconds,q1,q2,q3
            wave-1,r-0001,sc-01,2026-10-05 09:30,240,5,,3
            wave-1,r-0002,,2026-10-05 09:31:10,95,1,2,x
            wave-1,r-0003,,2026-10-05 09:32,-5,1,2,3
            """
        )
        #expect(parsed.items.count == 1)
        let response = parsed.items[0].record
        #expect(response.answers.map(\.question) == ["q1", "q3"] && response.answers.map(\.answer) == [5, 3])
        #expect(response.durationSeconds == 240 && response.subcommand == "sc-01" && response.respondent == "r-0001")
        #expect(parsed.problems.map { "\($0.lines[0]) \($0.field)" } == ["3 q3", "4 duration_seconds"])
    }

    @Test("Feed points, city-wide and per sub-command; Chinese headings")
    func feed() throws {
        let parsed = try read(
            Civitas_V1_FeedPoint.self,
            """
            监测指标,数据来源,观测时间,数值,分指挥部
            aqi,env-bureau,2026-10-05 00:00,42,
            aqi,env-bureau,2026-10-05 00:00,57.5,sc-02
            aqi,env-bureau,2026-10-06 00:00,n/a,
            """
        )
        #expect(parsed.items.map(\.record.value) == [42, 57.5])
        #expect(parsed.items.map(\.record.subcommand) == ["", "sc-02"])
        #expect(parsed.problems.map(\.field) == ["value"])
    }

    @Test("The refused-rows file's error column is ignored when a fixed file is sent again")
    func errorColumnIgnored() throws {
        let parsed = try read(Civitas_V1_FeedPoint.self, "metric,observed_at,value,error\naqi,2026-10-05 00:00,1,value: was bad\n")
        #expect(parsed.problems.isEmpty && parsed.items.count == 1)
    }
}
