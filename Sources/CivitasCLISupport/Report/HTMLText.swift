/// Escaping for the HTML report: every piece of text from the server or a framework
/// document (names, codes, conditions) goes through here before it reaches the page.
enum HTMLText {
    /// `<`, `>`, `&`, `"` and `'` as entities: safe in element content and in quoted
    /// attribute values alike.
    static func escape(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            default: escaped.append(character)
            }
        }
        return escaped
    }

    /// At most `width` terminal columns (CJK counts two), with `…` when cut: SVG text
    /// does not wrap, so a long name must not run into the bars.
    static func truncated(_ text: String, width: Int) -> String {
        guard Table.width(of: text) > width else { return text }
        var result = ""
        for character in text {
            if Table.width(of: result + String(character)) > width - 1 { break }
            result.append(character)
        }
        return result + "…"
    }
}
