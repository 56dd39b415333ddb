/// A tenant's identifier: `^[a-z][a-z0-9-]{2,39}$`.
///
/// The id names the tenant's database file (`tenants/<id>.sqlite`), so it is checked
/// here, by construction, before any path is built from it: nothing that is not a
/// `TenantID` ever reaches the file system.
public struct TenantID: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let rawValue: String

    public init(_ rawValue: String) throws(CivitasError) {
        guard Self.isValid(rawValue) else {
            throw .invalidArgument(
                "Tenant id \"\(rawValue.prefix(64))\" is not valid: it must be 3 to 40 characters, "
                    + "start with a lower-case letter and contain only a-z, 0-9 and '-'."
            )
        }
        self.rawValue = rawValue
    }

    public static func isValid(_ candidate: String) -> Bool {
        let bytes = Array(candidate.utf8)
        guard (3...40).contains(bytes.count), let first = bytes.first, isLowerLetter(first) else {
            return false
        }
        return bytes.allSatisfy { isLowerLetter($0) || isDigit($0) || $0 == UInt8(ascii: "-") }
    }

    public var description: String { rawValue }
    public static func < (lhs: TenantID, rhs: TenantID) -> Bool { lhs.rawValue < rhs.rawValue }

    private static func isLowerLetter(_ byte: UInt8) -> Bool { (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) }
    private static func isDigit(_ byte: UInt8) -> Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }
}
