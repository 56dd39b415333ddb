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
        let width = Self.labelWidth + Self.barAreaWidth + Self.captionWidth
        let height = Double(bars.count) * Self.rowHeight + 8
        var svg = """
            <svg viewBox="0 0 \(Self.coordinate(width)) \(Self.coordinate(height))" \
            width="\(Self.coordinate(width))" height="\(Self.coordinate(height))" role="img" aria-label="\(HTMLText.escape(title))">
            <title>\(HTMLText.escape(title))</title>\n
            """
        for (index, bar) in bars.enumerated() {
            let y = 4 + Double(index) * Self.rowHeight
            let barY = y + (Self.rowHeight - Self.barHeight) / 2
            let textY = Self.coordinate(y + Self.rowHeight / 2 + 4)
            svg += "<g><title>\(HTMLText.escape(bar.label)): \(HTMLText.escape(bar.caption))</title>"
            svg += "<text x=\"0\" y=\"\(textY)\" font-size=\"12\">\(HTMLText.escape(HTMLText.truncated(bar.label, width: 32)))</text>"
            if let track = bar.track {
                svg += rect(y: barY, length: Self.length(track, scale: scale), fill: "#dde6f0")
            }
            svg += rect(y: barY, length: Self.length(bar.value, scale: scale), fill: bar.highlighted ? highlightColour : colour)
            svg += "<text x=\"\(Self.coordinate(Self.labelWidth + Self.barAreaWidth + 6))\" y=\"\(textY)\" font-size=\"12\">"
            svg += "\(HTMLText.escape(bar.caption))</text></g>\n"
        }
        return svg + "</svg>"
    }

    private func rect(y: Double, length: Double, fill: String) -> String {
        "<rect x=\"\(Self.coordinate(Self.labelWidth))\" y=\"\(Self.coordinate(y))\" width=\"\(Self.coordinate(length))\" "
            + "height=\"\(Self.coordinate(Self.barHeight))\" fill=\"\(fill)\"/>"
    }

    /// SVG coordinates with two decimals (drawing precision, not a rounding of data).
    static func coordinate(_ value: Double) -> String { String(format: "%.2f", value) }
}
