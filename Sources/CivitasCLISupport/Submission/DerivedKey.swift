import Crypto
import Foundation
import SwiftProtobuf

/// The idempotency key of a record whose file gave none: "h" and the first 32 hex digits of
/// the SHA-256 of the channel name, a newline and the record's deterministic protobuf
/// encoding (key empty, evidence bytes left out — their SHA-256 is in). The same content
/// always gives the same key, so re-sending a file never doubles a row; any change of
/// content gives another key (for a material report: a newer report that supersedes).
public enum DerivedKey {
    public static func key<Record: SubmissionRecord>(for record: Record) -> String {
        var normalized = record
        normalized.key = ""
        normalized.normalizeForKey()
        var options = BinaryEncodingOptions()
        options.useDeterministicOrdering = true
        let bytes: [UInt8] = (try? normalized.serializedBytes(options: options)) ?? []
        var hasher = SHA256()
        hasher.update(data: Array("\(Record.channel.rawValue)\n".utf8))
        hasher.update(data: bytes)
        return "h" + hex(hasher.finalize().prefix(16))
    }

    /// Lower-case hex, without Foundation's format machinery (this runs once per row).
    static func hex(_ bytes: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
