import CivitasCore
import CivitasProtos
import CivitasStorage
import Foundation
import SwiftProtobuf

extension Civitas_V1_EvaluationResult {
    /// The columns of a stored result (what listings carry).
    init(_ summary: EvaluationResultSummary, tenant: TenantID) {
        self.init()
        id = summary.id
        self.tenant = tenant.rawValue
        framework = summary.framework
        frameworkVersion = UInt32(clamping: summary.frameworkVersion)
        frameworkSha256 = summary.frameworkSHA256
        period.name = summary.period
        scope.name = summary.scope.description
        cutoffSequence = UInt64(clamping: summary.cutoff)
        inputDigest = summary.inputDigest
        total = summary.earned
        maxPoints = summary.maxPoints
        hasEligibility_p = summary.eligible != nil
        eligible = summary.eligible ?? false
        stale = summary.stale
        crosscheckRun = summary.crossCheckRun ?? ""
        computedAt = Google_Protobuf_Timestamp(date: summary.computedAt)
    }

    /// A result in full: leaves, nodes, gates and the canonical bytes.
    init(_ result: StoredEvaluationResult, tenant: TenantID) {
        self.init(result.summary, tenant: tenant)
        leaves = result.outcome.leaves.map(Civitas_V1_LeafResult.init)
        nodes = result.outcome.nodes.map(Civitas_V1_NodeResult.init)
        gates = result.outcome.gates.map(Civitas_V1_GateResult.init)
        canonical = Data(result.canonical)
    }
}

extension Civitas_V1_LeafResult {
    init(_ leaf: LeafOutcome) {
        self.init()
        code = leaf.code
        path = leaf.path
        points = leaf.points
        hasValue_p = leaf.value != nil
        value = leaf.value ?? 0
        fraction = leaf.fraction
        earned = leaf.earned
        flags = leaf.flags.map(\.rawValue)
        samples = UInt64(clamping: leaf.samples)
    }
}

extension Civitas_V1_NodeResult {
    init(_ node: NodeOutcome) {
        self.init()
        code = node.code
        path = node.path
        points = node.points
        earned = node.earned
    }
}

extension Civitas_V1_GateResult {
    init(_ gate: GateOutcome) {
        self.init()
        node = gate.node
        condition = gate.condition
        passed = gate.passed
        hasValue_p = gate.value != nil
        value = gate.value ?? 0
    }
}

extension Civitas_V1_Gap {
    init(_ gap: Gap) {
        self.init()
        code = gap.code
        path = gap.path
        pointsLost = gap.pointsLost
        hasDistance_p = gap.distanceToTarget != nil
        distanceToTarget = gap.distanceToTarget ?? 0
        gateFailed = gap.gateFailed
        hasChange_p = gap.changeSincePrevious != nil
        changeSincePrevious = gap.changeSincePrevious ?? 0
    }
}

extension Civitas_V1_RankingEntry {
    init(_ entry: RankingEntry, resultID: String) {
        self.init()
        rank = UInt32(clamping: entry.rank)
        subcommand = entry.subcommand
        earned = entry.earned
        maxPoints = entry.maxPoints
        ratio = entry.ratio
        self.resultID = resultID
    }
}

extension Civitas_V1_GapAnalysis {
    /// `current`'s report; `resultIDs` maps each sub-command to the result its gaps come from.
    init(_ report: GapReport, current: String, previous: String?, resultIDs: [String: String]) {
        self.init()
        resultID = current
        previousResultID = previous ?? ""
        gaps = report.gaps.map(Civitas_V1_Gap.init)
        totalChange = report.totalChange ?? 0
        failedGates = report.failedGates.map(Civitas_V1_GateResult.init)
        weakestBySubcommand = report.weakestBySubcommand.map { entry in
            .with {
                $0.subcommand = entry.subcommand
                $0.resultID = resultIDs[entry.subcommand] ?? ""
                $0.gaps = entry.gaps.map(Civitas_V1_Gap.init)
            }
        }
    }
}
