import CivitasProtos

/// Findings counted by rule and severity, with how many are outstanding and overdue:
/// what `crosscheck run --wait` prints at the end, and what the reports chart.
public struct FindingCounts: Sendable, Equatable {
    public struct Row: Sendable, Equatable {
        public var rule: String
        public var high = 0
        public var medium = 0
        public var low = 0
        /// Every finding of the rule, including any of a severity this client does not know.
        public var total = 0
    }

    /// One row per rule that has findings: most findings first, then by rule name.
    public var rows: [Row]
    public var total: Int
    /// Not yet rectified, verified or dismissed.
    public var outstanding: Int
    /// As the server flags them: past due and not finished.
    public var overdue: Int

    public init(_ findings: [Civitas_V1_Finding]) {
        var byRule: [String: Row] = [:]
        for finding in findings {
            var row = byRule[finding.rule] ?? Row(rule: finding.rule)
            switch finding.severity {
            case "high": row.high += 1
            case "medium": row.medium += 1
            case "low": row.low += 1
            default: break
            }
            row.total += 1
            byRule[finding.rule] = row
        }
        rows = byRule.values.sorted { ($1.total, $0.rule) < ($0.total, $1.rule) }
        total = findings.count
        outstanding = findings.filter { !FindingVocabulary.isFinished($0.state) }.count
        overdue = findings.filter(\.overdue).count
    }

    /// The sum of the rows, as the last row of the table.
    public var totals: Row {
        rows.reduce(into: Row(rule: "")) { sum, row in
            sum.high += row.high
            sum.medium += row.medium
            sum.low += row.low
            sum.total += row.total
        }
    }

    /// The counts table (rule, high, medium, low, total, then a total row) and one line
    /// with the outstanding and overdue counts.
    public func render(language: ReportLanguage) -> String {
        guard total > 0 else { return FindingLabel.noFindings.text(language) }
        let label = { (label: FindingLabel) in label.text(language) }
        var table = Table(label(.rule), label(.high), label(.medium), label(.low), label(.total))
        for row in rows + [totals] {
            let name = row.rule.isEmpty ? label(.total) : FindingVocabulary.rule(row.rule, language)
            table.add(name, "\(row.high)", "\(row.medium)", "\(row.low)", "\(row.total)")
        }
        return table.reportText + "\n" + line(language)
    }

    /// `共 12 条：未办结 7，逾期 2` / `12 findings: 7 outstanding, 2 overdue`.
    public func line(_ language: ReportLanguage) -> String {
        language.pick(
            "共 \(total) 条：\(FindingLabel.outstandingCount.text(.zh)) \(outstanding)，\(FindingLabel.overdueCount.text(.zh)) \(overdue)",
            "\(total) finding(s): \(outstanding) outstanding, \(overdue) overdue")
    }
}
