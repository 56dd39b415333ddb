import CivitasCore
import Foundation

extension CrossCheckInput {
    /// The findings of every rule the plan names, in a fixed order (rule by rule, each
    /// rule's own order), so that the same records always give the same list.
    func findings(_ plan: CrossCheckPlan, organization: OrganizationSnapshot) -> [Finding] {
        let framework = plan.framework
        let period = plan.period
        var findings: [Finding] = []
        if plan.rules.contains(.sourceConsistency) {
            findings += SourceConsistencyValues(input: self, plan: plan, organization: organization).findings()
        }
        if plan.rules.contains(.peerOutlier) {
            findings += PeerOutlierRule.findings(reports: materials, framework: framework, period: period, organization: organization)
        }
        if plan.rules.contains(.historyOutlier) {
            let series = HistoryOutlierRule.series(
                current: materials, in: period, history: plan.history.map { (period: $0, rows: history) })
            findings += HistoryOutlierRule.findings(series, framework: framework, period: period, organization: organization)
        }
        if plan.rules.contains(.duplicateEvidence) {
            findings += DuplicateEvidenceRule.findings(evidence, period: period, organization: organization)
        }
        if plan.surveyIntegrity {
            findings += SurveyIntegrityRule.findings(surveys, framework: framework, period: period).filter { plan.rules.contains($0.rule) }
        }
        if plan.rules.contains(.inspectionContradiction) {
            findings += InspectionContradictionRule.findings(
                materials: materials, inspections: inspections, framework: framework, period: period, organization: organization)
        }
        if plan.rules.contains(.lateness) {
            findings += LatenessRule.findings(lateReceipts, framework: framework, period: period)
        }
        return findings
    }
}

/// The values source consistency compares (DOMAIN §6), per scope — the city and every
/// active sub-command — as the evaluation computes them: the ``Evaluator`` over the
/// records of the peer leaves (``CrossCheckInput/peerData``). A peer feed metric takes
/// the value of the first leaf that measures it; one that no leaf measures, the mean of
/// its points over the period (in a sub-command scope, of the points naming the block).
struct SourceConsistencyValues {
    let input: CrossCheckInput
    let plan: CrossCheckPlan
    let organization: OrganizationSnapshot

    func findings() -> [Finding] {
        guard let data = input.peerData else { return [] }
        let evaluator = Evaluator(framework: plan.published, organization: organization, data: data)
        let counted = Dictionary(grouping: MaterialSelection.counting(input.materials, in: plan.period), by: \.indicator)
        let scopes = [EvaluationScope.city] + organization.subcommands.filter(\.value).keys.sorted().map(EvaluationScope.subcommand)
        return scopes.flatMap { scope -> [Finding] in
            let outcome = evaluator.evaluate(scope)
            var leafValues: [String: SourceConsistencyRule.Measured] = [:]
            for leaf in outcome.leaves where plan.peers.leaves.contains(leaf.code) {
                guard let value = leaf.value else { continue }
                leafValues[leaf.code] = .init(value: value, sequences: sequences(of: leaf.code, in: scope, counted: counted))
            }
            return SourceConsistencyRule.findings(
                framework: plan.framework, period: plan.period, scope: scope.subcommand, leafValues: leafValues,
                feedValues: feedValues(outcome, scope: scope), organization: organization)
        }
    }

    /// The material reports behind a material leaf's value in `scope`: the one that counts
    /// of each assigned unit in scope. Other leaves aggregate too many records to list;
    /// their findings are identified by their subject alone.
    private func sequences(of code: String, in scope: EvaluationScope, counted: [String: [EvaluationRow.Material]]) -> [Int64] {
        guard let units = leaf(code)?.material?.units else { return [] }
        let inScope = Set(units.filter { scope.subcommand == nil || organization.units[$0]?.subcommand == scope.subcommand })
        return (counted[code] ?? []).filter { inScope.contains($0.unit) }.map(\.sequence)
    }

    private func feedValues(_ outcome: EvaluationOutcome, scope: EvaluationScope) -> [String: SourceConsistencyRule.Measured] {
        var values: [String: SourceConsistencyRule.Measured] = [:]
        let leaves = plan.framework.categories.flatMap { $0.items.flatMap(\.indicators) }
        for leaf in leaves {
            guard case .feedMetric(let metric)? = leaf.peer?.target, values[metric] == nil else { continue }
            if let measuring = PeerCodes.firstLeaf(measuring: metric, in: leaves) {
                if let value = outcome.leaves.first(where: { $0.code == measuring.code })?.value {
                    values[metric] = .init(value: value, sequences: [])
                }
            } else if let sums = input.feedSums[.init(metric: metric, subcommand: scope.subcommand)], sums.count > 0 {
                values[metric] = .init(value: sums.sum / Double(sums.count), sequences: [])
            }
        }
        return values
    }

    private func leaf(_ code: String) -> FrameworkIndicator? {
        plan.framework.categories.lazy.flatMap { $0.items.lazy.flatMap(\.indicators) }.first { $0.code == code }
    }
}
