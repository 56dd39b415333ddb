/// One difference between two frameworks: a node or a declared code added, removed or
/// changed, with what changed on it.
public struct FrameworkChange: Hashable, Sendable {
    public enum Kind: String, Hashable, Sendable {
        case removed = "-"
        case added = "+"
        case changed = "~"
    }

    public var kind: Kind
    /// `indicator A1.1 文明交通`, `framework`, `survey S1`.
    public var subject: String
    /// For a change, one line per field: `points 4 → 5`. For an addition or removal, a
    /// short description (points, parent).
    public var details: [String]

    public init(_ kind: Kind, _ subject: String, _ details: [String] = []) {
        self.kind = kind
        self.subject = subject
        self.details = details
    }
}
