/// Every heading and label a report prints, in both languages. One table, so that a
/// label can never exist in one language only.
public enum ReportLabel: CaseIterable, Sendable {
    case scoreTitle, rankingTitle, gapTitle, gatesTitle, nodesTitle, leavesTitle
    case topGapsTitle, failedGatesTitle, weakestTitle
    case framework, period, scope, cutoff, inputDigest, frameworkDigest, computedAt, resultID
    case total, maxPoints, passScore, eligibility, eligible, notEligible, eligibilityNotApplicable
    case staleBanner, staleShort
    case code, name, condition, value, outcome, passed, failed
    case earned, points, ratio, flags, samples, missing, insufficient
    case rank, subcommand, status
    case pointsLost, distanceToTarget, gate, change, totalChange, previousResult, noPrevious
    case none, noRanking, noGaps, noFailedGates
    case reportTitle, reproducibility, categoryChart, rankingChart, gapChart

    /// The label in `language`.
    public func text(_ language: ReportLanguage) -> String {
        let (zh, en) = pair
        return language == .zh ? zh : en
    }

    private var pair: (String, String) {
        switch self {
        case .scoreTitle: ("测评得分", "Evaluation score")
        case .rankingTitle: ("月调度排名", "Monthly dispatch ranking")
        case .gapTitle: ("差距分析", "Gap analysis")
        case .gatesTitle: ("门槛（一票否决）", "Gates (veto)")
        case .nodesTitle: ("测评项目大类与项目", "Categories and items")
        case .leavesTitle: ("测评内容", "Indicators")
        case .topGapsTitle: ("失分最多的测评内容", "Indicators losing the most points")
        case .failedGatesTitle: ("未通过的门槛", "Failed gates")
        case .weakestTitle: ("各分指挥部最薄弱的测评内容", "Weakest indicators of each sub-command")
        case .framework: ("测评体系", "Framework")
        case .period: ("期间", "Period")
        case .scope: ("范围", "Scope")
        case .cutoff: ("截止序号", "Cut-off sequence")
        case .inputDigest: ("输入摘要", "Input digest")
        case .frameworkDigest: ("体系摘要", "Framework digest")
        case .computedAt: ("计算时间", "Computed at")
        case .resultID: ("结果编号", "Result")
        case .total: ("总分", "Total")
        case .maxPoints: ("满分", "Maximum")
        case .passScore: ("达标线", "Pass score")
        case .eligibility: ("资格", "Eligibility")
        case .eligible: ("达标", "eligible")
        case .notEligible: ("未达标", "not eligible")
        case .eligibilityNotApplicable: ("不判定（资格仅在全市范围判定）", "not judged (eligibility is a city-scope verdict)")
        case .staleBanner: ("已过期：本期有新数据到达，此结果等待重新测评", "STALE: late data arrived for this period; this result awaits re-evaluation")
        case .staleShort: ("已过期", "stale")
        case .code: ("代码", "Code")
        case .name: ("名称", "Name")
        case .condition: ("条件", "Condition")
        case .value: ("值", "Value")
        case .outcome: ("结果", "Outcome")
        case .passed: ("通过", "passed")
        case .failed: ("未通过", "FAILED")
        case .earned: ("得分", "Earned")
        case .points: ("分值", "Points")
        case .ratio: ("得分率", "Ratio")
        case .flags: ("标记", "Flags")
        case .samples: ("样本数", "Samples")
        case .missing: ("缺数据", "missing")
        case .insufficient: ("样本不足", "insufficient")
        case .rank: ("名次", "Rank")
        case .subcommand: ("分指挥部", "Sub-command")
        case .status: ("状态", "Status")
        case .pointsLost: ("失分", "Points lost")
        case .distanceToTarget: ("距目标", "To target")
        case .gate: ("门槛", "Gate")
        case .change: ("较上次", "Change")
        case .totalChange: ("总分较上次变化", "Total change since the previous result")
        case .previousResult: ("上次结果", "Previous result")
        case .noPrevious: ("无上次结果", "no previous result")
        case .none: ("无", "none")
        case .noRanking: ("本期尚无分指挥部测评结果", "No sub-command results for this period yet")
        case .noGaps: ("没有失分的测评内容", "No indicator lost points")
        case .noFailedGates: ("所有门槛均通过", "Every gate passed")
        case .reportTitle: ("测评报告", "Evaluation report")
        case .reproducibility:
            (
                "以同一测评体系版本、期间、范围和截止序号重新测评，得到相同的输入摘要和结果。",
                "Evaluating the same framework version, period, scope and cut-off again gives the same input digest and result."
            )
        case .categoryChart: ("各大类得分与分值", "Earned and points per category")
        case .rankingChart: ("各分指挥部得分率", "Ratio per sub-command")
        case .gapChart: ("失分最多的测评内容", "Points lost per indicator")
        }
    }

    /// A leaf flag from the wire (`missing`, `insufficient`) in `language`; unknown flags as sent.
    public static func flag(_ flag: String, _ language: ReportLanguage) -> String {
        switch flag {
        case "missing": missing.text(language)
        case "insufficient": insufficient.text(language)
        default: flag
        }
    }
}
