import CivitasProtos

/// `civitas report score`: one result as terminal tables — total, gates, categories and
/// items, then every leaf with `v`, `f`, earned points and flags.
public enum ScoreReportText {
    /// - Parameters:
    ///   - passScore: the framework version's pass score, when it is known.
    public static func render(
        _ result: Civitas_V1_EvaluationResult, passScore: Double?, names: ReportNames, language: ReportLanguage
    ) -> String {
        let label = { (label: ReportLabel) in label.text(language) }
        var lines = ReportHeader.lines(title: .scoreTitle, result: result, names: names, language: language)
        lines.append(
            "\(label(.total)) \(ReportHeader.total(result))  \(label(.passScore)) \(passScore.map(ReportNumber.fixed) ?? "-")  "
                + "\(label(.eligibility)) \(ReportHeader.eligibility(result, language))"
        )
        lines += ["", label(.gatesTitle)]
        lines.append(result.gates.isEmpty ? label(.none) : gates(result.gates, names: names, language: language))
        lines += ["", label(.nodesTitle), nodes(result.nodes, names: names, language: language)]
        lines += ["", label(.leavesTitle), leaves(result.leaves, names: names, language: language)]
        return lines.joined(separator: "\n")
    }

    static func gates(_ gates: [Civitas_V1_GateResult], names: ReportNames, language: ReportLanguage) -> String {
        var table = Table(
            ReportLabel.code.text(language), ReportLabel.name.text(language), ReportLabel.condition.text(language),
            ReportLabel.value.text(language), ReportLabel.outcome.text(language)
        )
        for gate in gates {
            table.add(
                gate.node, names.node(gate.node), gate.condition, ReportHeader.gateValue(gate),
                (gate.passed ? ReportLabel.passed : ReportLabel.failed).text(language)
            )
        }
        return table.reportText
    }

    /// Categories flush left, the codes of their items indented under them (the server sends both in
    /// framework order).
    static func nodes(_ nodes: [Civitas_V1_NodeResult], names: ReportNames, language: ReportLanguage) -> String {
        var table = Table(
            ReportLabel.code.text(language), ReportLabel.name.text(language), ReportLabel.earned.text(language),
            ReportLabel.points.text(language), ReportLabel.ratio.text(language)
        )
        for node in nodes {
            table.add(
                (ReportPath.isItem(node.path) ? "  " : "") + node.code, names.node(node.code), ReportNumber.fixed(node.earned),
                ReportNumber.fixed(node.points), ReportNumber.ratio(node.earned, of: node.points)
            )
        }
        return table.reportText
    }

    static func leaves(_ leaves: [Civitas_V1_LeafResult], names: ReportNames, language: ReportLanguage) -> String {
        var table = Table(
            ReportLabel.code.text(language), ReportLabel.name.text(language), "v", "f", ReportLabel.earned.text(language),
            ReportLabel.points.text(language), ReportLabel.samples.text(language), ReportLabel.flags.text(language)
        )
        for leaf in leaves {
            table.add(
                leaf.code, names.node(leaf.code), leaf.hasValue_p ? ReportNumber.fixed(leaf.value) : "-",
                ReportNumber.fixed(leaf.fraction), ReportNumber.fixed(leaf.earned), ReportNumber.fixed(leaf.points),
                "\(leaf.samples)", leaf.flags.map { ReportLabel.flag($0, language) }.joined(separator: ", ")
            )
        }
        return table.reportText
    }
}

/// Reading the node paths the engine writes (`categories[0].items[1].indicators[2]`).
enum ReportPath {
    static func isItem(_ path: String) -> Bool {
        path.contains(".items[") && !path.contains(".indicators[")
    }

    static func isCategory(_ path: String) -> Bool {
        path.hasPrefix("categories[") && !path.contains(".items[")
    }
}
