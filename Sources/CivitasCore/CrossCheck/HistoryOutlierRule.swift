/// History outlier (DOMAIN §6): a unit's value for an indicator against its own previous
/// periods (at least three); a finding when `|x − mean| > 3 · s`, with `s > 0`.
///
/// `s` is the **sample** standard deviation (divides by n − 1). The history is a handful
/// of periods drawn from the unit's ongoing process, not the whole population of its
/// values; with three periods the population formula understates the spread by a factor
/// of √(2/3) and would flag ordinary months. When every previous value is equal, s = 0
/// and the unit is skipped: any change at all would be "infinitely" many deviations away.
public enum HistoryOutlierRule {
    /// Fewer previous periods than this and the unit is not judged.
    public static let minimumPeriods = 3
    /// Deviations beyond this many standard deviations are findings; exactly this is not.
    public static let limit = 3.0

    /// One value of a unit for an indicator in one period: the report that counted.
    public struct Observation: Hashable, Sendable {
        public var period: String
        public var sequence: Int64
        public var value: Double

        public init(period: String, sequence: Int64, value: Double) {
            self.period = period
            self.sequence = sequence
            self.value = value
        }
    }

    /// A unit's current value for an indicator and its values of previous periods.
    public struct Series: Hashable, Sendable {
        public var unit: String
        public var indicator: String
        public var current: Observation
        public var previous: [Observation]

        public init(unit: String, indicator: String, current: Observation, previous: [Observation]) {
            self.unit = unit
            self.indicator = indicator
            self.current = current
            self.previous = previous
        }
    }

    /// Builds the series from stored rows: the report that counts per (unit, indicator)
    /// in `period`, with the reports that counted in each of `history`'s periods.
    public static func series(
        current rows: [EvaluationRow.Material], in period: Period, history: [(period: Period, rows: [EvaluationRow.Material])]
    ) -> [Series] {
        var previous: [String: [Observation]] = [:]
        for (past, pastRows) in history {
            for row in MaterialSelection.counting(pastRows, in: past) {
                guard let value = row.value else { continue }
                previous["\(row.unit)\n\(row.indicator)", default: []]
                    .append(Observation(period: past.name, sequence: row.sequence, value: value))
            }
        }
        return MaterialSelection.counting(rows, in: period).compactMap { row in
            guard let value = row.value else { return nil }
            return Series(
                unit: row.unit, indicator: row.indicator,
                current: Observation(period: period.name, sequence: row.sequence, value: value),
                previous: previous["\(row.unit)\n\(row.indicator)"] ?? []
            )
        }
    }

    /// Series of indicators that are not numeric material in `framework` are ignored.
    public static func findings(
        _ series: [Series], framework: Framework, period: Period, organization: OrganizationSnapshot
    ) -> [Finding] {
        let numeric = CrossCheckInputs.numericMaterialIndicators(of: framework)
        return series.filter { numeric.contains($0.indicator) }.compactMap { judge($0, period: period, organization: organization) }
            .sorted { ($0.subject, $0.id) < ($1.subject, $1.id) }
    }

    private static func judge(_ series: Series, period: Period, organization: OrganizationSnapshot) -> Finding? {
        let history = series.previous.map(\.value)
        guard history.count >= minimumPeriods else { return nil }
        let mean = CrossCheckMath.mean(history)
        let s = CrossCheckMath.sampleStandardDeviation(history, mean: mean)
        guard s > 0 else { return nil }
        let x = series.current.value
        let deviation = abs(x - mean)
        guard CrossCheckMath.exceeds(deviation, limit * s) else { return nil }
        return Finding(
            rule: .historyOutlier,
            subject: Finding.subject(["indicator": series.indicator, "unit": series.unit, "period": period.name]),
            sequences: [series.current.sequence],
            figures: ["x": x, "mean": mean, "stdev": s, "sigmas": deviation / s, "periods": Double(history.count)],
            severity: CrossCheckMath.exceeds(deviation, 2 * limit * s) ? .high : .medium,
            unit: series.unit, subcommand: CrossCheckInputs.subcommand(ofUnit: series.unit, in: organization), period: period.name,
            message: "Unit \(series.unit) reported \(CrossCheckMath.text(x)) for \(series.indicator) in \(period.name) (record "
                + "\(series.current.sequence)), \(CrossCheckMath.text(deviation / s)) standard deviations from its mean of "
                + "\(CrossCheckMath.text(mean)) over \(history.count) previous periods (s = \(CrossCheckMath.text(s)); limit "
                + "\(CrossCheckMath.text(limit)))."
        )
    }
}
