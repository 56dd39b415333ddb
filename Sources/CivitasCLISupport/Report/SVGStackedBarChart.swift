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
        let legendY = Double(bars.count) * SVGBarChart.rowHeight + 8
        let coordinate = SVGBarChart.coordinate
        var svg = SVGBarChart.opening(title: title, height: legendY + SVGBarChart.rowHeight)
        for (index, bar) in bars.enumerated() {
            let row = SVGBarChart.row(index)
            svg += SVGBarChart.rowLabel(bar.label, caption: bar.caption, textY: row.textY)
            // Each segment starts where the previous one ended; lengths from unrounded sums.
            var start = 0.0
            for (segment, value) in zip(segments, bar.values) {
                let end = start + max(value, 0)
                let x = SVGBarChart.labelWidth + SVGBarChart.length(start, scale: scale)
                let length = SVGBarChart.length(end, scale: scale) - SVGBarChart.length(start, scale: scale)
                if length > 0 { svg += SVGBarChart.rect(x: x, y: row.barY, length: length, fill: segment.colour) }
                start = end
            }
            svg += SVGBarChart.rowCaption(bar.caption, textY: row.textY)
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
