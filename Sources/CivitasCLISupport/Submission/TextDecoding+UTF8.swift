extension TextDecoding {
    /// Checks `bytes[start...]` a few megabytes at a time, telling `checked` about each
    /// stretch as it is done. Stretches end before a byte that starts a character, so that
    /// none splits one (a sequence cut short there is invalid whichever way it is cut).
    static func isValidUTF8(_ bytes: UnsafeRawBufferPointer, from start: Int, checked: (Range<Int>) -> Void) -> Bool {
        var lower = start
        while lower < bytes.count {
            var upper = min(bytes.count, lower + (4 << 20))
            while upper < bytes.count, upper > lower, bytes[upper] & 0xC0 == 0x80 { upper -= 1 }
            guard isValidUTF8(UnsafeRawBufferPointer(rebasing: bytes[lower..<upper])) else { return false }
            checked(lower..<upper)
            lower = upper
        }
        return true
    }

    /// Whether `bytes` are well-formed UTF-8 (Unicode 15, table 3-7: no overlong forms, no
    /// surrogates, nothing above U+10FFFF), checked in place: `String(validating:)` would
    /// also copy a file of hundreds of megabytes. Runs of ASCII are skipped eight bytes at
    /// a time.
    static func isValidUTF8(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        let count = bytes.count
        var index = 0
        while index < count {
            while index + 8 <= count, base.loadUnaligned(fromByteOffset: index, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                index += 8
            }
            guard index < count else { break }
            let lead = bytes[index]
            if lead < 0x80 {
                index += 1
                continue
            }
            let width: Int
            let second: ClosedRange<UInt8>
            switch lead {
            case 0xC2...0xDF: (width, second) = (2, 0x80...0xBF)
            case 0xE0: (width, second) = (3, 0xA0...0xBF)
            case 0xE1...0xEC, 0xEE...0xEF: (width, second) = (3, 0x80...0xBF)
            case 0xED: (width, second) = (3, 0x80...0x9F)
            case 0xF0: (width, second) = (4, 0x90...0xBF)
            case 0xF1...0xF3: (width, second) = (4, 0x80...0xBF)
            case 0xF4: (width, second) = (4, 0x80...0x8F)
            default: return false
            }
            guard index + width <= count, second.contains(bytes[index + 1]) else { return false }
            for offset in 2..<width where bytes[index + offset] & 0xC0 != 0x80 { return false }
            index += width
        }
        return true
    }
}
