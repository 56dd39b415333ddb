/// Helpers the rules share for reading the framework and the material rows storage feeds.
enum CrossCheckInputs {
    /// Every leaf of the framework, in document order.
    static func leaves(of framework: Framework) -> [FrameworkIndicator] {
        framework.categories.flatMap { $0.items.flatMap(\.indicators) }
    }

    /// The codes of material leaves whose reports are numbers (the outlier rules' domain).
    static func numericMaterialIndicators(of framework: Framework) -> Set<String> {
        Set(leaves(of: framework).filter { leaf in
            guard case .material = leaf.measure else { return false }
            return leaf.material?.valueKind == .number
        }.map(\.code))
    }

    /// The sub-command a unit belongs to, nil for HQ's lines of work or an unknown unit.
    static func subcommand(ofUnit unit: String, in organization: OrganizationSnapshot) -> String? {
        organization.units[unit]?.subcommand
    }
}

/// Which material reports count for a period (DOMAIN §3.1), so every rule judges the
/// same reports the evaluation scores.
public enum MaterialSelection {
    /// Among `rows` whose reporting period lies inside `period`, the one report per
    /// (unit, indicator) that counts: the reporting period ending latest, then the highest
    /// sequence number. Ordered by indicator, then unit.
    public static func counting(_ rows: [EvaluationRow.Material], in period: Period) -> [EvaluationRow.Material] {
        let start = CrossCheckMath.milliseconds(period.start)
        let end = CrossCheckMath.milliseconds(period.end)
        var latest: [UnitIndicator: EvaluationRow.Material] = [:]
        for row in rows where start <= row.periodStartMilliseconds && row.periodEndMilliseconds <= end {
            let key = UnitIndicator(unit: row.unit, indicator: row.indicator)
            if let kept = latest[key],
                (kept.periodEndMilliseconds, kept.sequence) > (row.periodEndMilliseconds, row.sequence)
            {
                continue
            }
            latest[key] = row
        }
        return latest.sorted { ($0.key.indicator, $0.key.unit) < ($1.key.indicator, $1.key.unit) }.map(\.value)
    }

    private struct UnitIndicator: Hashable {
        var unit: String
        var indicator: String
    }
}
