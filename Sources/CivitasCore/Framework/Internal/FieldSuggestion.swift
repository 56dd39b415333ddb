/// "Did you mean …?" for an unknown field: the allowed name closest to what was typed.
enum FieldSuggestion {
    /// The closest allowed name, when it is close enough to be a plausible typo or a
    /// camelCase spelling of a snake_case field (`passScore` → `pass_score`).
    static func closest(to typed: String, among allowed: [String]) -> String? {
        let snake = snakeCased(typed)
        if allowed.contains(snake) { return snake }
        let candidates = allowed.map { ($0, distance(snake, $0)) }
        guard let best = candidates.min(by: { $0.1 < $1.1 }) else { return nil }
        // At most a third of the name may differ, and never more than 3 edits.
        return best.1 <= min(3, max(1, best.0.count / 3)) ? best.0 : nil
    }

    static func snakeCased(_ text: String) -> String {
        var result = ""
        for character in text {
            if character.isUppercase, !result.isEmpty { result.append("_") }
            result.append(character == "-" || character == " " ? "_" : Character(character.lowercased()))
        }
        return result
    }

    /// Levenshtein distance over characters.
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var previous = Array(0...b.count)
        var current = previous
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = Swift.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
