import Foundation

/// A horizontal bar chart whose bars are made of coloured segments laid end to end (a
/// rule's findings split by severity), as inline SVG like ``SVGBarChart`` and on its
/// geometry: a segment of half the scale is exactly half of the bar area long, so the
/// whole bar is proportional to the sum of its segments. A legend row names the colours.
struct SVGStackedBarChart {
    struct Segment {
        var name: String
        var colour: String
    }

    struct Bar {
        var label: String
        /// One value per ``SVGStackedBarChart/segments`` entry, in the same order.
        var values: [Double]
        var caption: String
    }

    var title: String
    var segments: [Segment]
    var bars: [Bar]
    /// The value a full-length bar stands for.
    var scale: Double

    func render() -> String {
        let width = SVGBarChart.labelWidth + SVGBarChart.barAreaWidth + SVGBarChart.captionWidth
        let legendY = Double(bars.count) * SVGBarChart.rowHeight + 8
        let height = legendY + SVGBarChart.rowHeight
        let coordinate = SVGBarChart.coordinate
        var svg = """
            <svg viewBox="0 0 \(coordinate(width)) \(coordinate(height))" \
            width="\(coordinate(width))" height="\(coordinate(height))" role="img" aria-label="\(HTMLText.escape(title))">
            <title>\(HTMLText.escape(title))</title>\n
            """
        for (index, bar) in bars.enumerated() {
            let y = 4 + Double(index) * SVGBarChart.rowHeight
            let barY = y + (SVGBarChart.rowHeight - SVGBarChart.barHeight) / 2
            let textY = coordinate(y + SVGBarChart.rowHeight / 2 + 4)
            svg += "<g><title>\(HTMLText.escape(bar.label)): \(HTMLText.escape(bar.caption))</title>"
            svg += "<text x=\"0\" y=\"\(textY)\" font-size=\"12\">\(HTMLText.escape(HTMLText.truncated(bar.label, width: 32)))</text>"
            // Each segment starts where the previous one ended; lengths from unrounded sums.
            var start = 0.0
            for (segment, value) in zip(segments, bar.values) {
                let end = start + max(value, 0)
                let x = SVGBarChart.labelWidth + SVGBarChart.length(start, scale: scale)
                let length = SVGBarChart.length(end, scale: scale) - SVGBarChart.length(start, scale: scale)
                if length > 0 {
                    svg += "<rect x=\"\(coordinate(x))\" y=\"\(coordinate(barY))\" width=\"\(coordinate(length))\" "
                        + "height=\"\(coordinate(SVGBarChart.barHeight))\" fill=\"\(segment.colour)\"/>"
                }
                start = end
            }
            svg += "<text x=\"\(coordinate(SVGBarChart.labelWidth + SVGBarChart.barAreaWidth + 6))\" y=\"\(textY)\" font-size=\"12\">"
            svg += "\(HTMLText.escape(bar.caption))</text></g>\n"
        }
        svg += "<g>"
        for (index, segment) in segments.enumerated() {
            let x = SVGBarChart.labelWidth + Double(index) * 90
            svg += "<rect x=\"\(coordinate(x))\" y=\"\(coordinate(legendY + 5))\" width=\"12.00\" height=\"12.00\" fill=\"\(segment.colour)\"/>"
            svg += "<text x=\"\(coordinate(x + 16))\" y=\"\(coordinate(legendY + 15))\" font-size=\"12\">\(HTMLText.escape(segment.name))</text>"
        }
        return svg + "</g>\n</svg>"
    }
}
