import CivitasCore
import Foundation
internal import GRDB
internal import GRDBSQLite

/// Runs a prepared INSERT with values bound through SQLite's C API. Ingesting a
/// million survey responses spends a tenth of its server time building GRDB's
/// `StatementArguments` (existential boxing and dynamic casts); binding the few column
/// types records have directly avoids that. The statement stays GRDB's, on GRDB's
/// connection, inside GRDB's transaction.
struct DirectInsert {
    enum Value {
        case integer(Int64)
        case real(Double)
        case text(String)
        /// Text already encoded as UTF-8 (bound without building a String).
        case utf8([UInt8])
        case blob(Data)
        case null
    }

    let statement: Statement
    private let scratch = Scratch()

    init(statement: Statement) {
        self.statement = statement
    }

    /// A row's text and blob bytes, gathered in one reused buffer and bound without a
    /// copy (SQLITE_STATIC) while the row is stepped: binding a million rows' strings
    /// otherwise costs SQLite a malloc, a copy and a free per value.
    private final class Scratch {
        var bytes: [UInt8] = []
        var spans: [Range<Int>] = []
    }

    /// Binds `values` to the statement's parameters in order and steps it once.
    func run(_ values: [Value]) throws {
        try run(values, then: [])
    }

    /// Binds `first`, then `rest`, to the statement's parameters in order and steps it
    /// once (two lists, so callers need not concatenate arrays per row).
    func run(_ first: [Value], then rest: [Value]) throws {
        scratch.bytes.removeAll(keepingCapacity: true)
        scratch.spans.removeAll(keepingCapacity: true)
        for value in first { gather(value) }
        for value in rest { gather(value) }
        let handle = statement.sqliteStatement
        try scratch.bytes.withUnsafeBufferPointer { buffer in
            sqlite3_reset(handle)
            var spans = scratch.spans.makeIterator()
            for (offset, value) in first.enumerated() { try bind(value, at: Int32(offset + 1), handle, buffer, &spans) }
            for (offset, value) in rest.enumerated() { try bind(value, at: Int32(first.count + offset + 1), handle, buffer, &spans) }
            let step = sqlite3_step(handle)
            // The bound bytes live only as long as this closure: nothing may read them later.
            sqlite3_reset(handle)
            sqlite3_clear_bindings(handle)
            guard step == SQLITE_DONE else {
                throw DatabaseError(resultCode: ResultCode(rawValue: step), message: String(cString: sqlite3_errmsg(sqlite3_db_handle(handle))))
            }
        }
    }

    private func gather(_ value: Value) {
        let start = scratch.bytes.count
        switch value {
        case .text(let text): scratch.bytes.append(contentsOf: text.utf8)
        case .utf8(let bytes): scratch.bytes.append(contentsOf: bytes)
        case .blob(let data): scratch.bytes.append(contentsOf: data)
        case .integer, .real, .null: return
        }
        scratch.spans.append(start..<scratch.bytes.count)
    }

    private func bind(
        _ value: Value, at index: Int32, _ handle: SQLiteStatement, _ buffer: UnsafeBufferPointer<UInt8>,
        _ spans: inout IndexingIterator<[Range<Int>]>
    ) throws {
        let code: Int32
        switch value {
        case .integer(let number): code = sqlite3_bind_int64(handle, index, number)
        case .real(let number): code = sqlite3_bind_double(handle, index, number)
        case .null: code = sqlite3_bind_null(handle, index)
        case .text, .utf8:
            let span = spans.next()!
            if span.isEmpty {
                code = sqlite3_bind_text(handle, index, "", 0, nil)
            } else {
                let start = UnsafeRawPointer(buffer.baseAddress! + span.lowerBound).assumingMemoryBound(to: CChar.self)
                code = sqlite3_bind_text(handle, index, start, Int32(span.count), nil)
            }
        case .blob:
            let span = spans.next()!
            // An empty blob binds NULL, as a nil pointer always did here.
            code = span.isEmpty
                ? sqlite3_bind_null(handle, index)
                : sqlite3_bind_blob(handle, index, buffer.baseAddress! + span.lowerBound, Int32(span.count), nil)
        }
        guard code == SQLITE_OK else { throw DatabaseError(resultCode: ResultCode(rawValue: code), message: "binding parameter \(index)") }
    }
}

extension DirectInsert.Value {
    init(_ text: String?) { self = text.map(DirectInsert.Value.text) ?? .null }
    init(_ number: Double?) { self = number.map(DirectInsert.Value.real) ?? .null }
}
