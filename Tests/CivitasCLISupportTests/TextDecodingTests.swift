import CivitasCLISupport
import Foundation
import SwiftProtobuf
import Testing

@Suite("Text decoding")
struct TextDecodingTests {
    @Test("GB18030 bytes from Excel decode to the same text")
    func gb18030() throws {
        // "测试" in GB18030 (and GBK): B2E2 CAD4.
        let (text, encoding) = try TextDecoding.decode(Data([0xB2, 0xE2, 0xCA, 0xD4]), source: "t.csv")
        #expect(text == "测试")
        #expect(encoding == .gb18030)
    }

    @Test("A four-byte GB18030 sequence (outside GBK) decodes")
    func gb18030FourBytes() throws {
        // U+20000 𠀀 is 0x95 0x32 0x82 0x36 in GB18030.
        let (text, _) = try TextDecoding.decode(Data([0x61, 0x95, 0x32, 0x82, 0x36]), source: "t.csv")
        #expect(text == "a\u{20000}")
    }

    @Test("UTF-8 with and without BOM")
    func utf8() throws {
        let plain = try TextDecoding.decode(Data("单位,指标\n".utf8), source: "t.csv")
        #expect(plain.text == "单位,指标\n")
        #expect(plain.encoding == .utf8)
        let bom = try TextDecoding.decode(Data([0xEF, 0xBB, 0xBF] + Array("单位".utf8)), source: "t.csv")
        #expect(bom.text == "单位")
        #expect(bom.encoding == .utf8WithBOM)
    }

    @Test("Bytes that are neither UTF-8 nor GB18030 are refused, naming the file")
    func neither() {
        #expect {
            _ = try TextDecoding.decode(Data([0x41, 0xFF, 0xFF, 0xFF]), source: "bad.csv")
        } throws: { error in
            "\(error)".contains("bad.csv") && "\(error)".contains("neither UTF-8 nor GB18030")
        }
    }

    @Test("A GB18030 CSV file reads as a table")
    func csvTable() throws {
        // "单位,值\nu-1,5\n" with 单位 = B5A5 CEBB, 值 = D6B5.
        let bytes: [UInt8] = [0xB5, 0xA5, 0xCE, 0xBB, 0x2C, 0xD6, 0xB5, 0x0A] + Array("u-1,5\n".utf8)
        let table = try CSVTable(data: Data(bytes), source: "gb.csv")
        #expect(table.header == ["单位", "值"])
        #expect(table.records.map(\.fields) == [["u-1", "5"]])
        #expect(table.encoding == .gb18030)
    }
}
