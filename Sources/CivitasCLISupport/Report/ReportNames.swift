import CivitasCore

/// What a report calls things: the framework's node names (Chinese, with the English
/// description for `--lang en`) and the tenant's sub-command names. Anything it does not
/// know is shown by its code, so a report never fails for want of a name.
public struct ReportNames: Sendable {
    public struct Name: Hashable, Sendable {
        public var chinese: String
        /// The node's English description; empty when the document has none.
        public var english: String

        public init(chinese: String, english: String = "") {
            self.chinese = chinese
            self.english = english
        }
    }

    /// Category, item and indicator names by node code.
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
            nodes[category.code] = Name(chinese: category.name, english: category.description)
            for item in category.items {
                nodes[item.code] = Name(chinese: item.name, english: item.description)
                for indicator in item.indicators {
                    nodes[indicator.code] = Name(chinese: indicator.name, english: indicator.description)
                }
            }
        }
        self.init(nodes: nodes, subcommands: subcommands)
    }

    /// The node's name in `language` (English falls back to the Chinese name), or its code.
    public func node(_ code: String, in language: ReportLanguage) -> String {
        guard let name = nodes[code] else { return code }
        if language == .en, !name.english.isEmpty { return name.english }
        return name.chinese.isEmpty ? code : name.chinese
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
