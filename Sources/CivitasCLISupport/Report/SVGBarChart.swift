import Foundation

/// A horizontal bar chart as inline SVG: no script, no external asset, printable. Bar
/// lengths are proportional to the unrounded values: a bar of half the scale is drawn
/// exactly half of ``barAreaWidth`` long.
struct SVGBarChart {
    struct Bar {
        var label: String
        var value: Double
        /// A lighter bar drawn behind (e.g. the points a category could earn).
        var track: Double?
        /// The text right of the bar (already formatted).
        var caption: String
        /// Drawn in the warning colour (a failed gate, a stale result).
        var highlighted = false
    }

    static let labelWidth = 210.0
    static let barAreaWidth = 360.0
    static let captionWidth = 110.0
    static let rowHeight = 24.0
    static let barHeight = 14.0

    var title: String
    var bars: [Bar]
    /// The value a full-length bar stands for.
    var scale: Double
    var colour = "#1f5fa8"
    var highlightColour = "#c0392b"

    /// The length of a bar for `value`: `value ÷ scale` of the bar area, clamped to it.
    static func length(_ value: Double, scale: Double) -> Double {
        guard scale > 0, value.isFinite, value > 0 else { return 0 }
        return min(value / scale, 1) * barAreaWidth
    }

    func render() -> String {
        var svg = Self.opening(title: title, height: Double(bars.count) * Self.rowHeight + 8)
        for (index, bar) in bars.enumerated() {
            let row = Self.row(index)
            svg += Self.rowLabel(bar.label, caption: bar.caption, textY: row.textY)
            if let track = bar.track {
                svg += Self.rect(x: Self.labelWidth, y: row.barY, length: Self.length(track, scale: scale), fill: "#dde6f0")
            }
            let fill = bar.highlighted ? highlightColour : colour
            svg += Self.rect(x: Self.labelWidth, y: row.barY, length: Self.length(bar.value, scale: scale), fill: fill)
            svg += Self.rowCaption(bar.caption, textY: row.textY)
        }
        return svg + "</svg>"
    }
}

/// The layout every horizontal bar chart of the report shares (``SVGStackedBarChart``
/// too): a label column, the bar area, a caption column, one row per bar.
extension SVGBarChart {
    /// The `<svg>` element's opening, `height` tall, with its accessible title.
    static func opening(title: String, height: Double) -> String {
        let width = labelWidth + barAreaWidth + captionWidth
        return """
            <svg viewBox="0 0 \(coordinate(width)) \(coordinate(height))" \
            width="\(coordinate(width))" height="\(coordinate(height))" role="img" aria-label="\(HTMLText.escape(title))">
            <title>\(HTMLText.escape(title))</title>\n
            """
    }

    /// Where row `index` draws: the top of its bar and the baseline of its texts.
    static func row(_ index: Int) -> (barY: Double, textY: String) {
        let y = 4 + Double(index) * rowHeight
        return (y + (rowHeight - barHeight) / 2, coordinate(y + rowHeight / 2 + 4))
    }

    /// Opens a row's group: its hover title and its label, truncated to the label column.
    static func rowLabel(_ label: String, caption: String, textY: String) -> String {
        "<g><title>\(HTMLText.escape(label)): \(HTMLText.escape(caption))</title>"
            + "<text x=\"0\" y=\"\(textY)\" font-size=\"12\">\(HTMLText.escape(HTMLText.truncated(label, width: 32)))</text>"
    }

    /// The caption right of the bar area; closes the row's group.
    static func rowCaption(_ caption: String, textY: String) -> String {
        "<text x=\"\(coordinate(labelWidth + barAreaWidth + 6))\" y=\"\(textY)\" font-size=\"12\">\(HTMLText.escape(caption))</text></g>\n"
    }

    /// One bar (or segment) of the row whose bar top is `y`.
    static func rect(x: Double, y: Double, length: Double, fill: String) -> String {
        "<rect x=\"\(coordinate(x))\" y=\"\(coordinate(y))\" width=\"\(coordinate(length))\" "
            + "height=\"\(coordinate(barHeight))\" fill=\"\(fill)\"/>"
    }

    /// SVG coordinates with two decimals (drawing precision, not a rounding of data).
    static func coordinate(_ value: Double) -> String { String(format: "%.2f", value) }
}
