import CivitasProtos

/// Everything the HTML report shows: one result with its gates, the period's ranking,
/// the result's gap analysis and the period's cross-check findings. All but the result
/// are optional so that a page can still be written when the server has none yet.
public struct ReportPage: Sendable {
    public var result: Civitas_V1_EvaluationResult
    /// The framework version's title, e.g. 全国文明典范城市测评体系.
    public var frameworkTitle: String
    public var passScore: Double?
    public var ranking: Civitas_V1_Ranking?
    /// Ids of stale results among the ranking's entries.
    public var staleResults: Set<String>
    public var gap: Civitas_V1_GapAnalysis?
    public var names: ReportNames
    public var language: ReportLanguage
    /// Leaves shown per gap list (0: all).
    public var top: Int
    /// The period's cross-check findings; nil leaves the findings section out.
    public var findings: FindingsOverview?

    public init(
        result: Civitas_V1_EvaluationResult, frameworkTitle: String = "", passScore: Double? = nil,
        ranking: Civitas_V1_Ranking? = nil, staleResults: Set<String> = [], gap: Civitas_V1_GapAnalysis? = nil,
        names: ReportNames = ReportNames(), language: ReportLanguage = .zh, top: Int = 10, findings: FindingsOverview? = nil
    ) {
        self.result = result
        self.frameworkTitle = frameworkTitle
        self.passScore = passScore
        self.ranking = ranking
        self.staleResults = staleResults
        self.gap = gap
        self.names = names
        self.language = language
        self.top = top
        self.findings = findings
    }
}
