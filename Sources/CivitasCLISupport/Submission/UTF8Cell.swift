/// Reading cells straight from the UTF-8 bytes of a file: trimming, Strings and whole
/// numbers, without Foundation. A million-row upload reads tens of millions of cells, and
/// `trimmingCharacters(in:)` (which bridges through NSString) or per-character appends
/// cost more than parsing them.
enum UTF8Cell {
    /// The bytes without leading and trailing white space: exactly what
    /// `CharacterSet.whitespaces` holds (tab, Unicode category Zs, and U+200B). When both ends are ASCII and not a
    /// space or tab — nearly every cell — this costs two comparisons.
    static func trimmed(_ bytes: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
        guard let first = bytes.first, let last = bytes.last else { return bytes }
        if first < 0x80, last < 0x80, first != 0x20, first != 0x09, last != 0x20, last != 0x09 { return bytes }
        var start = 0
        var end = bytes.count
        while start < end, let width = whitespaceWidth(bytes, at: start) { start += width }
        while end > start, let width = whitespaceWidthBefore(bytes, end: end) { end -= width }
        return UnsafeRawBufferPointer(rebasing: bytes[start..<end])
    }

    /// The cell as a String (the bytes are valid UTF-8: the file was checked whole).
    static func string(_ bytes: UnsafeRawBufferPointer) -> String {
        String(decoding: bytes, as: UTF8.self)
    }

    /// Digits only (no sign, no spaces) within `UInt32`, else nil; callers fall back to
    /// Swift's own parsing for anything else, so the accepted texts do not change.
    static func unsigned(_ bytes: UnsafeRawBufferPointer) -> UInt32? {
        guard !bytes.isEmpty, bytes.count <= 10 else { return nil }
        var value: UInt64 = 0
        for byte in bytes {
            guard byte &- 0x30 < 10 else { return nil }
            value = value * 10 + UInt64(byte &- 0x30)
        }
        return value <= UInt64(UInt32.max) ? UInt32(value) : nil
    }

    /// The byte count of the white-space character starting at `index`, if it is one.
    static func whitespaceWidth(_ bytes: UnsafeRawBufferPointer, at index: Int) -> Int? {
        let byte = bytes[index]
        if byte < 0x80 { return byte == 0x20 || byte == 0x09 ? 1 : nil }
        var width = 1
        while index + width < bytes.count, width < 4, bytes[index + width] & 0xC0 == 0x80 { width += 1 }
        return isWhitespace(bytes, index, width) ? width : nil
    }

    /// The byte count of the white-space character ending at `end`, if it is one.
    static func whitespaceWidthBefore(_ bytes: UnsafeRawBufferPointer, end: Int) -> Int? {
        let byte = bytes[end - 1]
        if byte < 0x80 { return byte == 0x20 || byte == 0x09 ? 1 : nil }
        var start = end - 1
        while start > 0, end - start < 4, bytes[start] & 0xC0 == 0x80 { start -= 1 }
        return isWhitespace(bytes, start, end - start) ? end - start : nil
    }

    /// Whether the `width` bytes at `index` encode one of the non-ASCII white-space
    /// characters: U+00A0, U+1680, U+2000–U+200B, U+202F, U+205F, U+3000.
    private static func isWhitespace(_ bytes: UnsafeRawBufferPointer, _ index: Int, _ width: Int) -> Bool {
        switch width {
        case 2: return bytes[index] == 0xC2 && bytes[index + 1] == 0xA0
        case 3:
            let (a, b, c) = (bytes[index], bytes[index + 1], bytes[index + 2])
            switch (a, b) {
            case (0xE1, 0x9A): return c == 0x80
            case (0xE2, 0x80): return (0x80...0x8B).contains(c) || c == 0xAF
            case (0xE2, 0x81): return c == 0x9F
            case (0xE3, 0x80): return c == 0x80
            default: return false
            }
        default: return false
        }
    }
}

extension String {
    /// Runs `body` over the String's UTF-8 bytes (contiguous for native Strings; others are
    /// copied once).
    func withUTF8Bytes<Result>(_ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result {
        var text = self
        return try text.withUTF8 { try body(UnsafeRawBufferPointer($0)) }
    }
}
