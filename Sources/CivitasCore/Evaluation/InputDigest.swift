import Crypto

/// Which records an evaluation used, as one digest that can be kept up to date one record
/// at a time (DOMAIN §5: "the digest proves which records were used").
///
/// Why a multiset hash: storage folds a period's rows in whatever order it reads them and
/// later folds in only the late rows; a re-evaluation must not re-read a million records
/// to hash them in order. So each record that counts becomes a 256-bit element (its stored
/// content SHA-256 with its sequence number mixed in), and the digest keeps their sum
/// mod 2^256 and their count. Addition is commutative, so the order of folding does not
/// matter, and a record that stops counting (a superseded material report, a survey
/// response displaced by an earlier one from the same respondent) is subtracted.
/// ``hexDigest`` is SHA-256 of a domain tag, the count and the sum.
///
/// Limits: this detects any accidental difference in the set of records (a different
/// record, one more or one less, another sequence number) with overwhelming probability,
/// but a sum of hashes is not collision-resistant against someone who can choose many
/// records' contents on purpose (generalized-birthday attacks on additive hashes need far
/// less than 2^128 work). It attests the input; it is not a signature. Two records with
/// the same content and sequence (impossible in one tenant) would be indistinguishable.
struct InputDigest: Sendable {
    /// One record's contribution: four words, the least significant first.
    struct Element: Sendable {
        var words: (UInt64, UInt64, UInt64, UInt64)
    }

    static let domainTag = Array("civitas.evaluation.input.v1".utf8)

    private(set) var count: Int64 = 0
    private var sum: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)

    /// The content hash words, each mixed with the sequence number by splitmix64, so the
    /// same content under another sequence number is another element.
    static func element(_ hash: ContentHash, sequence: Int64) -> Element {
        let seed = UInt64(bitPattern: sequence)
        return Element(
            words: (
                mix(hash.words.0 ^ mix(seed &+ 0x9E37_79B9_7F4A_7C15)),
                mix(hash.words.1 ^ mix(seed &+ 0x3C6E_F372_FE94_F82A)),
                mix(hash.words.2 ^ mix(seed &+ 0xDAA6_6D2C_7DDF_743F)),
                mix(hash.words.3 ^ mix(seed &+ 0x78DD_E6E5_FD29_F054))
            ))
    }

    /// splitmix64's finalizer: a bijective 64-bit mixer.
    static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func insert(_ element: Element) {
        count += 1
        let (w0, c0) = sum.0.addingReportingOverflow(element.words.0)
        let (w1, c1) = Self.add(sum.1, element.words.1, carry: c0)
        let (w2, c2) = Self.add(sum.2, element.words.2, carry: c1)
        let (w3, _) = Self.add(sum.3, element.words.3, carry: c2)
        sum = (w0, w1, w2, w3)
    }

    mutating func remove(_ element: Element) {
        count -= 1
        let (w0, b0) = sum.0.subtractingReportingOverflow(element.words.0)
        let (w1, b1) = Self.subtract(sum.1, element.words.1, borrow: b0)
        let (w2, b2) = Self.subtract(sum.2, element.words.2, borrow: b1)
        let (w3, _) = Self.subtract(sum.3, element.words.3, borrow: b2)
        sum = (w0, w1, w2, w3)
    }

    /// Lower-case hex SHA-256 of the tag, the count (8 bytes) and the sum (32 bytes),
    /// big-endian.
    var hexDigest: String {
        var hasher = SHA256()
        hasher.update(data: Self.domainTag)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(40)
        for word in [UInt64(bitPattern: count), sum.3, sum.2, sum.1, sum.0] {
            for shift in stride(from: 56, through: 0, by: -8) { bytes.append(UInt8(truncatingIfNeeded: word >> UInt64(shift))) }
        }
        hasher.update(data: bytes)
        let hexDigits = Array("0123456789abcdef".utf8)
        var hex: [UInt8] = []
        hex.reserveCapacity(64)
        for byte in hasher.finalize() {
            hex.append(hexDigits[Int(byte >> 4)])
            hex.append(hexDigits[Int(byte & 0x0F)])
        }
        return String(decoding: hex, as: UTF8.self)
    }

    private static func add(_ a: UInt64, _ b: UInt64, carry: Bool) -> (UInt64, Bool) {
        let (partial, first) = a.addingReportingOverflow(b)
        let (result, second) = partial.addingReportingOverflow(carry ? 1 : 0)
        return (result, first || second)
    }

    private static func subtract(_ a: UInt64, _ b: UInt64, borrow: Bool) -> (UInt64, Bool) {
        let (partial, first) = a.subtractingReportingOverflow(b)
        let (result, second) = partial.subtractingReportingOverflow(borrow ? 1 : 0)
        return (result, first || second)
    }
}
