import Foundation

/// One reason a framework document cannot be published, at the node it concerns:
/// `categories[2].items[0].indicators[3].scoring.floor`, or `document` for the whole file.
public struct FrameworkProblem: Hashable, Sendable, CustomStringConvertible {
    public var path: String
    /// A full sentence saying what is wrong and, where it helps, what would be right.
    public var reason: String
    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }
    public var description: String { "\(path): \(reason)" }
}

/// Every problem found in a document, in the order they were found (never just the first).
public struct FrameworkProblems: Error, Sendable, CustomStringConvertible {
    public var problems: [FrameworkProblem]
    public init(problems: [FrameworkProblem]) { self.problems = problems }
    public var description: String { problems.map(\.description).joined(separator: "\n") }
}

/// The JSON form of a framework (docs/frameworks.md): parsing, every publishing rule,
/// and the canonical bytes that are stored and hashed.
public enum FrameworkDocument {
    /// Larger documents are refused before parsing; the sample frameworks are ~40 KiB.
    public static let maximumDocumentBytes = 4 * 1024 * 1024

    /// The framework, or every problem found (not just the first), each with its path.
    public static func parse(_ json: Data) -> Result<Framework, FrameworkProblems> {
        guard json.count <= maximumDocumentBytes else {
            return refuse("The document is \(json.count) bytes; a framework document may be at most \(maximumDocumentBytes) bytes.")
        }
        let root: JSONValue
        do {
            root = try JSONParser.parse(Array(json))
        } catch {
            return refuse("The document is not valid JSON: line \(error.line), column \(error.column): \(error.message).")
        }
        var decoder = FrameworkDecoder()
        let framework = decoder.decode(root)
        if let framework, decoder.reader.problems.isEmpty { return .success(framework) }
        // Every path that yields no framework records why; this only guards that promise.
        guard !decoder.reader.problems.isEmpty else { return refuse("The document could not be read as a framework.") }
        return .failure(FrameworkProblems(problems: decoder.reader.problems))
    }

    /// Deterministic JSON of a validated framework (sorted keys, no whitespace): what
    /// is stored, hashed (document_sha256) and returned by GetFramework. The bytes are a
    /// document themselves: `parse(canonicalJSON(f))` gives back `f`.
    public static func canonicalJSON(_ framework: Framework) -> Data {
        Data(CanonicalJSONWriter.write(framework.documentValue, escapes: .unicode))
    }

    private static func refuse(_ reason: String) -> Result<Framework, FrameworkProblems> {
        .failure(FrameworkProblems(problems: [FrameworkProblem(path: DocumentReader.rootPath, reason: reason)]))
    }
}
