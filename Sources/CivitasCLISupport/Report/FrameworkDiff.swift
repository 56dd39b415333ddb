import CivitasCore

/// `civitas framework diff`: a structural diff of two frameworks by node code. The order
/// is fixed — framework settings, then removed nodes (old document order), added nodes and
/// changed nodes (new document order), then the declared codes sorted by code — so the
/// same pair always prints the same lines.
public enum FrameworkDiff {
    public static func changes(from old: Framework, to new: Framework) -> [FrameworkChange] {
        var changes: [FrameworkChange] = []
        let settings = settingChanges(old, new)
        if !settings.isEmpty { changes.append(FrameworkChange(.changed, "framework", settings)) }
        let before = FrameworkNodeList(old)
        let after = FrameworkNodeList(new)
        for node in before.nodes where after.counterpart(of: node) == nil {
            changes.append(FrameworkChange(.removed, node.subject, [summary(node)]))
        }
        for node in after.nodes where before.counterpart(of: node) == nil {
            changes.append(FrameworkChange(.added, node.subject, [summary(node)]))
        }
        for node in after.nodes {
            guard let previous = before.counterpart(of: node) else { continue }
            let details = nodeChanges(previous, node)
            if !details.isEmpty { changes.append(FrameworkChange(.changed, node.subject, details)) }
        }
        return changes + FrameworkDeclarationDiff.changes(old, new)
    }

    /// `framework model-city: v1 → v2`, then one block per change; `no differences` when equal.
    public static func render(_ changes: [FrameworkChange], from oldLabel: String, to newLabel: String) -> String {
        var lines = ["framework diff \(oldLabel) → \(newLabel): \(changes.isEmpty ? "no differences" : "\(changes.count) change(s)")"]
        for change in changes {
            lines.append("\(change.kind.rawValue) \(change.subject)")
            lines += change.details.map { "    " + $0 }
        }
        return lines.joined(separator: "\n")
    }

    static func settingChanges(_ old: Framework, _ new: Framework) -> [String] {
        var details: [String] = []
        compare("code", old.code, new.code, into: &details)
        compare("title", old.title, new.title, into: &details)
        compare("total", ReportNumber.exact(old.total), ReportNumber.exact(new.total), into: &details)
        compare("pass score", ReportNumber.exact(old.passScore), ReportNumber.exact(new.passScore), into: &details)
        compare("time zone", old.timeZoneIdentifier, new.timeZoneIdentifier, into: &details)
        compare("grace days", "\(old.graceDays)", "\(new.graceDays)", into: &details)
        compare("profile", profile(old.profile), profile(new.profile), into: &details)
        compare("sample", "\(old.isSample)", "\(new.isSample)", into: &details)
        return details
    }

    static func summary(_ node: FrameworkNodeList.Node) -> String {
        "\(ReportNumber.exact(node.points)) pts" + (node.parent.map { ", in \($0)" } ?? "")
    }

    static func nodeChanges(_ old: FrameworkNodeList.Node, _ new: FrameworkNodeList.Node) -> [String] {
        var details: [String] = []
        compare("name", old.name, new.name, into: &details)
        compare("points", ReportNumber.exact(old.points), ReportNumber.exact(new.points), into: &details)
        if let from = old.parent, let to = new.parent, from != to { details.append("moved from \(from) to \(to)") }
        compare("spiritual", old.spiritual ? "yes" : "no", new.spiritual ? "yes" : "no", into: &details)
        compare("gate", old.gate ?? "none", new.gate ?? "none", into: &details)
        if let before = old.indicator, let after = new.indicator { details += indicatorChanges(before, after) }
        if old.description != new.description { details.append("description changed") }
        return details
    }

    static func indicatorChanges(_ old: FrameworkIndicator, _ new: FrameworkIndicator) -> [String] {
        var details: [String] = []
        compare("measure", FrameworkRuleText.measure(old.measure), FrameworkRuleText.measure(new.measure), into: &details)
        compare("scoring", FrameworkRuleText.scoring(old.scoring), FrameworkRuleText.scoring(new.scoring), into: &details)
        compare("min samples", old.minimumSamples.map(String.init) ?? "none", new.minimumSamples.map(String.init) ?? "none", into: &details)
        compare("per block", old.perBlock ? "yes" : "no", new.perBlock ? "yes" : "no", into: &details)
        compare("reports", reports(old.material), reports(new.material), into: &details)
        let oldUnits = old.material?.units ?? []
        let newUnits = new.material?.units ?? []
        let added = newUnits.filter { !oldUnits.contains($0) }
        let removed = oldUnits.filter { !newUnits.contains($0) }
        if !added.isEmpty { details.append("units added: \(added.joined(separator: ", "))") }
        if !removed.isEmpty { details.append("units removed: \(removed.joined(separator: ", "))") }
        compare("peer check", peer(old.peer), peer(new.peer), into: &details)
        compare("contradiction check", contradiction(old.contradiction), contradiction(new.contradiction), into: &details)
        return details
    }

    /// Appends `label old → new` when the two differ.
    static func compare(_ label: String, _ old: String, _ new: String, into details: inout [String]) {
        if old != new { details.append("\(label) \(old) → \(new)") }
    }

    static func profile(_ profile: SpiritualProfile?) -> String {
        guard let profile else { return "none" }
        let minimum = profile.minimumShare.map { " >= \(ReportNumber.exact($0))" } ?? ""
        let maximum = profile.maximumShare.map { " <= \(ReportNumber.exact($0))" } ?? ""
        return profile.name + minimum + maximum
    }

    /// The value kind and range of a material indicator (its units are compared as a set).
    static func reports(_ material: MaterialDeclaration?) -> String {
        guard let material else { return "none" }
        guard let range = material.range else { return material.valueKind.rawValue }
        return "\(material.valueKind.rawValue) \(ReportNumber.exact(range.lowerBound))…\(ReportNumber.exact(range.upperBound))"
    }

    static func peer(_ peer: PeerCheck?) -> String {
        guard let peer else { return "none" }
        let target = switch peer.target {
        case .indicator(let code): "indicator \(code)"
        case .feedMetric(let code): "feed metric \(code)"
        }
        return "\(target) within \(ReportNumber.exact(peer.tolerance))"
    }

    static func contradiction(_ check: ContradictionCheck?) -> String {
        check.map { "check \($0.check) within \(ReportNumber.exact($0.tolerance))" } ?? "none"
    }
}
