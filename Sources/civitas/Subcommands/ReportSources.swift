import CivitasCLISupport
import CivitasClient
import CivitasCore
import CivitasProtos
import Foundation
import GRPCCore
import SwiftProtobuf

/// The calls a report is assembled from: a result, its framework version (for the pass
/// score and the names), the sub-command names, the ranking and the gap analysis.
struct ReportSources {
    let civitas: CivitasConnection
    let tenant: String

    /// The result `id`, or when it is empty the latest one of framework, period and scope.
    func result(id: String = "", framework: String, period: String, scope: String) async throws -> Civitas_V1_EvaluationResult {
        try await civitas.evaluations.getResult(request(id: id, framework: framework, period: period, scope: scope), options: civitas.options)
    }

    func gap(framework: String, period: String, scope: String) async throws -> Civitas_V1_GapAnalysis {
        try await civitas.evaluations.getGapAnalysis(request(framework: framework, period: period, scope: scope), options: civitas.options)
    }

    /// The period's ranking, or nil when no sub-command has a result yet.
    func ranking(framework: String, period: String) async throws -> Civitas_V1_Ranking? {
        do {
            return try await civitas.evaluations.getRanking(.with {
                $0.tenant = tenant
                $0.framework = framework
                $0.period = .with { $0.name = period }
            }, options: civitas.options)
        } catch let error as RPCError where error.code == .notFound {
            return nil
        }
    }

    /// Ids of the period's results that late data has made stale (every scope).
    func staleResults(framework: String, period: String) async throws -> Set<String> {
        var stale: Set<String> = []
        var token = ""
        repeat {
            let reply = try await civitas.evaluations.listResults(.with {
                $0.tenant = tenant
                $0.framework = framework
                $0.period = .with { $0.name = period }
                $0.page = .with { $0.pageSize = 1000; $0.pageToken = token }
            }, options: civitas.options)
            stale.formUnion(reply.results.filter(\.stale).map(\.id))
            token = reply.nextPageToken
        } while !token.isEmpty
        return stale
    }

    /// The published version (0: the latest) and its parsed document, for names.
    func framework(code: String, version: UInt32) async throws -> (Civitas_V1_FrameworkVersion, Framework?) {
        let published = try await civitas.frameworks.getFramework(.with {
            $0.tenant = tenant
            $0.code = code
            $0.version = version
        }, options: civitas.options)
        switch FrameworkDocument.parse(published.document) {
        case .success(let framework):
            return (published, framework)
        case .failure(let problems):
            Terminal.note("note: the document of \(code) v\(published.version) does not parse (\(problems.problems.first?.description ?? "?")); showing codes instead of names.")
            return (published, nil)
        }
    }

    /// Node names from the framework and sub-command names from the organization. A
    /// failure to list the sub-commands only costs their names, never the report.
    func names(framework: Framework?) async -> ReportNames {
        var subcommands: [String: String] = [:]
        var token = ""
        do {
            repeat {
                let reply = try await civitas.organization.listSubcommands(.with {
                    $0.tenant = tenant
                    $0.includeInactive = true
                    $0.page = .with { $0.pageSize = 1000; $0.pageToken = token }
                }, options: civitas.options)
                for subcommand in reply.subcommands { subcommands[subcommand.id] = subcommand.name }
                token = reply.nextPageToken
            } while !token.isEmpty
        } catch {
            subcommands = [:]
        }
        return framework.map { ReportNames(framework: $0, subcommands: subcommands) } ?? ReportNames(subcommands: subcommands)
    }

    private func request(id: String = "", framework: String, period: String, scope: String) -> Civitas_V1_GetResultRequest {
        .with {
            $0.tenant = tenant
            $0.resultID = id
            $0.framework = framework
            $0.period = .with { $0.name = period }
            $0.scope = .with { $0.name = scope }
        }
    }
}
