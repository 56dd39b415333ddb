@testable import CivitasStorage
import CivitasCore
import Foundation
import Testing

/// The small pieces a run leans on: reading answers from their stored bytes exactly as
/// the evaluation does, the earlier periods of a period, and figures that survive JSON.
@Suite("Cross-check storage helpers")
struct CrossCheckHelperTests {
    @Test(
        "answers read from the stored bytes are the ones the evaluation parses, in order",
        arguments: ["q1=4;q2=5", "q1=5;q2=5;q3=5;q4=5;q5=5", "", "q1=", "=4;q2=3", "q1=4=5;q2=2", "q1=x;q2=3", "q1=99999999999;q2=1", "q1=0;q2=12", ";;q1=3;"]
    )
    func answersAsTheEvaluationParsesThem(_ stored: String) {
        let bytes = Array(stored.utf8)
        bytes.withUnsafeBufferPointer { buffer in
            var values: [UInt32] = []
            AnswerValues.collect(buffer, into: &values)
            #expect(values == StoredAnswers.parse(buffer).map(\.answer))
        }
    }

    @Test("the periods before a month, a quarter, a year and a range, most recent first")
    func history() throws {
        let zone = TimeZone(identifier: "Asia/Shanghai")!
        func names(_ name: String, _ count: Int) throws -> [String] {
            PeriodHistory.previous(try Period(parsing: name, timeZone: zone), count: count, timeZone: zone).map(\.name)
        }
        #expect(try names("2026-02", 3) == ["2026-01", "2025-12", "2025-11"])
        #expect(try names("2026-Q1", 2) == ["2025-Q4", "2025-Q3"])
        #expect(try names("2026", 2) == ["2025", "2024"])
        // Ten local days: the ten before, and the ten before those.
        #expect(try names("2026-10-11..2026-10-20", 2) == ["2026-10-01..2026-10-10", "2026-09-21..2026-09-30"])
        #expect(try names("1901", 3) == ["1900"])
    }

    @Test("figures read back exactly, decimals that binary cannot hold included; non-finite ones are left out")
    func figuresRoundTrip() {
        let figures = ["a": 0.1, "b": 1.1 - 1.0, "c": 5e-10, "d": -0.0, "e": 1e300, "f": 0.6745 * 299.5 / 1.5]
        #expect(FindingJSON.figures(FindingJSON.text(figures)) == figures)
        #expect(FindingJSON.figures(FindingJSON.text(["x": 1, "nan": .nan, "inf": .infinity])) == ["x": 1])
        #expect(FindingJSON.text(["b": 2, "a": 1]) == #"{"a":1,"b":2}"#)
    }
}
