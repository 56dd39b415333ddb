import Foundation

/// Turns a parsed document into a ``Framework`` while applying every publishing rule
/// (docs/frameworks.md), collecting all problems with their paths rather than stopping
/// at the first. Declarations (surveys, metrics, checklist items) are read before the
/// tree so that a measure can be checked against them where it stands.
struct FrameworkDecoder {
    static let rootFields = [
        "code", "title", "description", "sample", "total", "pass_score", "time_zone", "grace_days", "profile",
        "surveys", "feed_metrics", "checklist_items", "categories",
    ]
    static let defaultTimeZone = "Asia/Shanghai"
    /// Points compare with this relative tolerance (× total): the document's decimals are
    /// binary doubles, so 0.1 + 0.2 must be allowed to equal 0.3.
    static let relativePointsTolerance = 1e-9

    var reader = DocumentReader()
    /// Declared survey code → its question codes.
    var surveyQuestions: [String: Set<String>] = [:]
    var metricCodes: Set<String> = []
    var checkCodes: Set<String> = []
    /// Category, item and indicator codes share one namespace: code → the node's path.
    var nodePaths: [String: String] = [:]
    var indicatorCodes: Set<String> = []
    /// Peer references to indicators, resolved once the whole tree is known.
    var indicatorPeers: [(path: String, from: String, to: String)] = []
    var pointsTolerance = 0.0
    /// Points of the leaves tagged spiritual (or under a tagged node), in document order,
    /// gathered while reading so the profile can be checked even when some leaf is bad.
    var taggedPoints = 0.0
    /// False once any leaf's points could not be read: the share would be a guess.
    var allLeafPointsKnown = true

    mutating func decode(_ root: JSONValue) -> Framework? {
        guard let object = reader.object(root, at: "", allowed: Self.rootFields) else { return nil }
        let code = reader.code(object, required: "a framework needs a code, e.g. model-city")
        let title = reader.name(object, "title", required: "a framework needs a title")
        let description = reader.text(object, "description")
        let isSample = reader.bool(object, "sample") ?? false
        let total = positive(object, "total", required: "a framework needs its total points, e.g. 100")
        pointsTolerance = Self.relativePointsTolerance * (total ?? 1)
        let passScore = reader.number(object, "pass_score", required: "a framework needs the pass score a scope must reach")
        if let passScore, let total, !(passScore > 0 && passScore <= total) {
            reader.report(
                object.path("pass_score"),
                "The pass score \(passScore.formattedForProblem) must be above 0 and at most the total \(total.formattedForProblem)."
            )
        }
        let timeZone = readTimeZone(object)
        let graceDays = reader.integer(object, "grace_days", in: 0...366) ?? 0
        var profile: SpiritualProfile?
        if let value = object["profile"] { profile = readProfile(value, at: object.path("profile")) }
        let surveys = list(object, "surveys") { decoder, value, path, seen in decoder.survey(value, at: path, seen: &seen) }
        let metrics = list(object, "feed_metrics") { decoder, value, path, seen in decoder.feedMetric(value, at: path, seen: &seen) }
        let checks = list(object, "checklist_items") { decoder, value, path, seen in decoder.checklistItem(value, at: path, seen: &seen) }
        let categories = tree(object)
        resolveIndicatorPeers()
        // The profile is checked whenever every leaf's points could be read, even if other
        // fields have problems, so that one round of fixes sees every refusal.
        if let profile, let total, allLeafPointsKnown {
            checkProfile(profile, tagged: taggedPoints, total: total, at: object.path("profile"))
        }

        guard reader.problems.isEmpty, let code, let title, let total, let passScore, let categories else { return nil }
        return Framework(
            code: code, title: title, description: description, isSample: isSample, total: total, passScore: passScore,
            timeZoneIdentifier: timeZone, graceDays: graceDays, profile: profile, surveys: surveys, feedMetrics: metrics,
            checklistItems: checks, categories: categories
        )
    }

    /// A number > 0 (points, total).
    mutating func positive(_ object: JSONObject, _ key: String, required need: String) -> Double? {
        guard let value = reader.number(object, key, required: need) else { return nil }
        guard value > 0 else {
            reader.report(object.path(key), "Must be greater than 0, not \(value.formattedForProblem).")
            return nil
        }
        return value
    }

    /// The elements of an optional list, each decoded with a shared set of seen codes.
    mutating func list<T>(
        _ object: JSONObject, _ key: String, _ decode: (inout FrameworkDecoder, JSONValue, String, inout Set<String>) -> T?
    ) -> [T] {
        var seen = Set<String>()
        return (reader.array(object, key) ?? []).compactMap { decode(&self, $0.value, $0.path, &seen) }
    }

    private mutating func readTimeZone(_ object: JSONObject) -> String {
        guard let identifier = reader.string(object, "time_zone") else { return Self.defaultTimeZone }
        guard Self.isIANATimeZone(identifier) else {
            reader.report(
                object.path("time_zone"),
                "\"\(identifier.prefix(64))\" is not an IANA time zone such as Asia/Shanghai (the default when the field is absent)."
            )
            return Self.defaultTimeZone
        }
        return identifier
    }

    /// Names from the IANA database only (`GMT+8` is refused: it is not a place and its
    /// sign convention confuses people). Falls back to Foundation when the system lists
    /// no zones (a container without tzdata).
    static func isIANATimeZone(_ identifier: String) -> Bool {
        let known = TimeZone.knownTimeZoneIdentifiers
        if known.contains(identifier) || identifier == "UTC" { return true }
        return known.isEmpty && TimeZone(identifier: identifier) != nil
    }

    /// Registers a category, item or indicator code in the shared namespace.
    mutating func claim(_ code: String, at path: String) {
        if let first = nodePaths[code] {
            reader.report(
                "\(path).code",
                "The code \"\(code)\" is already used at \(first); category, item and indicator codes share one namespace."
            )
        } else {
            nodePaths[code] = path
        }
    }

    /// Records a duplicate within one declaration list (surveys, feed metrics, checklist items).
    mutating func claim(_ code: String, at path: String, in seen: inout Set<String>, what: String) {
        if !seen.insert(code).inserted { reader.report("\(path).code", "The \(what) code \"\(code)\" is declared twice.") }
    }

    private mutating func resolveIndicatorPeers() {
        for peer in indicatorPeers {
            if peer.to == peer.from {
                reader.report(peer.path, "An indicator cannot be its own peer.")
            } else if !indicatorCodes.contains(peer.to) {
                let kind = nodePaths[peer.to] != nil ? "is a category or item, not an indicator" : "is not an indicator of this framework"
                reader.report(peer.path, "\"\(peer.to)\" \(kind).")
            }
        }
    }
}
