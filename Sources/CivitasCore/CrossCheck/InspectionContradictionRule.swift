/// Inspection contradiction (DOMAIN §6): a material leaf that declares a
/// ``ContradictionCheck`` reports a rate (a fraction in [0, 1]); when a unit's claim
/// exceeds the pass rate of the declared checklist item by more than the tolerance
/// (sample 0.10), the field inspections contradict the paperwork.
///
/// The pass rate is taken where the claim applies: over the inspections of the points in
/// the claiming unit's block (a point's sub-command), or city-wide for a unit on one of
/// HQ's lines of work. With no checks of that item there, nothing contradicts the claim.
public enum InspectionContradictionRule {
    public static func findings(
        materials: [EvaluationRow.Material], inspections: [EvaluationRow.Inspection], framework: Framework, period: Period,
        organization: OrganizationSnapshot
    ) -> [Finding] {
        let declared = CrossCheckInputs.leaves(of: framework).compactMap { leaf -> (String, ContradictionCheck)? in
            guard case .material = leaf.measure, let check = leaf.contradiction else { return nil }
            return (leaf.code, check)
        }
        guard !declared.isEmpty else { return [] }
        let tallies = tally(inspections, period: period, organization: organization)
        let claims = Dictionary(grouping: MaterialSelection.counting(materials, in: period), by: \.indicator)
        return declared.flatMap { indicator, check in
            (claims[indicator] ?? []).compactMap { claim in
                judge(claim, check: check, tallies: tallies, period: period, organization: organization)
            }
        }
    }

    private static func judge(
        _ claim: EvaluationRow.Material, check: ContradictionCheck, tallies: [TallyKey: (passed: Int, checks: Int)], period: Period,
        organization: OrganizationSnapshot
    ) -> Finding? {
        guard let claimed = claim.value else { return nil }
        let block = CrossCheckInputs.subcommand(ofUnit: claim.unit, in: organization)
        guard let counts = tallies[TallyKey(check: check.check, block: block)], counts.checks > 0 else { return nil }
        let passRate = Double(counts.passed) / Double(counts.checks)
        let excess = claimed - passRate
        guard CrossCheckMath.exceeds(excess, check.tolerance) else { return nil }
        let place = block.map { "sub-command \($0)'s points" } ?? "the city's points"
        return Finding(
            rule: .inspectionContradiction,
            subject: Finding.subject(["indicator": claim.indicator, "unit": claim.unit, "check": check.check, "period": period.name]),
            sequences: [claim.sequence],
            figures: [
                "claimed": claimed, "passRate": passRate, "passed": Double(counts.passed), "checks": Double(counts.checks),
                "tolerance": check.tolerance, "excess": excess,
            ],
            severity: CrossCheckMath.exceeds(excess, 2 * check.tolerance) ? .high : .medium,
            unit: claim.unit, subcommand: block, period: period.name,
            message: "Unit \(claim.unit) claimed \(CrossCheckMath.text(claimed)) for \(claim.indicator) in \(period.name) (record "
                + "\(claim.sequence)), but inspections of \(place) passed check \(check.check) \(counts.passed) of "
                + "\(counts.checks) times (\(CrossCheckMath.text(passRate))): \(CrossCheckMath.text(excess)) above it, more than "
                + "the tolerance \(CrossCheckMath.text(check.tolerance))."
        )
    }

    /// A checklist item's tally in one block; `block` nil is the whole city.
    struct TallyKey: Hashable {
        var check: String
        var block: String?
    }

    /// Passed and total checks per item, per block and city-wide, over the inspections
    /// observed in the period.
    private static func tally(
        _ inspections: [EvaluationRow.Inspection], period: Period, organization: OrganizationSnapshot
    ) -> [TallyKey: (passed: Int, checks: Int)] {
        let start = CrossCheckMath.milliseconds(period.start)
        let end = CrossCheckMath.milliseconds(period.end)
        var tallies: [TallyKey: (passed: Int, checks: Int)] = [:]
        for record in inspections where start <= record.observedAtMilliseconds && record.observedAtMilliseconds < end {
            let block = organization.points[record.point]?.subcommand
            for result in record.checks {
                var keys = [TallyKey(check: result.code, block: nil)]
                if let block { keys.append(TallyKey(check: result.code, block: block)) }
                for key in keys {
                    tallies[key, default: (0, 0)].checks += 1
                    if result.passed { tallies[key, default: (0, 0)].passed += 1 }
                }
            }
        }
        return tallies
    }
}
