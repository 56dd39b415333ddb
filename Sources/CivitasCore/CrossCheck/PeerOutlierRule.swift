/// Peer outlier (DOMAIN §6): among the numeric material reports of one indicator and one
/// period from at least five units, a report whose modified z-score
/// `0.6745 · (x − median) / MAD` has `|z| > 3.5` is a finding. When MAD = 0 (more than
/// half the units report the same value) the score is undefined and the indicator is
/// skipped. The constants are fixed by DOMAIN §6, not sample figures of a framework.
public enum PeerOutlierRule {
    /// Fewer reporting units than this and the indicator is not judged.
    public static let minimumUnits = 5
    /// Makes the MAD of a normal distribution comparable to its standard deviation.
    public static let consistencyConstant = 0.6745
    /// |z| beyond this is a finding; exactly this is not.
    public static let limit = 3.5

    /// - Parameters:
    ///   - reports: material rows of the period; only the report that counts per
    ///     (unit, indicator) is judged (``MaterialSelection``), and only for indicators
    ///     the framework declares as numeric material.
    public static func findings(
        reports: [EvaluationRow.Material], framework: Framework, period: Period, organization: OrganizationSnapshot
    ) -> [Finding] {
        let numeric = CrossCheckInputs.numericMaterialIndicators(of: framework)
        let counting = MaterialSelection.counting(reports, in: period).filter { numeric.contains($0.indicator) && $0.value != nil }
        let byIndicator = Dictionary(grouping: counting, by: \.indicator)
        return byIndicator.keys.sorted().flatMap { indicator in
            judge(byIndicator[indicator]!, indicator: indicator, period: period, organization: organization)
        }
    }

    private static func judge(
        _ reports: [EvaluationRow.Material], indicator: String, period: Period, organization: OrganizationSnapshot
    ) -> [Finding] {
        guard reports.count >= minimumUnits else { return [] }
        let values = reports.map { $0.value! }
        let median = CrossCheckMath.median(values)
        let mad = CrossCheckMath.median(values.map { abs($0 - median) })
        guard mad > 0 else { return [] }
        return reports.compactMap { report -> Finding? in
            let x = report.value!
            // |z| > 3.5 written as 0.6745·|x − median| > 3.5·MAD: the same test for MAD > 0,
            // without a division whose rounding could move a value sitting on the limit.
            let scaled = consistencyConstant * abs(x - median)
            guard CrossCheckMath.exceeds(scaled, limit * mad) else { return nil }
            let z = consistencyConstant * (x - median) / mad
            let subcommand = CrossCheckInputs.subcommand(ofUnit: report.unit, in: organization)
            return Finding(
                rule: .peerOutlier,
                subject: Finding.subject(["indicator": indicator, "unit": report.unit, "period": period.name]),
                sequences: [report.sequence],
                figures: ["x": x, "median": median, "mad": mad, "z": z, "units": Double(reports.count)],
                severity: CrossCheckMath.exceeds(scaled, 2 * limit * mad) ? .high : .medium,
                unit: report.unit, subcommand: subcommand, period: period.name,
                message: "Unit \(report.unit) reported \(CrossCheckMath.text(x)) for \(indicator) in \(period.name) (record "
                    + "\(report.sequence)), far from the \(reports.count) reporting units: median \(CrossCheckMath.text(median)), "
                    + "MAD \(CrossCheckMath.text(mad)), modified z = \(CrossCheckMath.text(z)) beyond ±\(CrossCheckMath.text(limit))."
            )
        }
    }
}
