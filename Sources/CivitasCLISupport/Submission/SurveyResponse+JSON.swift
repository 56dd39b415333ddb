import CivitasProtos
import Foundation

/// Survey answers in JSON Lines: the proto's JSON of the repeated field is
/// `"answers":[{"question":"q1","answer":4}]`; the map's object form that came before it,
/// `"answers":{"q1":5,"q2":3}`, is shorter to write by hand and stays accepted.
extension Civitas_V1_SurveyResponse {
    /// Whether the line has `"answers"` followed by `:` and `{` (white space allowed).
    public static func mayNeedJSONRewrite(_ line: String) -> Bool {
        var rest = line[...]
        while let found = rest.range(of: "\"answers\"") {
            rest = rest[found.upperBound...]
            let colon = rest.drop(while: { $0 == " " || $0 == "\t" })
            guard colon.first == ":" else { continue }
            if colon.dropFirst().drop(while: { $0 == " " || $0 == "\t" }).first == "{" { return true }
        }
        return false
    }

    /// `{"q1":5,"q2":3}` → `[{"question":"q1","answer":5},{"question":"q2","answer":3}]`,
    /// by question (an object's members have no order; the server sorts them anyway).
    public static func rewriteJSON(_ object: inout [String: Any]) {
        guard let answers = object["answers"] as? [String: Any] else { return }
        object["answers"] = answers.keys.sorted().map { question -> [String: Any] in
            ["question": question, "answer": answers[question]!]
        }
    }
}
