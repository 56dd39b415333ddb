import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a submission file incrementally, CSV or JSON Lines: each ``advance()`` parses
/// rows until a batch is full (or a few thousand rows were read, or the file ends), so
/// only the batch being filled is in memory, never the file's rows. Problems of the file
/// itself — no header, a missing required column, a quote that never closes — throw
/// from `init`, before anything is sent.
struct SubmissionReader<Record: SubmissionRecord>: Sendable {
    let text: SubmissionText
    let format: SubmissionFormat
    var batches: BatchBuilder<Record>
    /// The CSV header, as read (the refused-rows file repeats it).
    private(set) var header: [String] = []
    private(set) var ended = false
    /// Bytes read and given back so far (see ``SubmissionText/release(_:)``).
    private var released = 0
    /// CSV: the rows, and the channel's reader that makes records of them.
    private var csv: CSVReader?
    private var records: (any CSVRecordReader<Record>)?
    private var jsonLines: JSONLinesReader?

    /// Rows read per ``advance()`` at most, so that refusals are reported as they come even
    /// when a long stretch of the file makes no record.
    static var rowsPerStep: Int { 10_000 }

    init(text: SubmissionText, format: SubmissionFormat, context: SubmissionReadContext, batchSize: Int, maxBytes: Int) throws {
        self.text = text
        self.format = format
        batches = BatchBuilder(source: text.source, size: batchSize, maxBytes: maxBytes)
        switch format {
        case .jsonl:
            jsonLines = JSONLinesReader(source: text.source, start: text.start, end: text.count)
        case .csv:
            var reader = CSVReader(source: text.source, start: text.start, end: text.count)
            var row = CSVRow()
            let header = try text.withBytes { bytes -> [String]? in
                guard try reader.next(bytes, into: &row) else { return nil }
                return row.withCells(bytes) { cells in (0..<cells.count).map { cells.string($0) } }
            }
            guard let header else { throw CSVError(source: text.source, line: 1, message: "has no header line") }
            self.header = header
            try Self.checkQuotes(text, after: reader)
            records = try Record.csvReader(header: header, context: context)
            csv = reader
        }
    }

    /// Reads on until a batch is sealed, `rowsPerStep` rows were read, or the file ends;
    /// the caller then takes `batches.sealed`, `batches.refusals` and `batches.notes`.
    mutating func advance() throws {
        guard !ended else { return }
        let text = self.text
        if var reader = csv, var records = records {
            // Taken out while in use, so that the channel reader's storage is not shared (and copied).
            self.records = nil
            defer { (self.csv, self.records) = (reader, records) }
            var row = CSVRow()
            ended = try text.withBytes { bytes -> Bool in
                for _ in 0..<Self.rowsPerStep {
                    guard try reader.next(bytes, into: &row) else { return true }
                    row.withCells(bytes) { cells in
                        if !cells.isBlank { records.read(cells, into: &batches) }
                    }
                    if !batches.sealed.isEmpty { return false }
                }
                return false
            }
            if ended { records.finish(into: &batches) }
            release(through: reader.position)
        } else if var reader = jsonLines {
            ended = text.withBytes { bytes in reader.read(bytes, rows: Self.rowsPerStep, into: &batches) }
            jsonLines = reader
            release(through: reader.position)
        }
        if ended { batches.seal() }
    }

    /// Gives back what was read, so that memory does not grow with the file.
    private mutating func release(through position: Int) {
        guard position > released else { return }
        text.release(released..<position)
        released = position
    }

    /// A quote that never closes would swallow the rest of the file into one field; found
    /// only at the end while streaming, so files holding quotes are scanned first (one
    /// pass without making any String; files without a quote skip it). Pages are given back
    /// as the scans move on.
    private static func checkQuotes(_ text: SubmissionText, after reader: CSVReader) throws {
        var reader = reader
        var row = CSVRow()
        let stretch = 4 << 20
        try text.withBytes { bytes in
            var lower = reader.position
            var quoted = false
            while lower < bytes.count, !quoted {
                let upper = min(bytes.count, lower + stretch)
                quoted = memchr(bytes.baseAddress! + lower, 0x22, upper - lower) != nil
                if !quoted { text.release(lower..<upper) }
                lower = upper
            }
            guard quoted else { return }
            var released = 0
            while try reader.next(bytes, into: &row) {
                guard reader.position - released >= stretch else { continue }
                text.release(released..<reader.position)
                released = reader.position
            }
            text.release(released..<bytes.count)
        }
    }
}
