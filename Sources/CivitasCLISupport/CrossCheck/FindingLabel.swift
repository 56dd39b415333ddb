import CivitasProtos

/// Every heading and label the findings output prints, in both languages — the same
/// scheme as ``ReportLabel``, kept apart so that the evaluation reports' table stays theirs.
public enum FindingLabel: CaseIterable, Sendable {
    case findingsTitle, summaryTitle, outstandingTitle, overdueTitle, historyTitle, figuresTitle, recordsTitle
    case id, rule, severity, state, level, unit, subcommand, due, overdue, overdueBy, message, period
    case subject, foundAt, run, total, high, medium, low, when, by, action, move, note, figure, value
    case noFindings, noOverdue, countsChart, outstandingCount, overdueCount, levelGroup
    case point, pointName, owner, assigned, load, ownPoints, loadsTitle

    /// The label in `language`.
    public func text(_ language: ReportLanguage) -> String {
        let (zh, en) = pair
        return language == .zh ? zh : en
    }

    private var pair: (String, String) {
        switch self {
        case .findingsTitle: ("交叉检查发现的问题", "Cross-check findings")
        case .summaryTitle: ("按规则和严重程度统计", "Findings by rule and severity")
        case .outstandingTitle: ("未办结和逾期的问题", "Outstanding and overdue findings")
        case .overdueTitle: ("各层级逾期未整改的问题", "Overdue findings at each level")
        case .historyTitle: ("处理记录", "History")
        case .figuresTitle: ("相关数值", "Figures")
        case .recordsTitle: ("涉及记录（序号）", "Records (sequence numbers)")
        case .id: ("编号", "ID")
        case .rule: ("规则", "Rule")
        case .severity: ("严重程度", "Severity")
        case .state: ("状态", "State")
        case .level: ("督查层级", "Level")
        case .unit: ("责任单位", "Unit")
        case .subcommand: ("分指挥部", "Sub-command")
        case .due: ("整改期限", "Due")
        case .overdue: ("逾期", "overdue")
        case .overdueBy: ("已逾期", "Overdue by")
        case .message: ("说明", "Message")
        case .period: ("期间", "Period")
        case .subject: ("对象", "Subject")
        case .foundAt: ("发现时间", "Found at")
        case .run: ("检查任务", "Run")
        case .total: ("合计", "Total")
        case .high: ("高", "high")
        case .medium: ("中", "medium")
        case .low: ("低", "low")
        case .when: ("时间", "When")
        case .by: ("操作人", "By")
        case .action: ("操作", "Action")
        case .move: ("变化", "Change")
        case .note: ("备注", "Note")
        case .figure: ("名称", "Name")
        case .value: ("数值", "Value")
        case .noFindings: ("没有发现问题", "No findings")
        case .noOverdue: ("无逾期", "none overdue")
        case .countsChart: ("各规则发现的问题数（按严重程度）", "Findings per rule, by severity")
        case .outstandingCount: ("未办结", "outstanding")
        case .overdueCount: ("逾期", "overdue")
        case .levelGroup: ("督查层级", "Supervised at")
        case .point: ("点位", "Point")
        case .pointName: ("点位名称", "Point name")
        case .owner: ("所属分指挥部", "Owner")
        case .assigned: ("交叉检查分指挥部", "Assigned to")
        case .load: ("检查点位数", "Points to inspect")
        case .ownPoints: ("本辖区点位数", "Own points")
        case .loadsTitle: ("各分指挥部交叉检查任务量", "Cross-inspection load per sub-command")
        }
    }
}

/// The words of the findings vocabulary: rules, severities, states and supervision
/// levels as the wire spells them, shown in `language`. A value the client does not know
/// (a rule added on the server later) is shown as sent, never dropped.
public enum FindingVocabulary {
    public static func rule(_ rule: String, _ language: ReportLanguage) -> String {
        let names: [String: (String, String)] = [
            "source_consistency": ("来源不一致", "source consistency"),
            "peer_outlier": ("同类单位异常值", "peer outlier"),
            "history_outlier": ("历史异常值", "history outlier"),
            "duplicate_evidence": ("重复佐证材料", "duplicate evidence"),
            "duplicate_respondent": ("重复答卷", "duplicate respondent"),
            "straight_lining": ("答案雷同", "straight-lining"),
            "too_fast": ("答题过快", "too fast"),
            "inspection_contradiction": ("与实地考察矛盾", "inspection contradiction"),
            "lateness": ("逾期报送", "lateness"),
            "manual": ("人工记录", "manual"),
        ]
        return names[rule].map { language == .zh ? $0.0 : $0.1 } ?? rule
    }

    public static func severity(_ severity: String, _ language: ReportLanguage) -> String {
        switch severity {
        case "high": FindingLabel.high.text(language)
        case "medium": FindingLabel.medium.text(language)
        case "low": FindingLabel.low.text(language)
        default: severity
        }
    }

    public static func state(_ state: String, _ language: ReportLanguage) -> String {
        let names: [String: (String, String)] = [
            "open": ("待交办", "open"), "assigned": ("已交办", "assigned"), "rectified": ("已整改待核验", "rectified"),
            "verified": ("已核验", "verified"), "reopened": ("重新整改", "reopened"), "dismissed": ("已撤销", "dismissed"),
        ]
        return names[state].map { language == .zh ? $0.0 : $0.1 } ?? state
    }

    /// The wire's level: 0 unit, 1 sub-command, 2 HQ (DOMAIN §7).
    public static func level(_ level: UInt32, _ language: ReportLanguage) -> String {
        switch level {
        case 0: language.pick("责任单位", "unit")
        case 1: language.pick("分指挥部", "sub-command")
        case 2: language.pick("总指挥部", "HQ")
        default: language.pick("层级 \(level)", "level \(level)")
        }
    }

    /// A move's `action` (open, assign, rectify, verify, reopen, dismiss, escalate).
    public static func action(_ action: String, _ language: ReportLanguage) -> String {
        let names: [String: (String, String)] = [
            "open": ("发现", "open"), "assign": ("交办", "assign"), "rectify": ("整改", "rectify"), "verify": ("核验", "verify"),
            "reopen": ("重新整改", "reopen"), "dismiss": ("撤销", "dismiss"), "escalate": ("逾期升级", "escalate"),
        ]
        return names[action].map { language == .zh ? $0.0 : $0.1 } ?? (action.isEmpty ? "-" : action)
    }

    /// A move's `role`: the mover's role, or `system` for a job.
    public static func role(_ role: String, _ language: ReportLanguage) -> String {
        let names: [String: (String, String)] = [
            "hq": ("总指挥部", "HQ"), "subcommand": ("分指挥部", "sub-command"), "unit": ("责任单位", "unit"),
            "inspector": ("检查员", "inspector"), "reader": ("只读", "reader"), "operator": ("运维", "operator"), "system": ("系统", "system"),
        ]
        return names[role].map { language == .zh ? $0.0 : $0.1 } ?? role
    }

    /// Who made a move: `hq-1 (HQ)` for a person; for a job, `system (cross-check)` when a
    /// run opened the finding and `system (escalation)` when graded supervision moved it
    /// (the job's id is in `by`, which `--json` carries). A move without a role (from a
    /// server that did not send one) shows `by` as it is.
    public static func mover(_ move: Civitas_V1_FindingMove, _ language: ReportLanguage) -> String {
        switch move.role {
        case "":
            return move.by.isEmpty ? "-" : move.by
        case "system":
            let job: String? =
                switch move.action {
                case "open": language.pick("交叉检查", "cross-check")
                case "escalate": language.pick("逾期升级", "escalation")
                default: nil
                }
            return role("system", language) + (job.map { " (\($0))" } ?? "")
        default:
            return "\(move.by) (\(role(move.role, language)))"
        }
    }

    /// Finished as the wire's `overdue` counts it: rectified, verified or dismissed — the
    /// responsible unit owes nothing more. Every other finding is outstanding.
    public static func isFinished(_ state: String) -> Bool {
        state == "rectified" || state == "verified" || state == "dismissed"
    }
}
