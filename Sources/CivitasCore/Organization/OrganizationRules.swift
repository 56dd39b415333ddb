/// The checks an organization entity passes before it is stored. Pure: the caller
/// supplies what already exists, so the same rules serve single writes and imports.
public enum OrganizationRules {
    /// Ids are short codes chosen by the city (`sc-01`, `u.edu`, `P0001`): they appear in
    /// CSV files, credentials' scopes and reports, so they are kept plain.
    public static func idProblem(_ id: String) -> String? {
        let bytes = Array(id.utf8)
        guard !bytes.isEmpty else { return "is empty" }
        guard bytes.count <= 64 else { return "is longer than 64 characters" }
        let ok = bytes.enumerated().allSatisfy { offset, byte in
            isAlphanumeric(byte) || (offset > 0 && (byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")))
        }
        return ok ? nil : "\"\(id.prefix(64))\" may contain only letters, digits, '.', '_' and '-', and must start with a letter or digit"
    }

    public static func nameProblem(_ name: String) -> String? {
        if name.allSatisfy(\.isWhitespace) { return "is empty" }
        if name.count > 200 { return "is longer than 200 characters" }
        if name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            return "contains control characters"
        }
        return nil
    }

    /// Point types are lower-case codes (market, bus_stop, community, school_surroundings)
    /// so that frameworks and reports can group points by them.
    public static func pointTypeProblem(_ type: String) -> String? {
        let bytes = Array(type.utf8)
        guard let first = bytes.first else { return "is empty" }
        let ok = (2...32).contains(bytes.count) && isLower(first)
            && bytes.allSatisfy { isLower($0) || isDigit($0) || $0 == UInt8(ascii: "_") }
        return ok ? nil : "\"\(type.prefix(32))\" must be 2 to 32 characters of a-z, 0-9 and '_', starting with a letter"
    }

    public static func locationProblems(_ location: Coordinates) -> [(field: String, reason: String)] {
        var problems: [(String, String)] = []
        if !location.latitude.isFinite || abs(location.latitude) > 90 {
            problems.append(("latitude", "\(location.latitude) is not a latitude between -90 and 90"))
        }
        if !location.longitude.isFinite || abs(location.longitude) > 180 {
            problems.append(("longitude", "\(location.longitude) is not a longitude between -180 and 180"))
        }
        return problems
    }

    private static func isLower(_ b: UInt8) -> Bool { (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(b) }
    private static func isDigit(_ b: UInt8) -> Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(b) }
    private static func isAlphanumeric(_ b: UInt8) -> Bool {
        isLower(b) || isDigit(b) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(b)
    }
}
