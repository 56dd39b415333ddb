/// Reads the protocol buffers wire format over raw bytes, for the few request messages
/// decoded without SwiftProtobuf (see ``SurveyUploadDecoder``): varints, length-delimited
/// fields and skipping whatever field a reader does not know, as every protobuf decoder
/// must (a newer client may send fields this server has never heard of).
struct WireReader {
    enum WireType: UInt8 {
        case varint = 0, fixed64 = 1, lengthDelimited = 2, startGroup = 3, endGroup = 4, fixed32 = 5
    }

    struct Malformed: Error, CustomStringConvertible {
        var reason: String
        var offset: Int
        var description: String { "\(reason) at byte \(offset)" }
    }

    private let bytes: UnsafeRawBufferPointer
    private(set) var position: Int
    private let end: Int

    init(_ bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
        position = 0
        end = bytes.count
    }

    private init(_ bytes: UnsafeRawBufferPointer, from start: Int, to end: Int) {
        self.bytes = bytes
        position = start
        self.end = end
    }

    var atEnd: Bool { position >= end }

    /// The next field's number and wire type; nil at the end of the message.
    mutating func field() throws(Malformed) -> (number: UInt64, type: WireType)? {
        guard !atEnd else { return nil }
        let tag = try varint()
        guard let type = WireType(rawValue: UInt8(tag & 7)), tag >> 3 != 0 else { throw fail("invalid field tag \(tag)") }
        return (tag >> 3, type)
    }

    mutating func varint() throws(Malformed) -> UInt64 {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while position < end {
            let byte = bytes[position]
            position += 1
            if shift == 63 && byte > 1 { throw fail("varint longer than 64 bits") }
            value |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { return value }
            shift += 7
        }
        throw fail("message ends inside a varint")
    }

    /// A length-delimited field's bytes, as a reader of their own.
    mutating func nested() throws(Malformed) -> WireReader {
        let length = try varint()
        guard length <= UInt64(end - position) else { throw fail("field length \(length) runs past the message") }
        let start = position
        position += Int(length)
        return WireReader(bytes, from: start, to: position)
    }

    /// A length-delimited field as UTF-8 text (protobuf strings must be valid UTF-8).
    mutating func string() throws(Malformed) -> String {
        let field = try nested()
        let utf8 = UnsafeRawBufferPointer(rebasing: bytes[field.position..<field.end])
        // Codes, keys and names are nearly always ASCII, which needs no validation (and
        // the generic validating initializer costs more than the whole field otherwise).
        var high: UInt8 = 0
        for byte in utf8 { high |= byte }
        if high < 0x80 { return String(decoding: utf8, as: UTF8.self) }
        guard let text = String(validating: utf8, as: UTF8.self) else { throw fail("a string field is not valid UTF-8") }
        return text
    }

    /// Checks that a known field came with the wire type its declaration implies.
    func expect(_ type: WireType, _ wanted: WireType, _ name: String) throws(Malformed) {
        guard type == wanted else { throw fail("field \(name) has wire type \(type.rawValue)") }
    }

    /// Skips a field this reader does not know.
    mutating func skip(_ type: WireType, number: UInt64) throws(Malformed) {
        switch type {
        case .varint: _ = try varint()
        case .fixed64: try advance(8)
        case .fixed32: try advance(4)
        case .lengthDelimited: _ = try nested()
        case .startGroup:
            // Groups (proto2) nest until the end-group tag with the same number.
            while let inner = try field() {
                if inner.type == .endGroup {
                    guard inner.number == number else { throw fail("group \(number) closed by \(inner.number)") }
                    return
                }
                try skip(inner.type, number: inner.number)
            }
            throw fail("group \(number) is not closed")
        case .endGroup: throw fail("unexpected end of group \(number)")
        }
    }

    private mutating func advance(_ count: Int) throws(Malformed) {
        guard end - position >= count else { throw fail("message ends inside a fixed-width field") }
        position += count
    }

    private func fail(_ reason: String) -> Malformed {
        Malformed(reason: reason, offset: position)
    }
}
