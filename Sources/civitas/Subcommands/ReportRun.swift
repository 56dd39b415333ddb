import ArgumentParser
import CivitasCLISupport
import CivitasClient
import CivitasProtos
import Foundation

/// One `civitas report` invocation: fetches what the chosen report needs and, for
/// `--html`, everything the page shows.
struct ReportRun {
    let sources: ReportSources
    let options: ReportOptions

    init(civitas: CivitasConnection, tenant: String, options: ReportOptions) {
        sources = ReportSources(civitas: civitas, tenant: tenant)
        self.options = options
    }

    private var target: EvaluationArguments { options.target }

    /// The latest result of the scope, the framework version it used, and the names.
    func scoredResult() async throws -> (Civitas_V1_EvaluationResult, Civitas_V1_FrameworkVersion, ReportNames) {
        let result = try await sources.result(framework: target.framework, period: target.period, scope: target.scope)
        let (published, framework) = try await sources.framework(code: result.framework, version: result.frameworkVersion)
        return (result, published, await sources.names(framework: framework))
    }

    func ranking() async throws -> (Civitas_V1_Ranking, Set<String>, ReportNames) {
        guard let ranking = try await sources.ranking(framework: target.framework, period: target.period) else {
            Terminal.error("\(ReportLabel.noRanking.text(options.lang)): \(target.framework) \(target.period).")
            throw ExitCode(4)
        }
        let stale = try await sources.staleResults(framework: target.framework, period: target.period)
        return (ranking, stale, await sources.names(framework: nil))
    }

    /// Writes the page: score and gates of the scope, the period's ranking (if any), the
    /// scope's gap analysis and the period's cross-check findings (beside the score, never
    /// folded into it).
    func writeHTML(to file: String) async throws {
        let (result, published, names) = try await scoredResult()
        let ranking = try await sources.ranking(framework: target.framework, period: target.period)
        let stale = ranking == nil ? [] : try await sources.staleResults(framework: target.framework, period: target.period)
        let gap = try await sources.gap(framework: target.framework, period: target.period, scope: target.scope)
        var page = ReportPage(
            result: result, frameworkTitle: published.title, passScore: published.passScore, ranking: ranking,
            staleResults: stale, gap: gap, names: names, language: options.lang, top: options.top
        )
        page.findings = await findingsOverview(names: names)
        let html = Data(ReportHTML.render(page).utf8)
        try Terminal.write(html, toFile: file)
        print("Wrote \(file) (\(html.count) bytes): \(result.framework) v\(result.frameworkVersion) \(result.period.name) \(result.scope.name).")
    }
}
