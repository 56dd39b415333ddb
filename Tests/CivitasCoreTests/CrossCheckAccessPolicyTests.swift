import CivitasCore
import Foundation
import Testing

/// Who may run cross-checks, read and move findings and read the cross-inspection plan,
/// and which findings and plan rows each principal sees.
@Suite("AccessPolicy: cross-checks")
struct CrossCheckAccessPolicyTests {
    static let cityA = try! TenantID("city-a")

    static func principal(_ role: Role, scope: String? = nil) -> Principal {
        Principal(credentialID: "cr-\(role.rawValue)", role: role, tenant: role == .operator ? nil : cityA, scope: scope)
    }

    static let table: [(TenantAction, Set<Role>)] = [
        (.requestCrossCheck, [.hq]),
        (.readFindings, [.hq, .subcommand, .unit, .inspector, .reader]),
        // The union of FindingAction.allowedRoles: the workflow narrows each action further.
        (.moveFindings, [.hq, .subcommand, .unit]),
        (.planCrossInspection, [.hq, .subcommand, .inspector]),
    ]

    @Test("each action admits exactly its roles", arguments: table)
    func roles(_ action: TenantAction, _ allowed: Set<Role>) {
        for role in Role.allCases {
            let scope = role.requiresScope ? "x" : nil
            let admitted = (try? AccessPolicy.authorize(Self.principal(role, scope: scope), action, requestedTenant: "")) != nil
            #expect(admitted == allowed.contains(role), "\(role) for \(action)")
        }
    }

    @Test("moving findings admits every role some workflow action allows, and no other")
    func moveFindingsMatchesTheWorkflow() {
        let actions: [FindingAction] = [
            .assign(unit: "u", dueAt: Date()), .rectify(note: "n", evidence: []), .verify(), .reopen(reason: "r", dueAt: Date()), .dismiss(reason: "r"),
        ]
        #expect(TenantAction.moveFindings.allowedRoles == Set(actions.flatMap(\.allowedRoles)))
    }

    @Test("the view: everything for HQ and unscoped readers and inspectors, the block for a sub-command, the unit's own for a unit")
    func views() {
        #expect(FindingView(for: Self.principal(.hq)) == .everything)
        #expect(FindingView(for: Self.principal(.reader)) == .everything)
        #expect(FindingView(for: Self.principal(.inspector)) == .everything)
        #expect(FindingView(for: Self.principal(.subcommand, scope: "sc-1")) == .subcommand("sc-1"))
        #expect(FindingView(for: Self.principal(.inspector, scope: "sc-2")) == .subcommand("sc-2"))
        #expect(FindingView(for: Self.principal(.unit, scope: "u-1")) == .unit("u-1"))

        let block = FindingView.subcommand("sc-1")
        #expect(block.contains(unit: "u-9", subcommand: "sc-1") && !block.contains(unit: "u-1", subcommand: nil))
        let unit = FindingView.unit("u-1")
        #expect(unit.contains(unit: "u-1", subcommand: "sc-1") && !unit.contains(unit: "u-2", subcommand: "sc-1"))
        #expect(FindingView.everything.contains(unit: nil, subcommand: nil))
    }

    @Test("a listing narrowed to another block is refused for a sub-command, allowed to HQ and harmless for a unit")
    func blockFilter() throws {
        try AccessPolicy.requireFindingBlock("sc-2", for: Self.principal(.hq))
        try AccessPolicy.requireFindingBlock("sc-1", for: Self.principal(.subcommand, scope: "sc-1"))
        try AccessPolicy.requireFindingBlock("sc-2", for: Self.principal(.unit, scope: "u-1"))
        let error = #expect(throws: CivitasError.self) {
            try AccessPolicy.requireFindingBlock("sc-2", for: Self.principal(.subcommand, scope: "sc-1"))
        }
        #expect(error?.code == .permissionDenied)
        #expect(error?.message.contains("sees the findings of sub-command sc-1 only, not of sub-command sc-2") == true)
    }

    @Test("a sub-command reads the plan rows of the points it inspects and of its own points")
    func planRows() {
        let plan = CrossInspectionPlan(period: "2026-10", seed: 1, assignments: [
            CrossInspectionAssignment(point: "p-1", pointName: "一", owner: "sc-1", inspector: "sc-2"),
            CrossInspectionAssignment(point: "p-2", pointName: "二", owner: "sc-2", inspector: "sc-3"),
            CrossInspectionAssignment(point: "p-3", pointName: "三", owner: "sc-3", inspector: "sc-1"),
        ])
        #expect(AccessPolicy.crossInspectionRows(plan, for: Self.principal(.hq)).map(\.point) == ["p-1", "p-2", "p-3"])
        #expect(AccessPolicy.crossInspectionRows(plan, for: Self.principal(.subcommand, scope: "sc-1")).map(\.point) == ["p-1", "p-3"])
        #expect(AccessPolicy.crossInspectionRows(plan, for: Self.principal(.inspector, scope: "sc-2")).map(\.point) == ["p-1", "p-2"])
        #expect(AccessPolicy.crossInspectionRows(plan, for: Self.principal(.unit, scope: "u-1")).isEmpty)
    }
}
