/// The parts of a time as written, read from ASCII bytes: `YYYY-MM-DD` (or `/`), `T` or a
/// space, `H[H]:MM[:SS[.fraction]]`, then nothing (a local time), `Z` or `±HH[:][MM]`.
/// Only the ranges of each part are checked here; whether the day exists in its month is
/// the caller's.
struct TimeFields {
    var year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0, nanos = 0
    /// Seconds east of UTC, or nil for a local time.
    var offset: Int?

    init?(_ bytes: UnsafeRawBufferPointer) {
        var scanner = Scanner(bytes: bytes)
        guard let year = scanner.number(4...4), scanner.skip(0x2D, 0x2F), let month = scanner.number(1...2),
            scanner.skip(0x2D, 0x2F), let day = scanner.number(1...2), scanner.skip(0x54, 0x20),
            let hour = scanner.number(1...2), scanner.skip(0x3A, 0x3A), let minute = scanner.number(2...2)
        else { return nil }
        (self.year, self.month, self.day, self.hour, self.minute) = (year, month, day, hour, minute)
        if scanner.skip(0x3A, 0x3A) {
            guard let second = scanner.number(2...2) else { return nil }
            self.second = second
            if scanner.skip(0x2E, 0x2C) {
                let start = scanner.position
                guard var fraction = scanner.number(1...9) else { return nil }
                for _ in (scanner.position - start)..<9 { fraction *= 10 }
                nanos = fraction
            }
        }
        guard (1...12).contains(month), (1...31).contains(day), (0...23).contains(hour), (0...59).contains(minute),
            (0...60).contains(second)
        else { return nil }
        if scanner.atEnd {
            offset = nil
        } else if scanner.skip(0x5A, 0x7A) {
            offset = 0
        } else if let sign = scanner.sign() {
            guard let hours = scanner.number(2...2) else { return nil }
            _ = scanner.skip(0x3A, 0x3A)
            // As before: the minutes are optional, and a single digit reads as no minutes.
            let minutes = scanner.number(2...2) ?? 0
            offset = sign * (hours * 3600 + minutes * 60)
        } else {
            return nil
        }
        guard scanner.atEnd else { return nil }
    }

    /// A tiny ASCII scanner.
    private struct Scanner {
        let bytes: UnsafeRawBufferPointer
        var position = 0

        var atEnd: Bool { position == bytes.count }

        /// Up to `digits.upperBound` digits, at least `digits.lowerBound` (the digits read
        /// are consumed either way).
        mutating func number(_ digits: ClosedRange<Int>) -> Int? {
            var value = 0
            var taken = 0
            while position < bytes.count, taken < digits.upperBound, bytes[position] &- 0x30 < 10 {
                value = value * 10 + Int(bytes[position] &- 0x30)
                position += 1
                taken += 1
            }
            return taken >= digits.lowerBound ? value : nil
        }

        /// Skips one byte that is `a` or `b`.
        mutating func skip(_ a: UInt8, _ b: UInt8) -> Bool {
            guard position < bytes.count, bytes[position] == a || bytes[position] == b else { return false }
            position += 1
            return true
        }

        mutating func sign() -> Int? {
            if skip(0x2B, 0x2B) { return 1 }
            if skip(0x2D, 0x2D) { return -1 }
            return nil
        }
    }
}
