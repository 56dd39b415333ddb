import CivitasProtos
import SwiftProtobuf

/// `--html FILE`: one self-contained page — inline CSS, inline SVG charts, no script and
/// no external asset — that prints on A4. Every text from the server or the framework is
/// escaped. The page carries no time of its own making: the same report renders to the
/// same bytes, and it states the framework version, period, scope, cut-off and input
/// digest that reproduce it.
public enum ReportHTML {
    public static func render(_ page: ReportPage) -> String {
        let language = page.language
        let result = page.result
        let title = [
            ReportLabel.reportTitle.text(language), "\(result.framework) v\(result.frameworkVersion)", result.period.name,
            page.names.scope(result.scope.name, in: language),
        ].joined(separator: " — ")
        var body = "<header>\n<h1>\(HTMLText.escape(title))</h1>\n"
        if !page.frameworkTitle.isEmpty { body += "<p class=\"subtitle\">\(HTMLText.escape(page.frameworkTitle))</p>\n" }
        body += facts(page) + "</header>\n"
        if result.stale { body += "<p class=\"stale\">\(HTMLText.escape(ReportLabel.staleBanner.text(language)))</p>\n" }
        body += scoreSection(page) + gatesSection(page) + leavesSection(page) + rankingSection(page) + gapSection(page)
        body += findingsSection(page)
        body += "<footer><p>\(HTMLText.escape(ReportLabel.reproducibility.text(language)))</p></footer>\n"
        return """
            <!DOCTYPE html>
            <html lang="\(language.htmlTag)">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(HTMLText.escape(title))</title>
            <style>
            \(stylesheet)
            </style>
            </head>
            <body>
            \(body)</body>
            </html>

            """
    }

    /// The facts that make the result reproducible (DOMAIN §5).
    static func facts(_ page: ReportPage) -> String {
        let language = page.language
        let result = page.result
        let rows: [(ReportLabel, String)] = [
            (.framework, "\(result.framework) v\(result.frameworkVersion)"),
            (.period, result.period.name),
            (.scope, page.names.scope(result.scope.name, in: language)),
            (.cutoff, "\(result.cutoffSequence)"),
            (.inputDigest, result.inputDigest),
            (.frameworkDigest, result.frameworkSha256),
            (.resultID, result.id),
            (.computedAt, result.computedAt.text(ifSet: result.hasComputedAt)),
        ]
        return "<dl class=\"facts\">\n"
            + rows.map { "<dt>\(HTMLText.escape($0.0.text(language)))</dt><dd>\(HTMLText.escape($0.1))</dd>\n" }.joined()
            + "</dl>\n"
    }

    /// A table with a header row; `numeric` columns are right-aligned, `rowClass` styles a
    /// row (`fail`, `item`). Cells are escaped here.
    static func table(_ headers: [String], _ rows: [[String]], numeric: Set<Int> = [], rowClass: (Int) -> String? = { _ in nil }) -> String {
        var html = "<table>\n<thead><tr>"
        for (column, header) in headers.enumerated() {
            html += "<th\(numeric.contains(column) ? " class=\"num\"" : "")>\(HTMLText.escape(header))</th>"
        }
        html += "</tr></thead>\n<tbody>\n"
        for (index, row) in rows.enumerated() {
            html += rowClass(index).map { "<tr class=\"\($0)\">" } ?? "<tr>"
            for (column, cell) in row.enumerated() {
                html += "<td\(numeric.contains(column) ? " class=\"num\"" : "")>\(HTMLText.escape(cell))</td>"
            }
            html += "</tr>\n"
        }
        return html + "</tbody>\n</table>\n"
    }

    static func section(_ id: String, _ heading: ReportLabel, _ language: ReportLanguage, _ content: String) -> String {
        "<section id=\"\(id)\">\n<h2>\(HTMLText.escape(heading.text(language)))</h2>\n\(content)</section>\n"
    }

    static func paragraph(_ text: String, className: String? = nil) -> String {
        "<p\(className.map { " class=\"\($0)\"" } ?? "")>\(HTMLText.escape(text))</p>\n"
    }

    static let stylesheet = """
        body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif; \
        color: #1a1a1a; max-width: 960px; margin: 24px auto; padding: 0 16px; line-height: 1.45; }
        h1 { font-size: 1.5rem; margin-bottom: 4px; }
        h2 { font-size: 1.15rem; border-bottom: 2px solid #b22222; padding-bottom: 2px; margin-top: 28px; }
        h3 { font-size: 1rem; margin: 16px 0 4px; }
        .subtitle { margin-top: 0; color: #444; }
        dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; font-size: .85rem; }
        dl.facts dt { color: #555; }
        dl.facts dd { margin: 0; font-family: monospace; word-break: break-all; }
        .stale { border: 2px solid #c66a00; background: #fff4e5; padding: 8px 12px; font-weight: bold; }
        .summary { font-size: 1.05rem; }
        table { border-collapse: collapse; width: 100%; font-size: .85rem; margin: 8px 0; }
        th, td { border-bottom: 1px solid #ddd; padding: 3px 6px; text-align: left; vertical-align: top; }
        th { background: #f3f3f3; }
        .num { text-align: right; font-variant-numeric: tabular-nums; }
        tr.fail td { color: #b00020; font-weight: bold; }
        tr.item td:first-child { padding-left: 20px; }
        tr.total td { font-weight: bold; border-top: 1px solid #999; }
        svg { max-width: 100%; height: auto; display: block; margin: 8px 0; }
        footer { margin-top: 32px; font-size: .8rem; color: #555; border-top: 1px solid #ddd; }
        @page { size: A4; margin: 15mm; }
        @media print {
          body { max-width: none; margin: 0; padding: 0; font-size: 10pt; }
          h2, h3 { break-after: avoid; }
          tr, svg { break-inside: avoid; }
          * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
        }
        """
}
