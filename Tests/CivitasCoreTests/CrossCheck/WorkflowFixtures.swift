import CivitasCore
import Foundation

/// A finding against u-01 (block sc-01), the principals that act on it, and states in
/// every status reached through legal moves.
enum WorkflowFixtures {
    static let city = try! TenantID("city-a")
    static let t0 = try! Date("2026-11-10T02:00:00Z", strategy: .iso8601)
    static let day: TimeInterval = 86_400

    static func principal(_ role: Role, _ scope: String? = nil, id: String? = nil) -> Principal {
        Principal(credentialID: id ?? "cr-\(role.rawValue)-\(scope ?? "all")", role: role, tenant: role == .operator ? nil : city, scope: scope)
    }

    static let hq = principal(.hq)
    static let sc01 = principal(.subcommand, "sc-01")
    static let sc02 = principal(.subcommand, "sc-02")
    static let u01 = principal(.unit, "u-01")
    static let u02 = principal(.unit, "u-02")
    static let inspector = principal(.inspector, "sc-02")
    static let reader = principal(.reader)
    static let operatorPrincipal = principal(.operator)

    static let evidence = [Evidence(fileName: "photo.jpg", sha256: String(repeating: "d", count: 64), size: 10, mediaType: "image/jpeg")]

    static func finding(unit: String? = "u-01", subcommand: String? = "sc-01", rule: CrossCheckRule = .peerOutlier) -> Finding {
        Finding(
            rule: rule, subject: "indicator=waste;unit=\(unit ?? "-");period=2026-10", sequences: [7], figures: [:], severity: .medium,
            unit: unit, subcommand: subcommand, period: "2026-10", message: "Unit u-01 reported 50 for waste.")
    }

    static func apply(_ state: FindingState, _ action: FindingAction, by principal: Principal, at time: Date) -> FindingState {
        try! state.applying(action, by: principal, at: time, organization: CrossCheckFixtures.organization).state
    }

    /// A state in `status`, reached by: open at t0; assigned to u-01 at t0 + 1 h, due
    /// t0 + 7 d; rectified at t0 + 2 d; then verified, or reopened due t0 + 10 d, at
    /// t0 + 3 d; or dismissed from open.
    static func state(_ status: FindingStatus, finding: Finding = finding()) -> FindingState {
        let open = try! FindingState.opening(finding, by: .system("cross-check"), at: t0)
        if status == .open { return open }
        if status == .dismissed { return apply(open, .dismiss(reason: "Figures were keyed in thousands."), by: hq, at: t0 + 3600) }
        let assigned = apply(open, .assign(unit: "u-01", dueAt: t0 + 7 * day), by: hq, at: t0 + 3600)
        if status == .assigned { return assigned }
        let rectified = apply(assigned, .rectify(note: "Re-counted and re-submitted.", evidence: evidence), by: u01, at: t0 + 2 * day)
        switch status {
        case .rectified: return rectified
        case .verified: return apply(rectified, .verify(note: "Checked on site."), by: hq, at: t0 + 3 * day)
        default: return apply(rectified, .reopen(reason: "The bins are still unsorted.", dueAt: t0 + 10 * day), by: hq, at: t0 + 3 * day)
        }
    }

    /// One well-formed action of each kind, at any time before t0 + 4 d.
    static let actions: [FindingAction] = [
        .assign(unit: "u-02", dueAt: t0 + 20 * day), .rectify(note: "Fixed.", evidence: evidence), .verify(),
        .reopen(reason: "Not fixed.", dueAt: t0 + 20 * day), .dismiss(reason: "A false alarm."),
    ]
    static let now = t0 + 4 * day
}
