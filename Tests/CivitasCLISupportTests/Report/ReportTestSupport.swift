import Foundation

/// The cells of one rendered table line: columns are separated by at least two spaces.
func cells(_ line: String) -> [String] {
    line.trimmingCharacters(in: .whitespaces)
        .components(separatedBy: "  ").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
}

/// The cells of the first line of `text` whose first cell is `code`, after the line that
/// reads `heading` (tables of one report share codes: a gate and a leaf, say).
func row(_ code: String, in text: String, after heading: String? = nil) -> [String]? {
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    if let heading, let start = lines.firstIndex(of: heading) { lines = Array(lines[(start + 1)...]) }
    return lines.map(cells).first { $0.first == code }
}

func occurrences(of needle: String, in text: String) -> Int {
    text.components(separatedBy: needle).count - 1
}
