/// What a validated framework declares beyond its scores: the spiritual share, the codes
/// submissions are checked against, and its material units.
extension Framework {
    /// Tagged points ÷ total (a leaf counts when it or an ancestor is tagged).
    public var spiritualShare: Double { Self.spiritualPoints(of: categories) / total }

    /// The codes of the indicators that count as spiritual (tagged, or under a tagged node).
    public var spiritualIndicatorCodes: Set<String> {
        var codes = Set<String>()
        for category in categories {
            for item in category.items {
                for leaf in item.indicators where category.spiritual || item.spiritual || leaf.spiritual { codes.insert(leaf.code) }
            }
        }
        return codes
    }

    /// Points of the spiritual leaves, summed in document order.
    static func spiritualPoints(of categories: [FrameworkCategory]) -> Double {
        var sum = 0.0
        for category in categories {
            for item in category.items {
                for leaf in item.indicators where category.spiritual || item.spiritual || leaf.spiritual { sum += leaf.points }
            }
        }
        return sum
    }

    /// The codes this framework declares (DOMAIN §3, last paragraph), as the submission
    /// registry holds them: material leaves with their value kind, range and units; other
    /// leaves as indicators of their method; the surveys, feed metrics and checklist items.
    public var codeRegistry: CodeRegistry {
        var registry = CodeRegistry()
        for category in categories {
            for item in category.items {
                for leaf in item.indicators {
                    registry.indicators[leaf.code] = CodeRegistry.Indicator(
                        code: leaf.code, method: leaf.method, valueKind: leaf.material?.valueKind, range: leaf.material?.range,
                        units: Set(leaf.material?.units ?? [])
                    )
                }
            }
        }
        for survey in surveys { registry.surveys[survey.code] = survey }
        for metric in feedMetrics { registry.feedMetrics[metric.code] = metric }
        for check in checklistItems { registry.checklistItems[check.code] = check }
        return registry
    }

    /// Problems with material units the tenant does not have, one per unit, at its path
    /// (`categories[0].items[1].indicators[2].units[3]`).
    public func unknownUnitProblems(known: Set<String>) -> [FrameworkProblem] {
        var problems: [FrameworkProblem] = []
        for (c, category) in categories.enumerated() {
            for (i, item) in category.items.enumerated() {
                for (k, leaf) in item.indicators.enumerated() {
                    for (u, unit) in (leaf.material?.units ?? []).enumerated() where !known.contains(unit) {
                        problems.append(FrameworkProblem(
                            path: "categories[\(c)].items[\(i)].indicators[\(k)].units[\(u)]",
                            reason: "The unit \"\(unit)\" does not exist in this tenant's organization; import it first or assign another unit."
                        ))
                    }
                }
            }
        }
        return problems
    }
}

extension CodeRegistry {
    /// This registry with `other`'s codes added; a code in both takes `other`'s
    /// declaration (the latest published framework wins).
    public func merging(_ other: CodeRegistry) -> CodeRegistry {
        var merged = self
        merged.indicators.merge(other.indicators) { _, new in new }
        merged.surveys.merge(other.surveys) { _, new in new }
        merged.feedMetrics.merge(other.feedMetrics) { _, new in new }
        merged.checklistItems.merge(other.checklistItems) { _, new in new }
        return merged
    }
}
