@testable import CivitasCLISupport
import CivitasCore
import Foundation
import Testing

@Suite("Cells read from UTF-8 bytes")
struct UTF8CellTests {
    @Test("Trimming matches trimmingCharacters(in: .whitespaces), fast path or not (seeded)")
    func trimming() {
        var random = SplitMix64(seed: 99)
        let pieces = ["a", "测", "é", " ", "\t", "\u{3000}", "\u{00A0}", "\u{2003}", "\u{200B}", "\u{202F}", "\u{205F}", "\u{1680}", "\n", "x y"]
        for _ in 0..<5000 {
            let text = (0..<Int.random(in: 0...6, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
            let trimmed = text.withUTF8Bytes { UTF8Cell.string(UTF8Cell.trimmed($0)) }
            #expect(trimmed == text.trimmingCharacters(in: .whitespaces), "\(text.debugDescription)")
        }
    }

    @Test("Every Unicode scalar alone, and between letters, trims as Foundation trims it")
    func everyScalar() {
        for value in 0...0x10FFFF {
            guard let scalar = Unicode.Scalar(value), value < 0x3_0000 || value % 97 == 0 else { continue }
            let text = String(Character(scalar))
            for candidate in [text, "a" + text + "b"] {
                let trimmed = candidate.withUTF8Bytes { UTF8Cell.string(UTF8Cell.trimmed($0)) }
                if trimmed != candidate.trimmingCharacters(in: .whitespaces) {
                    Issue.record("U+\(String(value, radix: 16, uppercase: true)) trims differently")
                }
            }
        }
    }

    @Test("Whole numbers: plain digits within UInt32, anything else left to Swift's parser")
    func unsigned() {
        func read(_ text: String) -> UInt32? { text.withUTF8Bytes { UTF8Cell.unsigned($0) } }
        #expect(read("0") == 0 && read("5") == 5 && read("4294967295") == UInt32.max)
        #expect(read("4294967296") == nil && read("") == nil && read("+5") == nil && read("5.0") == nil && read("٣") == nil)
    }

    @Test("UTF-8 validation agrees with the standard library's on random bytes (seeded)")
    func validation() {
        var random = SplitMix64(seed: 2024)
        let interesting: [UInt8] = [0x00, 0x41, 0x7F, 0x80, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xA0, 0xED, 0x9F, 0xEF, 0xF0, 0x90, 0xF4, 0x8F, 0xF5, 0xFF]
        for _ in 0..<20_000 {
            var bytes = (0..<Int.random(in: 0...12, using: &random)).map { _ in interesting.randomElement(using: &random)! }
            // Long ASCII runs around them exercise the eight-bytes-at-a-time path.
            if Bool.random(using: &random) { bytes = Array("abcdefghijk".utf8) + bytes + Array("0123456789".utf8) }
            let expected = String(validating: bytes, as: UTF8.self) != nil
            #expect(bytes.withUnsafeBytes { TextDecoding.isValidUTF8($0) } == expected, "\(bytes)")
        }
        let text = "单位,指标 🎉 \u{10FFFF}"
        #expect(Array(text.utf8).withUnsafeBytes { TextDecoding.isValidUTF8($0) })
    }
}
