import CivitasCore
import Testing

/// The input digest covers exactly the records that count (DOMAIN §5). The expected hex
/// values come from an independent Python rendering of the documented construction:
/// SHA-256("civitas.evaluation.input.v1" ‖ count as 8 bytes ‖ Σ elements mod 2^256 as 32
/// bytes, big-endian), element word i = splitmix64(hash word i ^ splitmix64(sequence + Cᵢ)).
@Suite("Evaluation input digest")
struct InputDigestTests {
    typealias F = EvaluationFixture
    static let empty = "d1142b685a859176d336526608ce16d58cfe3b511c3e06b87123c8d3eb6c0a7f"
    /// The record of sequence 1 with content hash `F.hash(1)`.
    static let one = "87b53dbfe112d6a4c0bad5b4443a8703600de4fa6a5752e4f024231b6d16638f"
    /// Those of sequences 1 and 2.
    static let two = "3de011bb5fb066b379af4c8500884d03d3708c24ae3b06bb01cdfb8f2a3a1c93"

    @Test("the documented construction, pinned")
    func golden() {
        #expect(EvaluationRecords().data().inputDigest == Self.empty)
        var records = EvaluationRecords()
        records.feed("aqi", at: F.at(day: 3), 40)
        #expect(records.data().inputDigest == Self.one)
        records.inspection("p1", [("c1", true)])
        #expect(records.data().inputDigest == Self.two)
    }

    @Test("a superseded material report leaves the digest")
    func superseded() {
        var records = EvaluationRecords()
        records.material("u1", "m", value: 1)  // sequence 1
        records.material("u1", "m", value: 2, period: "2026-10-01..2026-10-02")  // 2: ends earlier, never counts
        records.inspection("p1", [("c1", true)])  // 3
        records.material("u1", "m", value: 3)  // 4 supersedes 1
        let data = records.data()
        #expect(data.countedRecords == 2)
        // The same as folding only records 3 and 4.
        #expect(data.inputDigest == records.data(order: records.rows.filter { [3, 4].contains($0.sequence) }).inputDigest)
    }

    @Test("records outside the window and invalid survey responses are not covered")
    func notCounted() {
        var records = EvaluationRecords()
        records.feed("aqi", at: F.at(day: 3), 40)  // sequence 1: counts
        records.feed("aqi", at: F.at(day: 32), 40)  // November
        records.inspection("p1", at: F.at(day: 0), [("c1", true)])  // September
        records.material("u1", "m", value: 1, period: "2026-Q4")  // not inside October
        records.survey(respondent: "r1", [("q1", 1), ("q2", 1), ("q3", 1), ("q4", 1), ("q5", 1)])  // straight-lined
        records.survey(respondent: "r2", duration: 1, [("q1", 1)])  // too fast (minimum 10)
        records.survey(respondent: "r3", [("q1", 2)], sequence: 2)  // counts…
        records.survey(respondent: "r3", at: F.at(day: 6), [("q1", 2)])  // …this later duplicate does not
        let data = records.data(minimumDurations: ["sv": 10])
        #expect(data.countedRecords == 2)
        #expect(data.inputDigest == Self.two)
    }

    @Test("the same content under another sequence number is another record")
    func sequenceMatters() {
        var first = EvaluationRecords()
        first.feed("aqi", at: F.at(day: 3), 40, sequence: 1)
        var second = EvaluationRecords()
        second.feed("aqi", at: F.at(day: 3), 40, sequence: 1)
        second.rows[0] = {
            guard case .feed(var row) = second.rows[0] else { fatalError() }
            row.sequence = 7
            return .feed(row)
        }()
        #expect(first.data().inputDigest != second.data().inputDigest)
    }
}
