@testable import CivitasCLISupport
import Foundation
import SwiftProtobuf

/// A temporary folder with files, removed when the test is done.
final class TemporaryFolder {
    let path: String

    init() throws {
        path = NSTemporaryDirectory() + "civitas-cli-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        try write(name, Data(text.utf8))
    }

    @discardableResult
    func write(_ name: String, _ data: Data) throws -> String {
        let file = (path as NSString).appendingPathComponent(name)
        try FileManager.default.createDirectory(
            atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true
        )
        try data.write(to: URL(fileURLWithPath: file))
        return file
    }
}

func shanghai() -> SubmissionTime { SubmissionTime(timeZone: TimeZone(identifier: "Asia/Shanghai")!) }

/// A whole file read the way an upload reads it — batch by batch — and gathered for
/// assertions: the records with the lines they came from, the client's problems, notes.
struct ReadFile<Record: SubmissionRecord> {
    struct Item {
        var record: Record
        var lines: [Int]
        var origin: RowOrigin
    }

    var text: SubmissionText
    /// The CSV header (nil for JSON Lines).
    var header: [String]?
    var items: [Item] = []
    var batches: [UploadBatch<Record>] = []
    var refusals: [ClientRefusal] = []
    var notes: [String] = []

    var problems: [SubmissionProblem] { refusals.map(\.problem) }
}

/// Reads CSV or JSONL text for a channel as if it were the file `source`.
func read<Record: SubmissionRecord>(
    _ type: Record.Type, _ text: String, source: String = "/tmp/in.csv", format: SubmissionFormat = .csv,
    evidenceMaxBytes: Int = 8 << 20, batchSize: Int = 1000
) throws -> ReadFile<Record> {
    try read(type, text: SubmissionText(data: Data(text.utf8), source: source), format: format, evidenceMaxBytes: evidenceMaxBytes, batchSize: batchSize)
}

func read<Record: SubmissionRecord>(
    _ type: Record.Type, text: SubmissionText, format: SubmissionFormat = .csv, evidenceMaxBytes: Int = 8 << 20,
    batchSize: Int = 1000
) throws -> ReadFile<Record> {
    let context = SubmissionReadContext(source: text.source, time: shanghai(), evidenceMaxBytes: evidenceMaxBytes)
    var reader = try SubmissionReader<Record>(text: text, format: format, context: context, batchSize: batchSize, maxBytes: 12 << 20)
    var file = ReadFile<Record>(text: text, header: format == .csv ? reader.header : nil)
    while !reader.ended {
        try reader.advance()
        file.batches += reader.batches.sealed
        file.refusals += reader.batches.refusals
        file.notes += reader.batches.notes
        (reader.batches.sealed, reader.batches.refusals, reader.batches.notes) = ([], [], [])
    }
    for batch in file.batches {
        for (record, origin) in zip(batch.records, batch.origins) {
            file.items.append(.init(record: record, lines: text.lines(of: origin, format: format), origin: origin))
        }
    }
    return file
}
