@testable import CivitasCLISupport
import CivitasProtos
import Foundation
import SwiftProtobuf
import Testing

@Suite("The refused-rows file")
struct RefusedRowsTests {
    @Test("Path next to the source")
    func path() {
        #expect(RefusedRows.path(for: "/data/oct/survey.csv", format: .csv) == "/data/oct/survey.refused.csv")
        #expect(RefusedRows.path(for: "feed.jsonl", format: .jsonl) == "feed.refused.jsonl")
    }

    @Test("CSV: the original rows of refused records in file order, plus an error column")
    func csv() throws {
        let parsed = try read(
            Civitas_V1_InspectionRecord.self,
            """
            key,point,inspector,observed_at,check,passed,note
            i1,pt-1,insp,2026-10-05 09:30,clean,1,"a, ""quoted"" note"
            i1,,,,queue,0,
            i2,pt-2,insp,2026-10-05 09:30,clean,1,
            """
        )
        #expect(parsed.items.map(\.lines) == [[2, 3], [4]])
        let refused = [
            RefusedRows.Row(origin: parsed.items[1].origin, cell: "point: is not a known point"),
            RefusedRows.Row(origin: parsed.items[0].origin, cell: "not stored: another record of its batch was refused"),
        ]
        let text = String(decoding: RefusedRows.render(refused, text: parsed.text, header: parsed.header), as: UTF8.self)
        #expect(
            text == """
                \u{FEFF}key,point,inspector,observed_at,check,passed,note,error
                i1,pt-1,insp,2026-10-05 09:30,clean,1,"a, ""quoted"" note",not stored: another record of its batch was refused
                i1,,,,queue,0,,not stored: another record of its batch was refused
                i2,pt-2,insp,2026-10-05 09:30,clean,1,,point: is not a known point

                """
        )
        // Sent again, the file reads back to the same records.
        let reread = try read(Civitas_V1_InspectionRecord.self, text: SubmissionText(data: Data(text.utf8), source: "r.csv"))
        #expect(reread.items.map(\.record.key) == ["i1", "i2"])
        #expect(reread.items[0].record.checks.count == 2)
    }

    @Test("JSON Lines get an error member")
    func jsonLines() throws {
        let parsed = try read(
            Civitas_V1_FeedPoint.self,
            """
            {"metric":"aqi","observed_at":"2026-10-05T01:30:00Z","value":1}
            {"metric":"pm25","observed_at":"2026-10-05T01:30:00Z","value":-1}
            """,
            format: .jsonl
        )
        let refused = [RefusedRows.Row(origin: parsed.items[1].origin, cell: "value: is below the metric's minimum 0")]
        let text = String(decoding: RefusedRows.render(refused, text: parsed.text, header: nil), as: UTF8.self)
        #expect(
            text == #"{"error":"value: is below the metric's minimum 0","metric":"pm25","observed_at":"2026-10-05T01:30:00Z","value":-1}"# + "\n"
        )
    }
}
