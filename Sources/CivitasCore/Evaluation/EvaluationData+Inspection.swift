/// Inspection records: passed and total checks per (point, check code) (DOMAIN §3.1).

/// Passed and total checks of one check code at one point.
struct PassCounts: Sendable {
    var passed = 0
    var total = 0

    mutating func record(passed: Bool) {
        total += 1
        if passed { self.passed += 1 }
    }
}

/// Points and check codes are interned to small integers once per row, so the per-check
/// work is one string lookup and one integer-keyed update.
struct InspectionTally: Sendable {
    private var pointIndex: [String: Int32] = [:]
    /// Index → point id.
    private(set) var pointNames: [String] = []
    private var checkIndex: [String: Int] = [:]
    /// Per check code (by index): point index → counts.
    private var countsByCheck: [[Int32: PassCounts]] = []

    mutating func add(point: String, checks: [(code: String, passed: Bool)]) {
        let pointKey: Int32
        if let known = pointIndex[point] {
            pointKey = known
        } else {
            pointKey = Int32(pointNames.count)
            pointIndex[point] = pointKey
            pointNames.append(point)
        }
        for check in checks {
            let slot: Int
            if let known = checkIndex[check.code] {
                slot = known
            } else {
                slot = countsByCheck.count
                checkIndex[check.code] = slot
                countsByCheck.append([:])
            }
            countsByCheck[slot][pointKey, default: PassCounts()].record(passed: check.passed)
        }
    }

    /// Point index → counts for one check code (empty when never seen).
    func counts(check code: String) -> [Int32: PassCounts] {
        guard let slot = checkIndex[code] else { return [:] }
        return countsByCheck[slot]
    }
}

extension EvaluationData {
    /// Counts when observed in `[period.start, period.end)`; every such record is in the digest.
    public mutating func add(_ row: EvaluationRow.Inspection) {
        guard row.sequence > cutoff, inWindow(row.observedAtMilliseconds) else { return }
        inspections.add(point: row.point, checks: row.checks)
        digest.insert(InputDigest.element(row.contentHash, sequence: row.sequence))
    }
}
