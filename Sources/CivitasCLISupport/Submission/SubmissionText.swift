import Foundation

/// A submission file's text as UTF-8 bytes: memory-mapped from disk when the file is
/// UTF-8 (with or without BOM), with the pages behind the reader given back, so that
/// reading a million rows never holds them all in memory; else converted from GB18030 as
/// a whole. The encoding is checked for the whole file up front, so undecodable bytes fail
/// the file before anything is sent.
public struct SubmissionText: Sendable {
    public let source: String
    public let encoding: TextEncoding
    /// Where the text starts (after a BOM).
    let start: Int
    private let storage: Storage

    private enum Storage: Sendable {
        case mapped(MappedFile)
        case data(Data)
    }

    private init(source: String, encoding: TextEncoding, start: Int, storage: Storage) {
        (self.source, self.encoding, self.start, self.storage) = (source, encoding, start, storage)
    }

    public init(data: Data, source: String) throws(CSVError) {
        let (bytes, start, encoding) = try TextDecoding.utf8(data, source: source)
        self.init(source: source, encoding: encoding, start: start, storage: .data(bytes))
    }

    public init(contentsOf path: String) throws(CSVError) {
        guard let file = MappedFile(path: path) else {
            // What cannot be mapped (a pipe, /dev/stdin) is read into memory.
            guard let data = FileManager.default.contents(atPath: path) else {
                throw CSVError(source: path, line: 0, message: "cannot be read")
            }
            try self.init(data: data, source: path)
            return
        }
        // The check reads every page: each stretch is given back once checked, and reading
        // brings the pages in again.
        let (start, encoding, converted) = try TextDecoding.utf8(file.bytes, source: path, checked: file.release)
        self.init(source: path, encoding: encoding, start: start, storage: converted.map { .data(Data($0)) } ?? .mapped(file))
    }

    /// Bytes of the text, BOM included (offsets are into these).
    var count: Int {
        switch storage {
        case .mapped(let file): file.count
        case .data(let data): data.count
        }
    }

    /// Runs `body` over the bytes (offsets `start..<count`). Readers call it once per batch
    /// and keep only offsets between calls.
    func withBytes<Result>(_ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result {
        switch storage {
        case .mapped(let file): try body(file.bytes)
        case .data(let data): try data.withUnsafeBytes(body)
        }
    }

    /// Says the bytes in `range` were read; a mapped file gives their pages back.
    func release(_ range: Range<Int>) {
        if case .mapped(let file) = storage { file.release(range) }
    }

    /// The text of `range`, as a String.
    func string(_ range: Range<Int>) -> String {
        withBytes { UTF8Cell.string(UnsafeRawBufferPointer(rebasing: $0[range])) }
    }
}
