/// Material reports: per (unit, indicator) the one report that counts (DOMAIN §3.1).

/// Where a material report counts.
struct MaterialSlot: Hashable, Sendable {
    var unit: String
    var indicator: String
}

/// The report that counts for one slot, and what ranks it against a newer one.
struct CountedMaterialReport: Sendable {
    var periodEndMilliseconds: Int64
    var sequence: Int64
    var value: Double?
    var provided: Bool?
    /// Taken out of the digest when a better report supersedes this one.
    var element: InputDigest.Element

    /// The latest reporting-period end wins, then the highest sequence.
    func isSuperseded(byPeriodEnd end: Int64, sequence: Int64) -> Bool {
        (end, sequence) > (periodEndMilliseconds, self.sequence)
    }
}

extension EvaluationData {
    /// Counts when the report's reporting period lies inside the evaluated period. A
    /// report that supersedes the counted one replaces it (and its digest element).
    public mutating func add(_ row: EvaluationRow.Material) {
        guard row.sequence > cutoff, windowStart <= row.periodStartMilliseconds, row.periodEndMilliseconds <= windowEnd else {
            return
        }
        let report = CountedMaterialReport(
            periodEndMilliseconds: row.periodEndMilliseconds, sequence: row.sequence, value: row.value, provided: row.provided,
            element: InputDigest.element(row.contentHash, sequence: row.sequence))
        let slot = MaterialSlot(unit: row.unit, indicator: row.indicator)
        if let index = materials.index(forKey: slot) {
            let counted = materials.values[index]
            guard counted.isSuperseded(byPeriodEnd: row.periodEndMilliseconds, sequence: row.sequence) else { return }
            digest.remove(counted.element)
            materials.values[index] = report
        } else {
            materials[slot] = report
        }
        digest.insert(report.element)
    }

    /// The report that counts for `unit` and `indicator`, if any.
    func materialReport(unit: String, indicator: String) -> CountedMaterialReport? {
        materials[MaterialSlot(unit: unit, indicator: indicator)]
    }
}
