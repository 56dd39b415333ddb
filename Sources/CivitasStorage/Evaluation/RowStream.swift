import CivitasCore
import Foundation
internal import GRDB
internal import GRDBSQLite

/// Steps a prepared SELECT through SQLite's C API and reads columns straight from the
/// statement. Decoding a million rows through GRDB's `Row` (a dictionary-like value
/// with boxed values per column) costs several times the query itself; an evaluation
/// reads every record of a period, so it reads them this way. The statement is GRDB's,
/// on GRDB's connection, inside GRDB's read transaction.
struct RowStream {
    private let handle: OpaquePointer

    init(_ statement: Statement, arguments: [Int64]) throws {
        handle = statement.sqliteStatement
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
        for (offset, value) in arguments.enumerated() {
            let code = sqlite3_bind_int64(handle, Int32(offset + 1), value)
            guard code == SQLITE_OK else { throw DatabaseError(resultCode: ResultCode(rawValue: code), message: "binding parameter \(offset + 1)") }
        }
    }

    /// Calls `body` once per row, with this stream to read the row's columns.
    func forEach(_ body: (RowStream) throws -> Void) throws {
        defer { sqlite3_reset(handle) }
        while true {
            let step = sqlite3_step(handle)
            if step == SQLITE_DONE { return }
            guard step == SQLITE_ROW else {
                throw DatabaseError(resultCode: ResultCode(rawValue: step), message: String(cString: sqlite3_errmsg(sqlite3_db_handle(handle))))
            }
            try body(self)
        }
    }

    func isNull(_ column: Int32) -> Bool { sqlite3_column_type(handle, column) == SQLITE_NULL }

    func int64(_ column: Int32) -> Int64 { sqlite3_column_int64(handle, column) }

    func double(_ column: Int32) -> Double { sqlite3_column_double(handle, column) }

    func optionalDouble(_ column: Int32) -> Double? { isNull(column) ? nil : double(column) }

    func optionalBool(_ column: Int32) -> Bool? { isNull(column) ? nil : int64(column) != 0 }

    func text(_ column: Int32) -> String {
        String(decoding: bytes(column), as: UTF8.self)
    }

    func optionalText(_ column: Int32) -> String? { isNull(column) ? nil : text(column) }

    /// The column's bytes, valid until the next step.
    func bytes(_ column: Int32) -> UnsafeBufferPointer<UInt8> {
        // Ask for the text pointer before the length: SQLite's documented order.
        guard let pointer = sqlite3_column_text(handle, column) else { return UnsafeBufferPointer(start: nil, count: 0) }
        return UnsafeBufferPointer(start: pointer, count: Int(sqlite3_column_bytes(handle, column)))
    }

    func contentHash(_ column: Int32) throws -> ContentHash {
        let pointer = sqlite3_column_blob(handle, column)
        let count = Int(sqlite3_column_bytes(handle, column))
        guard let pointer, let hash = ContentHash(bytes: UnsafeRawBufferPointer(start: pointer, count: count))
        else {
            throw CivitasError(.internal, "A stored record's content_sha256 is not 32 bytes.")
        }
        return hash
    }
}
