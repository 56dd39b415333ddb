@testable import CivitasCLISupport
import Foundation
import SwiftProtobuf
import Synchronization
import Testing

@Suite("Progress lines")
struct ProgressLineTests {
    @Test("The bar, its rate and ETA")
    func bar() {
        #expect(
            ProgressLine.bar(rows: 50_000, fraction: 0.5, elapsed: 4, width: 10)
                == "[#####·····]  50%  50,000 rows  12,500 rows/s  ETA 4s"
        )
        #expect(ProgressLine.bar(rows: 0, fraction: 0, elapsed: 0, width: 4) == "[····]   0%  0 rows")
        #expect(ProgressLine.bar(rows: 10, fraction: 1, elapsed: 2, width: 4) == "[####] 100%  10 rows  5 rows/s")
        // A quarter of the file in 3 s: 9 s to go.
        #expect(ProgressLine.bar(rows: 300, fraction: 0.25, elapsed: 3, width: 4) == "[#···]  25%  300 rows  100 rows/s  ETA 9s")
    }

    @Test("Plain lines for logs")
    func plain() {
        #expect(
            ProgressLine.plain(source: "survey.csv", rows: 1_234_567, fraction: 0.617, elapsed: 10)
                == "survey.csv: 1,234,567 rows (61%), 123,457 rows/s"
        )
    }

    @Test("Plain lines every 10% of the file or every 5 seconds, once rows moved on")
    func due() {
        #expect(ProgressLine.plainIsDue(rows: 100, lastRows: 0, fraction: 0.1, lastFraction: 0, sinceLast: 0.1))
        #expect(!ProgressLine.plainIsDue(rows: 150, lastRows: 100, fraction: 0.15, lastFraction: 0.1, sinceLast: 1))
        #expect(ProgressLine.plainIsDue(rows: 150, lastRows: 100, fraction: 0.15, lastFraction: 0.1, sinceLast: 5))
        #expect(!ProgressLine.plainIsDue(rows: 100, lastRows: 100, fraction: 0.2, lastFraction: 0.1, sinceLast: 50))
    }

    @Test("Durations and grouping")
    func helpers() {
        #expect(ProgressLine.duration(4.2) == "5s")
        #expect(ProgressLine.duration(75) == "1m15s")
        #expect(ProgressLine.duration(3725) == "1h02m")
        #expect(ProgressLine.grouped(999) == "999" && ProgressLine.grouped(1000) == "1,000" && ProgressLine.grouped(-12345) == "-12,345")
    }

    @Test("Not on a terminal: plain lines only when due, and a last one at the end")
    func reporter() {
        let lines = Mutex<[String]>([])
        // 100 bytes of file, 5 rows of 5 bytes per batch.
        let progress = TerminalProgress(source: "f.csv", bytes: 100, interactive: false) { text in lines.withLock { $0.append(text) } }
        for batch in 0..<20 { progress.sent(records: 5, through: 5 * (batch + 1)) }
        progress.finish(complete: true)
        let written = lines.withLock { $0 }
        #expect(written.count == 10)
        #expect(written.allSatisfy { $0.hasPrefix("f.csv: ") && $0.hasSuffix("\n") })
        #expect(written.last?.contains("100 rows (100%)") == true)
    }

    @Test("The end of a complete upload is 100% even when the last rows were not sent (blank or refused)")
    func completeAtEnd() {
        let lines = Mutex<[String]>([])
        let progress = TerminalProgress(source: "f.csv", bytes: 100, interactive: false) { text in lines.withLock { $0.append(text) } }
        var tally = UploadTally()
        tally.acknowledged = 3
        progress.sent(records: 3, through: 95)
        progress.acknowledged(tally, through: 95)
        progress.finish(complete: true)
        let written = lines.withLock { $0 }
        #expect(written.count == 2)
        #expect(written[0].hasPrefix("f.csv: 3 rows (95%)") && written[1].hasPrefix("f.csv: 3 rows (100%)"))
    }

    @Test("On a terminal: lines found while reading go above the bar, which is drawn again")
    func printAboveBar() {
        let lines = Mutex<[String]>([])
        let progress = TerminalProgress(source: "f.csv", bytes: 100, interactive: true) { text in lines.withLock { $0.append(text) } }
        progress.sent(records: 5, through: 100)
        progress.print("error: f.csv, line 3: value: is empty")
        let written = lines.withLock { $0 }
        #expect(written.count == 2)
        #expect(written[1].hasPrefix("\r\u{1B}[Kerror: f.csv, line 3: value: is empty\n[########################] 100%  5 rows"))
    }
}
