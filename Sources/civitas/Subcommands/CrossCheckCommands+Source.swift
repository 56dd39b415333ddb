import CivitasCLISupport
import CivitasClient
import CivitasProtos
import Foundation
import GRPCCore
import SwiftProtobuf

/// The cross-check calls the commands are built from: findings page by page, one
/// finding, a move, and the names that make them readable.
struct FindingSource {
    let civitas: CivitasConnection
    let tenant: String

    struct Filter {
        var period = ""
        var state = ""
        var rule = ""
        var subcommand = ""
        var overdue = false
    }

    /// Every finding the filter matches, fetching pages until the last one or `limit`
    /// (0: no limit — findings are paged, never capped). `truncated` says `limit` cut
    /// the list short.
    func findings(_ filter: Filter, limit: Int = 0) async throws -> (findings: [Civitas_V1_Finding], truncated: Bool) {
        var findings: [Civitas_V1_Finding] = []
        var token = ""
        repeat {
            let wanted = limit == 0 ? 1000 : min(max(limit - findings.count, 1), 1000)
            let reply = try await civitas.crosschecks.listFindings(.with {
                $0.tenant = tenant
                if !filter.period.isEmpty { $0.period = .with { $0.name = filter.period } }
                $0.state = filter.state
                $0.rule = filter.rule
                $0.subcommand = filter.subcommand
                $0.overdue = filter.overdue
                $0.page = .with { $0.pageSize = UInt32(wanted); $0.pageToken = token }
            }, options: civitas.options)
            findings += reply.findings
            token = reply.nextPageToken
        } while !token.isEmpty && (limit == 0 || findings.count < limit)
        let truncated = limit > 0 && (findings.count > limit || !token.isEmpty)
        return (limit > 0 ? Array(findings.prefix(limit)) : findings, truncated)
    }

    func finding(_ id: String) async throws -> Civitas_V1_Finding {
        try await civitas.crosschecks.getFinding(.with { $0.tenant = tenant; $0.id = id }, options: civitas.options)
    }

    func transition(_ request: Civitas_V1_TransitionFindingRequest) async throws -> Civitas_V1_Finding {
        var request = request
        request.tenant = tenant
        return try await civitas.crosschecks.transitionFinding(request, options: civitas.options)
    }

    /// Sub-command names (a failure costs only the names, never the output).
    func names() async -> ReportNames {
        await ReportSources(civitas: civitas, tenant: tenant).names(framework: nil)
    }

    /// The period's findings for a report page, limited to the scope's block; nil when
    /// they cannot be read (a server without cross-checks, a credential that may not), so
    /// that the evaluation report is still written.
    func overview(period: String, scope: String, names: ReportNames, time: FindingTime) async -> FindingsOverview? {
        let block = scope.hasPrefix("subcommand:") ? String(scope.dropFirst("subcommand:".count)) : ""
        do {
            let (findings, _) = try await self.findings(Filter(period: period, subcommand: block))
            return FindingsOverview(period: period, subcommand: block, findings: findings, names: names, time: time)
        } catch {
            Terminal.note("note: the period's findings could not be read (\(Self.reason(error))); the page leaves them out.")
            return nil
        }
    }

    /// A failure in a few words, for a note about something optional that is missing.
    static func reason(_ error: any Error) -> String {
        (error as? RPCError).map { "\($0.code): \($0.message)" } ?? "\(error)"
    }
}
