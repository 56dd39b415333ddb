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

/// Reads CSV or JSONL text for a channel as if it were the file `source`.
func read<Record: SubmissionRecord>(
    _ type: Record.Type, _ text: String, source: String = "/tmp/in.csv", format: SubmissionFormat = .csv,
    evidenceMaxBytes: Int = 8 << 20
) throws -> ParsedSubmission<Record> {
    let context = SubmissionReadContext(source: source, time: shanghai(), evidenceMaxBytes: evidenceMaxBytes)
    return try SubmissionFileReader.read(type, data: Data(text.utf8), format: format, context: context)
}
