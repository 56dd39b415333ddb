import Foundation

// STUB: the framework helper replaces this file. Signatures are the contract.

/// One reason a framework document cannot be published, at the node it concerns:
/// `categories[2].items[0].indicators[3].scoring.floor`.
public struct FrameworkProblem: Hashable, Sendable, CustomStringConvertible {
    public var path: String
    public var reason: String
    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }
    public var description: String { "\(path): \(reason)" }
}

public struct FrameworkProblems: Error, Sendable {
    public var problems: [FrameworkProblem]
    public init(problems: [FrameworkProblem]) { self.problems = problems }
}

/// The JSON form of a framework (docs/frameworks.md): parsing, every publishing rule,
/// and the canonical bytes that are stored and hashed.
public enum FrameworkDocument {
    /// The framework, or every problem found (not just the first), each with its path.
    public static func parse(_ json: Data) -> Result<Framework, FrameworkProblems> { preconditionFailure("stub") }

    /// Deterministic JSON of a validated framework (sorted keys, no whitespace): what
    /// is stored, hashed (document_sha256) and returned by GetFramework.
    public static func canonicalJSON(_ framework: Framework) -> Data { preconditionFailure("stub") }
}

extension Framework {
    /// Tagged points ÷ total (a leaf counts when it or an ancestor is tagged).
    public var spiritualShare: Double { preconditionFailure("stub") }

    /// The codes this framework declares (DOMAIN §3, last paragraph), as the submission
    /// registry holds them.
    public var codeRegistry: CodeRegistry { preconditionFailure("stub") }

    /// Problems with material units the tenant does not have (path to each unit).
    public func unknownUnitProblems(known: Set<String>) -> [FrameworkProblem] { preconditionFailure("stub") }
}

extension CodeRegistry {
    /// This registry with `other`'s codes added; a code in both takes `other`'s
    /// declaration (the latest published framework wins).
    public func merging(_ other: CodeRegistry) -> CodeRegistry { preconditionFailure("stub") }
}
