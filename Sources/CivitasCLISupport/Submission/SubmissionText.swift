import Foundation

/// A submission file's text as UTF-8 bytes: memory-mapped from disk when the file is
/// UTF-8 (with or without BOM), so reading a million rows never holds them all in memory,
/// else converted from GB18030 as a whole. The encoding is checked for the whole file
/// up front, so undecodable bytes fail the file before anything is sent.
public struct SubmissionText: Sendable {
    public let source: String
    public let encoding: TextEncoding
    /// The bytes, starting with a BOM when `encoding` is `.utf8WithBOM`.
    let data: Data
    /// Where the text starts (after a BOM).
    let start: Int

    public init(data: Data, source: String) throws(CSVError) {
        self.source = source
        (self.data, start, encoding) = try TextDecoding.utf8(data, source: source)
    }

    public init(contentsOf path: String) throws(CSVError) {
        // What cannot be mapped (a pipe, /dev/stdin) is read into memory as before.
        let mapped = try? Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped)
        guard let data = mapped ?? FileManager.default.contents(atPath: path) else {
            throw CSVError(source: path, line: 0, message: "cannot be read")
        }
        try self.init(data: data, source: path)
    }

    /// Bytes of the text, BOM included (offsets are into these).
    var count: Int { data.count }

    /// Runs `body` over the bytes (offsets `start..<count`). Readers call it once per batch
    /// and keep only offsets between calls.
    func withBytes<Result>(_ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result {
        try data.withUnsafeBytes(body)
    }

    /// The text of `range`, as a String.
    func string(_ range: Range<Int>) -> String {
        withBytes { UTF8Cell.string(UnsafeRawBufferPointer(rebasing: $0[range])) }
    }
}
