/// Where an evaluation looks (DOMAIN §5): the whole city, or one sub-command's block.
public enum EvaluationScope: Hashable, Sendable, Comparable, CustomStringConvertible {
    case city
    case subcommand(String)

    /// `city` or `subcommand:<id>`, as the wire API and the CLI spell it.
    public var description: String {
        switch self {
        case .city: "city"
        case .subcommand(let id): "subcommand:\(id)"
        }
    }

    public init?(parsing text: String) {
        if text == "city" {
            self = .city
        } else if text.hasPrefix("subcommand:"), text.count > "subcommand:".count {
            self = .subcommand(String(text.dropFirst("subcommand:".count)))
        } else {
            return nil
        }
    }

    public var subcommand: String? {
        if case .subcommand(let id) = self { id } else { nil }
    }
}

/// A framework as published: the validated tree plus the identity every result names.
public struct PublishedFramework: Hashable, Sendable {
    public var framework: Framework
    public var version: Int
    /// Lower-case hex SHA-256 of the canonical document.
    public var documentSHA256: String

    public init(framework: Framework, version: Int, documentSHA256: String) {
        self.framework = framework
        self.version = version
        self.documentSHA256 = documentSHA256
    }
}
