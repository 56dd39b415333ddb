import CivitasCore

/// The declared codes of two frameworks compared by code: surveys, feed metrics (their
/// unit and valid range) and checklist items.
enum FrameworkDeclarationDiff {
    typealias Field = (label: String, value: String)

    static func changes(_ old: Framework, _ new: Framework) -> [FrameworkChange] {
        compare("survey", old.surveys, new.surveys, code: \.code) { survey in
            [("questions", survey.questions.sorted().joined(separator: ", ")), ("min duration", "\(survey.minimumDurationSeconds) s")]
        }
            + compare("feed metric", old.feedMetrics, new.feedMetrics, code: \.code) { metric in
                [("unit", metric.unit), ("range", "\(ReportNumber.exact(metric.range.lowerBound))…\(ReportNumber.exact(metric.range.upperBound))")]
            }
            + compare("checklist item", old.checklistItems, new.checklistItems, code: \.code) { item in
                [("description", item.description)]
            }
    }

    /// Removed, added, then changed entries, each sorted by code. A change lists the
    /// fields whose value differs, as `label old → new`.
    static func compare<Entry>(
        _ kind: String, _ old: [Entry], _ new: [Entry], code: (Entry) -> String, fields: (Entry) -> [Field]
    ) -> [FrameworkChange] {
        let before = Dictionary(old.map { (code($0), $0) }) { first, _ in first }
        let after = Dictionary(new.map { (code($0), $0) }) { first, _ in first }
        func describe(_ entry: Entry) -> [String] { fields(entry).map { "\($0.label) \($0.value)" } }
        var changes: [FrameworkChange] = []
        for key in before.keys.sorted() where after[key] == nil {
            changes.append(FrameworkChange(.removed, "\(kind) \(key)", describe(before[key]!)))
        }
        for key in after.keys.sorted() where before[key] == nil {
            changes.append(FrameworkChange(.added, "\(kind) \(key)", describe(after[key]!)))
        }
        for key in after.keys.sorted() {
            guard let previous = before[key], let current = after[key] else { continue }
            var details: [String] = []
            for (was, now) in zip(fields(previous), fields(current)) {
                FrameworkDiff.compare(was.label, was.value, now.value, into: &details)
            }
            if !details.isEmpty { changes.append(FrameworkChange(.changed, "\(kind) \(key)", details)) }
        }
        return changes
    }
}
