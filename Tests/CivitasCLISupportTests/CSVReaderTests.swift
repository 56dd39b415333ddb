@testable import CivitasCLISupport
import CivitasCore
import Foundation
import Testing

/// The String parser the byte reader replaced, kept here as the reference: the reader
/// must find the same records, fields and line numbers in any text.
enum LegacyCSV {
    struct Record: Equatable {
        var line: Int
        var fields: [String]
    }

    struct Unclosed: Error, Equatable {
        var line: Int
    }

    static func parse(_ text: String) throws -> [Record] {
        var records: [Record] = []
        var fields: [String] = []
        var field = ""
        var quoted = false
        var line = 1
        var recordLine = 1
        var scalars = text.unicodeScalars.makeIterator()
        var pending = scalars.next()
        while let scalar = pending {
            pending = scalars.next()
            if quoted {
                if scalar == "\"" {
                    if pending == "\"" { field.unicodeScalars.append("\""); pending = scalars.next() } else { quoted = false }
                } else {
                    if scalar == "\n" { line += 1 }
                    field.unicodeScalars.append(scalar)
                }
                continue
            }
            switch scalar {
            case "\"" where field.isEmpty:
                quoted = true
            case ",":
                fields.append(field)
                field = ""
            case "\r" where pending == "\n":
                continue
            case "\n", "\r":
                fields.append(field)
                records.append(Record(line: recordLine, fields: fields))
                (fields, field) = ([], "")
                line += 1
                recordLine = line
            default:
                field.unicodeScalars.append(scalar)
            }
        }
        if quoted { throw Unclosed(line: recordLine) }
        if !field.isEmpty || !fields.isEmpty {
            fields.append(field)
            records.append(Record(line: recordLine, fields: fields))
        }
        return records
    }
}

/// Every record the byte reader finds in `text` (no BOM handling: the bytes as given).
func readRecords(_ text: String) throws -> [LegacyCSV.Record] {
    let bytes = Array(text.utf8)
    var reader = CSVReader(source: "t.csv", start: 0, end: bytes.count)
    var row = CSVRow()
    var records: [LegacyCSV.Record] = []
    try bytes.withUnsafeBytes { bytes in
        while try reader.next(bytes, into: &row) {
            row.withCells(bytes) { cells in
                records.append(.init(line: cells.line, fields: (0..<cells.count).map { UTF8Cell.string(cells.raw($0)) }))
            }
        }
    }
    return records
}

@Suite("The byte CSV reader")
struct CSVReaderTests {
    @Test(
        "Reads what the String parser read, fields and line numbers alike",
        arguments: [
            "a,b\n1,2\n",
            "a,b\r\n1,2\r\n",
            "a,b\r1,2\r",
            "a,b\n1,2",
            "a,b\n1,2\n\n",
            "a,b\n\n1,2\n\n\n3,4",
            "a,b\n\"x, y\",\"say \"\"hi\"\"\"\n",
            "a,b\n\"two\nlines\",2\n3,4\n",
            "a,b\n\"two\r\nlines\",2\r\n3,\"\"\n",
            "a\n\"\"\n",
            "a\n\"\"",
            "a,b\n\"ab\"cd,\"\"\"x\"\n",
            "a,b\nx\"y,\"\"z\n",
            "a,\n,\n",
            "单位,指标\n\"部门 一\",\"指标,二\"\n",
            "",
            "\n",
            ",",
            "\"a\"\"\",b",
        ]
    )
    func sameAsBefore(text: String) throws {
        #expect(try readRecords(text) == LegacyCSV.parse(text))
    }

    @Test("A quoted field that never closes names the line its record starts on")
    func unclosed() throws {
        let text = "a,b\n1,2\n3,\"open\nand on\n"
        #expect(throws: LegacyCSV.Unclosed(line: 3)) { try LegacyCSV.parse(text) }
        #expect {
            _ = try readRecords(text)
        } throws: { error in
            "\(error)" == "t.csv, line 3: has a quoted field that never closes"
        }
    }

    @Test("Random texts of commas, quotes, line breaks and letters read the same (seeded)")
    func randomTexts() throws {
        var random = SplitMix64(seed: 4181)
        let pieces = ["a", "b", "é", "测", ",", ",", "\"", "\"\"", "\n", "\r\n", "\r", " ", "\t"]
        for _ in 0..<3000 {
            let text = (0..<Int.random(in: 0...24, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
            let legacy = Result { try LegacyCSV.parse(text) }
            let bytes = Result { try readRecords(text) }
            switch (legacy, bytes) {
            case (.success(let old), .success(let new)): #expect(old == new, "\(text.debugDescription)")
            case (.failure, .failure): break
            default: Issue.record("one parser failed, the other did not: \(text.debugDescription)")
            }
        }
    }

    @Test("A table: BOM and CRLF, blank lines skipped, the header trimmed")
    func table() throws {
        let text = "\u{FEFF} id , name\r\n\r\nu-1,\"单位, 一\"\r\n  \r\nu-2,\"多\r\n行\"\r\n\r\n"
        let table = try CSVTable(data: Data(text.utf8), source: "t.csv")
        #expect(table.encoding == .utf8WithBOM)
        #expect(table.header == ["id", "name"])
        #expect(table.records.map(\.line) == [3, 5])
        #expect(table.records.map(\.fields) == [["u-1", "单位, 一"], ["u-2", "多\r\n行"]])
        #expect(throws: CSVError.self) { try CSVTable(data: Data("\u{FEFF}".utf8), source: "t.csv") }
    }
}

