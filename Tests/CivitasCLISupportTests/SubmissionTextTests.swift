@testable import CivitasCLISupport
import CivitasProtos
import Foundation
import Testing

@Suite("Submission files mapped from disk")
struct SubmissionTextTests {
    @Test("Pages given back are read again from the file, unchanged")
    func releasedPagesReadBack() throws {
        let folder = try TemporaryFolder()
        let content = "metric,observed_at,value\n" + (0..<40_000).map { "aqi,2026-10-05 00:00,\($0)\n" }.joined()
        let path = try folder.write("big.csv", content)
        let text = try SubmissionText(contentsOf: path)
        #expect(text.encoding == .utf8 && text.start == 0 && text.count == content.utf8.count)
        text.release(0..<text.count)
        #expect(text.string(0..<text.count) == content)
        // And read as a whole, batch by batch, every record is there.
        let parsed = try read(Civitas_V1_FeedPoint.self, text: text, batchSize: 700)
        #expect(parsed.items.count == 40_000 && parsed.items.last?.record.value == 39_999)
        #expect(parsed.items[123].lines == [125])
    }

    @Test("A BOM is skipped, GB18030 converted, and what is neither refused, from files as from bytes")
    func encodings() throws {
        let folder = try TemporaryFolder()
        let bom = try SubmissionText(contentsOf: folder.write("bom.csv", Data([0xEF, 0xBB, 0xBF] + Array("单位\n".utf8))))
        #expect(bom.encoding == .utf8WithBOM && bom.start == 3 && bom.string(3..<bom.count) == "单位\n")
        let gb = try SubmissionText(contentsOf: folder.write("gb.csv", Data([0xB5, 0xA5, 0xCE, 0xBB, 0x0A])))
        #expect(gb.encoding == .gb18030 && gb.string(0..<gb.count) == "单位\n")
        #expect(throws: CSVError.self) { try SubmissionText(contentsOf: folder.write("bad.csv", Data([0xEF, 0xBB, 0xBF, 0xFF]))) }
        let empty = try SubmissionText(contentsOf: folder.write("empty.csv", ""))
        #expect(empty.count == 0 && empty.encoding == .utf8)
        #expect(throws: CSVError.self) { try SubmissionText(contentsOf: folder.path) }
    }

    @Test("Files of several megabytes, checked and scanned for quotes a stretch at a time, read whole")
    func largeQuotedFile() throws {
        let folder = try TemporaryFolder()
        // About 5 MB of multi-byte text, so that the UTF-8 check and the quote scan cross
        // their 4 MB stretches inside characters and records.
        let row = "aqi,\"环境, 监测站 \"\"东\"\"\",2026-10-05 00:00,1\n"
        let rows = 5_000_000 / row.utf8.count
        let body = String(repeating: row, count: rows)
        let good = try folder.write("q.csv", "metric,source,observed_at,value\n" + body)
        let parsed = try read(Civitas_V1_FeedPoint.self, text: SubmissionText(contentsOf: good), batchSize: 5000)
        #expect(parsed.items.count == rows && parsed.problems.isEmpty)
        #expect(parsed.items.last?.record.source == "环境, 监测站 \"东\"")
        let unclosed = try folder.write("u.csv", "metric,source,observed_at,value\n" + body + "aqi,\"open,2026-10-05 00:00,1\n")
        let context = SubmissionReadContext(source: unclosed, time: shanghai())
        #expect {
            _ = try SubmissionReader<Civitas_V1_FeedPoint>(
                text: SubmissionText(contentsOf: unclosed), format: .csv, context: context, batchSize: 10, maxBytes: 1 << 20
            )
        } throws: { error in
            "\(error)" == "\(unclosed), line \(rows + 2): has a quoted field that never closes"
        }
    }
}
