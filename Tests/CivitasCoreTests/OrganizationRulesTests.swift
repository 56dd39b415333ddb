import CivitasCore
import Testing

/// The per-field rules every organization record passes before it is stored.
@Suite("OrganizationRules")
struct OrganizationRulesTests {
    // MARK: ids

    @Test(
        "ids the city may choose",
        arguments: ["sc-01", "u.edu", "P0001", "a", "A_b-c.d", "9", String(repeating: "x", count: 64)]
    )
    func validIDs(_ id: String) {
        #expect(OrganizationRules.idProblem(id) == nil)
    }

    @Test(
        "ids that are refused",
        arguments: [
            ("", "is empty"),
            (String(repeating: "x", count: 65), "is longer than 64 characters"),
            ("-abc", "must start with a letter or digit"),
            (".abc", "must start with a letter or digit"),
            ("_abc", "must start with a letter or digit"),
            ("a b", "may contain only"),
            ("a/b", "may contain only"),
            ("a,b", "may contain only"),  // would break CSV imports
            ("点位1", "may contain only"),
            ("ab\n", "may contain only"),
        ]
    )
    func invalidIDs(_ id: String, _ reason: String) throws {
        let problem = try #require(OrganizationRules.idProblem(id))
        #expect(problem.contains(reason))
    }

    @Test("the 64-character limit counts UTF-8 bytes, so multi-byte ids cannot sneak past it")
    func idLengthInBytes() {
        #expect(OrganizationRules.idProblem(String(repeating: "é", count: 40)) == "is longer than 64 characters")
    }

    // MARK: names

    @Test("names", arguments: ["第一分指挥部", "Market 1", "x", String(repeating: "n", count: 200)])
    func validNames(_ name: String) {
        #expect(OrganizationRules.nameProblem(name) == nil)
    }

    @Test(
        "names that are refused",
        arguments: [
            ("", "is empty"),
            ("   ", "is empty"),
            ("\t\n", "is empty"),
            (String(repeating: "n", count: 201), "is longer than 200 characters"),
            ("a\u{0007}b", "contains control characters"),
            ("line\u{0000}", "contains control characters"),
        ]
    )
    func invalidNames(_ name: String, _ reason: String) {
        #expect(OrganizationRules.nameProblem(name) == reason)
    }

    @Test("the 200-character limit counts characters, not bytes (Chinese names are long in UTF-8)")
    func nameLengthInCharacters() {
        #expect(OrganizationRules.nameProblem(String(repeating: "街", count: 200)) == nil)
        #expect(OrganizationRules.nameProblem(String(repeating: "街", count: 201)) == "is longer than 200 characters")
    }

    // MARK: point types

    @Test("point types", arguments: ["market", "bus_stop", "school_surroundings", "ab", "a1", String(repeating: "t", count: 32)])
    func validTypes(_ type: String) {
        #expect(OrganizationRules.pointTypeProblem(type) == nil)
    }

    @Test(
        "point types that are refused",
        arguments: ["a", "Market", "bus-stop", "1market", "_market", "bus stop", String(repeating: "t", count: 33)]
    )
    func invalidTypes(_ type: String) throws {
        let problem = try #require(OrganizationRules.pointTypeProblem(type))
        #expect(problem.contains("2 to 32 characters"))
    }

    @Test("an empty point type says so")
    func emptyType() {
        #expect(OrganizationRules.pointTypeProblem("") == "is empty")
    }

    // MARK: locations

    @Test(
        "locations inside the globe",
        arguments: [(0.0, 0.0), (90.0, 180.0), (-90.0, -180.0), (30.27, 120.15)]
    )
    func validLocations(_ latitude: Double, _ longitude: Double) {
        #expect(OrganizationRules.locationProblems(Coordinates(latitude: latitude, longitude: longitude)).isEmpty)
    }

    @Test(
        "locations outside the globe name the faulty field(s)",
        arguments: [
            (90.0001, 0.0, ["latitude"]),
            (-91.0, 0.0, ["latitude"]),
            (0.0, 180.5, ["longitude"]),
            (0.0, -181.0, ["longitude"]),
            (Double.nan, 0.0, ["latitude"]),
            (0.0, Double.nan, ["longitude"]),
            (Double.infinity, -Double.infinity, ["latitude", "longitude"]),
            (120.15, 30.27, ["latitude"]),  // swapped columns in an import
            (200.0, 200.0, ["latitude", "longitude"]),
        ]
    )
    func invalidLocations(_ latitude: Double, _ longitude: Double, _ fields: [String]) {
        let problems = OrganizationRules.locationProblems(Coordinates(latitude: latitude, longitude: longitude))
        #expect(problems.map(\.field) == fields)
    }
}
