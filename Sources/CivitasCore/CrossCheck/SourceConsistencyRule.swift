/// Source consistency (DOMAIN §6): a leaf that declares a ``PeerCheck`` is compared with
/// its peer — another leaf's value, or a feed metric's value over the period — and a
/// finding is made when `|a − b| > tolerance × max(|b|, tiny)` (``CrossCheckMath/tiny``).
public enum SourceConsistencyRule {
    /// A value and the records that produced it, as the evaluation of one period and one
    /// scope computed it.
    public struct Measured: Hashable, Sendable {
        public var value: Double
        /// The records behind the value (e.g. the material reports that counted).
        public var sequences: [Int64]

        public init(value: Double, sequences: [Int64]) {
            self.value = value
            self.sequences = sequences
        }
    }

    /// One finding per leaf with a peer whose two values disagree beyond the tolerance.
    /// A leaf or peer without a value is skipped: a missing value is the evaluation's
    /// `missing` flag, not an inconsistency.
    ///
    /// - Parameters:
    ///   - scope: the sub-command the values were evaluated for, nil for the whole city.
    ///   - leafValues: `v` per leaf code.
    ///   - feedValues: the peer feed metrics' values over the period, per metric code
    ///     (aggregated as the leaf that names the metric aggregates it).
    public static func findings(
        framework: Framework, period: Period, scope: String?, leafValues: [String: Measured],
        feedValues: [String: Measured], organization: OrganizationSnapshot
    ) -> [Finding] {
        CrossCheckInputs.leaves(of: framework).compactMap { leaf -> Finding? in
            guard let check = leaf.peer, let a = leafValues[leaf.code] else { return nil }
            let (peerKind, peerTag, peerCode, peer): (String, String, String, Measured?) =
                switch check.target {
                case .indicator(let code): ("indicator", "indicator", code, leafValues[code])
                case .feedMetric(let code): ("feed metric", "feed", code, feedValues[code])
                }
            guard let b = peer else { return nil }
            let deviation = abs(a.value - b.value)
            let allowed = check.tolerance * max(abs(b.value), CrossCheckMath.tiny)
            guard CrossCheckMath.exceeds(deviation, allowed) else { return nil }

            let unit = responsibleUnit(of: leaf, scope: scope, organization: organization)
            let scopeName = scope ?? "city"
            return Finding(
                rule: .sourceConsistency,
                subject: Finding.subject([
                    "indicator": leaf.code, "peer": "\(peerTag):\(peerCode)",
                    "scope": scopeName, "period": period.name,
                ]),
                sequences: a.sequences,
                figures: ["a": a.value, "b": b.value, "tolerance": check.tolerance, "allowed": allowed, "deviation": deviation],
                severity: CrossCheckMath.exceeds(deviation, 2 * allowed) ? .high : .medium,
                unit: unit, subcommand: scope ?? unit.flatMap { CrossCheckInputs.subcommand(ofUnit: $0, in: organization) },
                period: period.name,
                message: "Indicator \(leaf.code) is \(CrossCheckMath.text(a.value)) in \(scopeName) for \(period.name), but its peer "
                    + "\(peerKind) \(peerCode) is \(CrossCheckMath.text(b.value)): they differ by \(CrossCheckMath.text(deviation)), "
                    + "more than the allowed \(CrossCheckMath.text(allowed)) (tolerance \(CrossCheckMath.text(check.tolerance)))."
            )
        }
    }

    /// The one assigned unit in scope of a material leaf, when there is exactly one;
    /// otherwise the value is an aggregate nobody alone answers for.
    private static func responsibleUnit(of leaf: FrameworkIndicator, scope: String?, organization: OrganizationSnapshot) -> String? {
        guard let units = leaf.material?.units else { return nil }
        let inScope = units.filter { scope == nil || CrossCheckInputs.subcommand(ofUnit: $0, in: organization) == scope }
        return inScope.count == 1 ? inScope[0] : nil
    }
}
