import Foundation

// Reading streamed columns without building a value per row: what keeps a survey wave of
// most of a million responses cheap to judge.

/// Codes (survey, metric) met while streaming, each made a `String` once: a column's
/// bytes are compared with the few codes seen so far instead of building a string per row.
struct InternedCodes {
    private var bytes: [[UInt8]] = []
    private var codes: [String] = []
    private var last = 0

    /// The index of the code spelled by `spelling`, added when new.
    mutating func index(of spelling: UnsafeBufferPointer<UInt8>) -> Int {
        if last < bytes.count, bytes[last].elementsEqual(spelling) { return last }
        if let known = bytes.firstIndex(where: { $0.elementsEqual(spelling) }) {
            last = known
            return known
        }
        bytes.append(Array(spelling))
        codes.append(String(decoding: spelling, as: UTF8.self))
        last = codes.count - 1
        return last
    }

    func code(_ index: Int) -> String { codes[index] }
}

/// The answers of `survey_response.answers` (`q1=4;q2=5`), without their questions: the
/// same pairs ``StoredAnswers/parse(_:)`` reads, in the same order, for the integrity
/// predicates that look at the answers alone.
enum AnswerValues {
    static func collect(_ bytes: UnsafeBufferPointer<UInt8>, into answers: inout [UInt32]) {
        var start = 0
        var equals = -1
        var value: UInt32 = 0
        var digits = 0
        var broken = false
        for index in 0...bytes.count {
            let byte = index < bytes.count ? bytes[index] : UInt8(ascii: ";")
            if byte == UInt8(ascii: ";") {
                if equals > start, digits > 0, !broken { answers.append(value) }
                (start, equals, value, digits, broken) = (index + 1, -1, 0, 0, false)
            } else if equals < 0 {
                if byte == UInt8(ascii: "=") { equals = index }
            } else if !broken {
                let digit = byte &- UInt8(ascii: "0")
                let (shifted, overflow) = value.multipliedReportingOverflow(by: 10)
                let (sum, carry) = shifted.addingReportingOverflow(UInt32(digit))
                if digit < 10, !overflow, !carry {
                    (value, digits) = (sum, digits + 1)
                } else {
                    broken = true
                }
            }
        }
    }
}
