import ArgumentParser
import CivitasCLISupport
import CivitasClient
import CivitasProtos
import Foundation

struct FindingsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "findings",
        abstract: "Rectification (整改) of cross-check findings: list, show, assign, rectify, verify, reopen, dismiss.",
        discussion: """
            A finding moves open → assigned (unit, due date) → rectified (note and evidence) → \
            verified, or back to reopened; or it is dismissed with a reason. Past its due date an \
            unfinished finding escalates unit → sub-command → HQ. The server decides who may make \
            each move; a refusal prints its reason and exits 4 (3 for a credential not allowed).
            """,
        subcommands: [
            FindingsList.self, FindingsShow.self, FindingsAssign.self, FindingsRectify.self, FindingsVerify.self,
            FindingsReopen.self, FindingsDismiss.self,
        ]
    )
}

/// `civitas findings list`: the same as `civitas crosscheck findings`.
struct FindingsList: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List findings (as `crosscheck findings`); --overdue shows what is late at each level."
    )

    @OptionGroup var options: FindingListOptions
    @OptionGroup var tenant: TenantOption
    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        try await options.list(tenant: tenant.value, connection: connection)
    }
}

/// `civitas findings show ID`: the same as `civitas crosscheck show`.
struct FindingsShow: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "One finding with its history (as `crosscheck show`).")

    @OptionGroup var show: CrossCheckShow

    func run() async throws {
        try await show.run()
    }
}

/// What every move takes besides its own options: display, tenant and connection.
struct FindingMoveOptions: ParsableArguments {
    @Argument(help: "The finding's id.")
    var id: String

    @OptionGroup var display: FindingDisplayOptions
    @OptionGroup var tenant: TenantOption
    @OptionGroup var connection: ConnectionOptions

    /// Sends the move and prints the finding's new state.
    func send(_ request: Civitas_V1_TransitionFindingRequest) async throws {
        let time = try display.time()
        try await connection.withConnection { civitas in
            let finding = try await FindingSource(civitas: civitas, tenant: tenant.value).transition(request)
            print(FindingTransition.outcome(finding, time: time, language: display.lang))
        }
    }
}

/// Turns a builder's refusal into a usage error, so that it reads like any other bad option.
func checked<T>(_ build: () throws(ClientError) -> T) throws -> T {
    do { return try build() } catch { throw ValidationError(error.message) }
}

struct FindingsAssign: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "assign",
        abstract: "Make a unit responsible for rectifying a finding by a due date (HQ; a sub-command in its block).",
        discussion: "--due: 2026-12-15 (the end of that day in --time-zone), 2026-12-15 18:00, 2026-12-15T18:00:00+08:00, or 14d from now."
    )

    @OptionGroup var move: FindingMoveOptions

    @Option(help: "The responsible unit's id.")
    var unit: String

    @Option(help: "When the rectification is due.")
    var due: String

    @Option(help: "A note for the unit.")
    var note: String?

    func validate() throws { _ = try request() }

    func request() throws -> Civitas_V1_TransitionFindingRequest {
        let time = try move.display.time()
        return try checked { () throws(ClientError) in try FindingTransition.assign(id: move.id, unit: unit, due: due, note: note, time: time) }
    }

    func run() async throws { try await move.send(try request()) }
}

struct FindingsVerify: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "verify", abstract: "Accept a rectification (HQ).")

    @OptionGroup var move: FindingMoveOptions

    @Option(help: "What was checked.")
    var note: String?

    func run() async throws {
        try await move.send(try checked { () throws(ClientError) in try FindingTransition.verify(id: move.id, note: note) })
    }
}

struct FindingsReopen: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reopen",
        abstract: "Reject a rectification, or reopen a verified finding whose problem came back (HQ), with a new due date."
    )

    @OptionGroup var move: FindingMoveOptions

    @Option(help: "Why the finding is reopened.")
    var note: String

    @Option(help: "The new due date (as for assign).")
    var due: String

    func validate() throws { _ = try request() }

    func request() throws -> Civitas_V1_TransitionFindingRequest {
        let time = try move.display.time()
        return try checked { () throws(ClientError) in try FindingTransition.reopen(id: move.id, note: note, due: due, time: time) }
    }

    func run() async throws { try await move.send(try request()) }
}

struct FindingsDismiss: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dismiss", abstract: "Close a finding that needs no rectification, with the reason (HQ). Final."
    )

    @OptionGroup var move: FindingMoveOptions

    @Option(help: "Why the finding needs no rectification.")
    var reason: String

    func validate() throws { _ = try request() }

    func request() throws -> Civitas_V1_TransitionFindingRequest {
        try checked { () throws(ClientError) in try FindingTransition.dismiss(id: move.id, reason: reason) }
    }

    func run() async throws { try await move.send(try request()) }
}
