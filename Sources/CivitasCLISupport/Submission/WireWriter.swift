/// Writes protobuf wire format into a buffer sized in advance (see
/// ``SurveyRequestSerializer``): varints, one-byte tags, length-delimited bytes.
struct WireWriter {
    let buffer: UnsafeMutableRawBufferPointer
    private(set) var position = 0

    init(_ buffer: UnsafeMutableRawBufferPointer) {
        self.buffer = buffer
    }

    /// A tag of a field numbered below 16 (one byte).
    mutating func tag(_ field: UInt8, _ wireType: UInt8) {
        buffer[position] = field << 3 | wireType
        position += 1
    }

    mutating func varint(_ value: UInt64) {
        var value = value
        while value >= 0x80 {
            buffer[position] = UInt8(truncatingIfNeeded: value) | 0x80
            value >>= 7
            position += 1
        }
        buffer[position] = UInt8(value)
        position += 1
    }

    /// The string's length and UTF-8 bytes.
    mutating func string(_ text: String) {
        var text = text
        text.withUTF8 { bytes in
            varint(UInt64(bytes.count))
            UnsafeMutableRawBufferPointer(rebasing: buffer[position..<position + bytes.count]).copyMemory(from: UnsafeRawBufferPointer(bytes))
            position += bytes.count
        }
    }

    /// A string field, left out when empty (proto3).
    mutating func stringField(_ field: UInt8, _ text: String) {
        guard !text.isEmpty else { return }
        tag(field, 2)
        string(text)
    }

    /// A varint field, left out when zero (proto3).
    mutating func varintField(_ field: UInt8, _ value: UInt64) {
        guard value != 0 else { return }
        tag(field, 0)
        varint(value)
    }

    static func varintSize(_ value: UInt64) -> Int {
        value == 0 ? 1 : (64 - value.leadingZeroBitCount + 6) / 7
    }

    /// Bytes of a length-delimited field of `length` bytes, tag included.
    static func delimitedSize(_ length: Int) -> Int { 1 + varintSize(UInt64(length)) + length }

    /// Bytes of a string field, tag included; 0 for the empty string (proto3 leaves it out).
    static func stringSize(_ text: String) -> Int { text.isEmpty ? 0 : delimitedSize(text.utf8.count) }

    /// Bytes of a varint field, tag included; 0 for zero (left out).
    static func varintFieldSize(_ value: UInt64) -> Int { value == 0 ? 0 : 1 + varintSize(value) }
}
