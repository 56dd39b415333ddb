import CivitasCore

/// What a report calls things: the framework's node names and the tenant's sub-command
/// names. Anything it does not know is shown by its code, so a report never fails for
/// want of a name.
///
/// Names stay as the document writes them (Chinese) in both languages: `--lang` changes
/// headings, not names. The English description is explanatory prose, often a sentence,
/// and is carried for `--json` readers only.
public struct ReportNames: Sendable {
    public struct Name: Hashable, Sendable {
        /// The node's name, as the framework prints it (Chinese).
        public var name: String
        /// The node's English description; empty when the document has none.
        public var description: String

        public init(name: String, description: String = "") {
            self.name = name
            self.description = description
        }
    }

    /// Category, item and indicator names and descriptions by node code.
    public var nodes: [String: Name]
    /// Sub-command names by id.
    public var subcommands: [String: String]

    public init(nodes: [String: Name] = [:], subcommands: [String: String] = [:]) {
        self.nodes = nodes
        self.subcommands = subcommands
    }

    /// The names of every node of `framework`.
    public init(framework: Framework, subcommands: [String: String] = [:]) {
        var nodes: [String: Name] = [:]
        for category in framework.categories {
            nodes[category.code] = Name(name: category.name, description: category.description)
            for item in category.items {
                nodes[item.code] = Name(name: item.name, description: item.description)
                for indicator in item.indicators {
                    nodes[indicator.code] = Name(name: indicator.name, description: indicator.description)
                }
            }
        }
        self.init(nodes: nodes, subcommands: subcommands)
    }

    /// The node's name, or its code when the framework does not name it.
    public func node(_ code: String) -> String {
        guard let name = nodes[code]?.name, !name.isEmpty else { return code }
        return name
    }

    /// The node's English description, or an empty string.
    public func description(of code: String) -> String {
        nodes[code]?.description ?? ""
    }

    /// `东城分指挥部 (east)`, or the bare id when the name is unknown.
    public func subcommand(_ id: String) -> String {
        guard let name = subcommands[id], !name.isEmpty, name != id else { return id }
        return "\(name) (\(id))"
    }

    /// A scope as the reader says it: `全市` / `city`, or the sub-command's name.
    public func scope(_ scope: String, in language: ReportLanguage) -> String {
        switch scope {
        case "", "city": return language.pick("全市", "city")
        case "subcommands": return language.pick("各分指挥部", "every sub-command")
        default:
            guard let id = EvaluationScope(parsing: scope)?.subcommand else { return scope }
            return language.pick("分指挥部 ", "sub-command ") + subcommand(id)
        }
    }
}
