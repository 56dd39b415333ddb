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

    /// Binds `values` to the statement's parameters in order and steps it once.
    func run(_ values: [Value]) throws {
        try run(values, then: [])
    }

    /// Binds `first`, then `rest`, to the statement's parameters in order and steps it
    /// once (two lists, so callers need not concatenate arrays per row).
    func run(_ first: [Value], then rest: [Value]) throws {
        let handle = statement.sqliteStatement
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
        for (offset, value) in first.enumerated() { try bind(value, at: Int32(offset + 1), handle) }
        for (offset, value) in rest.enumerated() { try bind(value, at: Int32(first.count + offset + 1), handle) }
        let step = sqlite3_step(handle)
        guard step == SQLITE_DONE else {
            let message = String(cString: sqlite3_errmsg(sqlite3_db_handle(handle)))
            sqlite3_reset(handle)
            throw DatabaseError(resultCode: ResultCode(rawValue: step), message: message)
        }
        sqlite3_reset(handle)
    }

    private func bind(_ value: Value, at index: Int32, _ handle: SQLiteStatement) throws {
        let code: Int32
        switch value {
        case .integer(let number): code = sqlite3_bind_int64(handle, index, number)
        case .real(let number): code = sqlite3_bind_double(handle, index, number)
        case .text(var text): code = text.withUTF8 { Self.bindText($0, index, handle) }
        case .utf8(let bytes): code = bytes.withUnsafeBufferPointer { Self.bindText($0, index, handle) }
        case .blob(let data):
            code = data.withUnsafeBytes { sqlite3_bind_blob(handle, index, $0.baseAddress, Int32($0.count), Self.transient) }
        case .null: code = sqlite3_bind_null(handle, index)
        }
        guard code == SQLITE_OK else { throw DatabaseError(resultCode: ResultCode(rawValue: code), message: "binding parameter \(index)") }
    }

    /// Binds UTF-8 bytes with their length (no strlen); empty text still needs a pointer,
    /// or SQLite binds NULL.
    private static func bindText(_ bytes: UnsafeBufferPointer<UInt8>, _ index: Int32, _ handle: SQLiteStatement) -> Int32 {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return sqlite3_bind_text(handle, index, "", 0, transient) }
        return sqlite3_bind_text(handle, index, UnsafeRawPointer(base).assumingMemoryBound(to: CChar.self), Int32(bytes.count), transient)
    }

    /// SQLITE_TRANSIENT: SQLite copies the bytes before the call returns.
    static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
}

extension DirectInsert.Value {
    init(_ text: String?) { self = text.map(DirectInsert.Value.text) ?? .null }
    init(_ number: Double?) { self = number.map(DirectInsert.Value.real) ?? .null }
}
