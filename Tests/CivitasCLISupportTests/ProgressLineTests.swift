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
            ProgressLine.bar(done: 50_000, total: 100_000, elapsed: 4, width: 10)
                == "[#####·····]  50%  50,000/100,000 rows  12,500 rows/s  ETA 4s"
        )
        #expect(ProgressLine.bar(done: 0, total: 10, elapsed: 0, width: 4) == "[····]   0%  0/10 rows")
        #expect(ProgressLine.bar(done: 10, total: 10, elapsed: 2, width: 4) == "[####] 100%  10/10 rows  5 rows/s")
    }

    @Test("Plain lines for logs")
    func plain() {
        #expect(
            ProgressLine.plain(source: "survey.csv", done: 1_234_567, total: 2_000_000, elapsed: 10)
                == "survey.csv: 1,234,567 of 2,000,000 rows (61%), 123,457 rows/s"
        )
    }

    @Test("Plain lines every 10% or every 5 seconds")
    func due() {
        #expect(ProgressLine.plainIsDue(done: 100, total: 1000, lastDone: 0, sinceLast: 0.1))
        #expect(!ProgressLine.plainIsDue(done: 150, total: 1000, lastDone: 100, sinceLast: 1))
        #expect(ProgressLine.plainIsDue(done: 150, total: 1000, lastDone: 100, sinceLast: 5))
        #expect(!ProgressLine.plainIsDue(done: 100, total: 1000, lastDone: 100, sinceLast: 50))
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
        let progress = TerminalProgress(source: "f.csv", total: 100, interactive: false) { text in lines.withLock { $0.append(text) } }
        for _ in 0..<20 { progress.sent(records: 5) }
        progress.finish()
        let written = lines.withLock { $0 }
        #expect(written.count == 10)
        #expect(written.allSatisfy { $0.hasPrefix("f.csv: ") && $0.hasSuffix("\n") })
        #expect(written.last?.contains("100 of 100 rows (100%)") == true)
    }
}
