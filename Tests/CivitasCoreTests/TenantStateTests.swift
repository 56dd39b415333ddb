import CivitasCore
import Testing

/// The tenant life cycle: active ⇄ suspended → archived, and archived is final so that an
/// archived tenant's credentials can never come back to life.
@Suite("TenantState")
struct TenantStateTests {
    let tenant = try! TenantID("demo-city")

    @Test(
        "allowed transitions",
        arguments: [
            (TenantState.active, TenantState.suspended),
            (.suspended, .active),
            (.active, .archived),
            (.suspended, .archived),
        ]
    )
    func allowed(from: TenantState, to: TenantState) throws {
        try from.transition(to: to, tenant: tenant)
    }

    @Test("archived is final", arguments: TenantState.allCases)
    func archivedIsFinal(_ next: TenantState) {
        let error = #expect(throws: CivitasError.self) {
            try TenantState.archived.transition(to: next, tenant: tenant)
        }
        #expect(error?.code == .failedPrecondition)
        #expect(error?.message.contains("archived") == true)
        #expect(error?.message.contains("demo-city") == true)
    }

    @Test("moving to the same state is refused", arguments: [TenantState.active, .suspended])
    func sameStateRefused(_ state: TenantState) {
        let error = #expect(throws: CivitasError.self) { try state.transition(to: state, tenant: tenant) }
        #expect(error?.code == .failedPrecondition)
        #expect(error?.message.contains("already \(state.rawValue)") == true)
    }

    @Test("parses its raw names", arguments: TenantState.allCases)
    func parses(_ state: TenantState) throws {
        #expect(try TenantState(parsing: state.rawValue) == state)
    }

    @Test("refuses unknown names", arguments: ["", "Active", "deleted", " active"])
    func refusesUnknown(_ text: String) {
        let error = #expect(throws: CivitasError.self) { try TenantState(parsing: text) }
        #expect(error?.code == .invalidArgument)
    }
}
