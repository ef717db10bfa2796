import Foundation
import Gongwen

/// Charts drawn on the server as SVG placed in the page: no script, no style attributes (the CSP allows neither
/// inline), only presentation attributes and the classes `app.css` colours. Sized by a `viewBox` so they shrink to
/// a phone's width; bars put each label on its own line above the bar, so a phone need not fit label and bar side by side.
enum StatisticsCharts {
    struct Bar: Sendable {
        var label: String
        var value: Double
        var text: String
    }

    struct Series: Sendable {
        var name: String
        var values: [Double]
    }

    private static func escape(_ text: String) -> String { MarkupEscaping.escape(text) }

    private static func number(_ value: Double) -> String { String(format: "%.1f", value) }

    /// Horizontal bars, longest for the largest value; `title` names the chart for screen readers.
    static func bars(_ bars: [Bar], title: String) -> String {
        let width = 400.0
        let rowHeight = 42.0
        let height = max(rowHeight, rowHeight * Double(bars.count)) + 8
        let largest = bars.map(\.value).max() ?? 0
        var svg = """
            <svg class="chart chart-bars" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(number(width)) \(number(height))" role="img" aria-label="\(escape(title))">\
            <title>\(escape(title))</title>
            """
        for (index, bar) in bars.enumerated() {
            let top = Double(index) * rowHeight + 4
            let length = largest > 0 ? max(bar.value > 0 ? 2 : 0, (width - 4) * bar.value / largest) : 0
            svg += """
                <text class="chart-label" x="2" y="\(number(top + 16))" font-size="15">\(escape(bar.label))</text>\
                <text class="chart-value" x="\(number(width - 2))" y="\(number(top + 16))" font-size="15" text-anchor="end">\(escape(bar.text))</text>\
                <rect class="chart-bar chart-bar-\(index % 2)" x="2" y="\(number(top + 22))" width="\(number(length))" height="14" rx="2"></rect>
                """
        }
        return svg + "</svg>"
    }

    /// Lines over labelled points (months or days), with a legend and three grid lines.
    static func lines(_ series: [Series], labels: [String], title: String) -> String {
        let width = 400.0, height = 220.0
        let left = 40.0, right = 12.0, top = 34.0, bottom = 30.0
        let plotWidth = width - left - right, plotHeight = height - top - bottom
        let largest = niceCeiling(series.flatMap(\.values).max() ?? 0)
        let step = labels.count > 1 ? plotWidth / Double(labels.count - 1) : 0
        func x(_ index: Int) -> Double { left + (labels.count > 1 ? Double(index) * step : plotWidth / 2) }
        func y(_ value: Double) -> Double { top + plotHeight - plotHeight * value / largest }
        var svg = """
            <svg class="chart chart-lines" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(number(width)) \(number(height))" role="img" aria-label="\(escape(title))">\
            <title>\(escape(title))</title>
            """
        for fraction in [0.0, 0.5, 1.0] {
            let value = largest * fraction
            svg += """
                <line class="chart-grid" x1="\(number(left))" x2="\(number(width - right))" y1="\(number(y(value)))" y2="\(number(y(value)))"></line>\
                <text class="chart-axis" x="\(number(left - 6))" y="\(number(y(value) + 5))" font-size="13" text-anchor="end">\(Int(value.rounded()))</text>
                """
        }
        let every = max(1, Int((Double(labels.count) / 6).rounded(.up)))
        for (index, label) in labels.enumerated() where index % every == 0 || index == labels.count - 1 {
            svg += "<text class=\"chart-axis\" x=\"\(number(x(index)))\" y=\"\(number(height - 10))\" font-size=\"13\" text-anchor=\"middle\">\(escape(label))</text>"
        }
        for (seriesIndex, line) in series.enumerated() {
            let points = line.values.enumerated().map { "\(Self.number(x($0.offset))),\(Self.number(y($0.element)))" }.joined(separator: " ")
            svg += "<polyline class=\"chart-line chart-line-\(seriesIndex % 3)\" fill=\"none\" stroke-width=\"2.5\" points=\"\(points)\"></polyline>"
            for (index, value) in line.values.enumerated() {
                svg += "<circle class=\"chart-dot chart-line-\(seriesIndex % 3)\" cx=\"\(Self.number(x(index)))\" cy=\"\(Self.number(y(value)))\" r=\"3\"></circle>"
            }
            let legendX = left + Double(seriesIndex) * 120
            svg += """
                <rect class="chart-key chart-line-\(seriesIndex % 3)" x="\(Self.number(legendX))" y="8" width="14" height="14" rx="2"></rect>\
                <text class="chart-label" x="\(Self.number(legendX + 20))" y="20" font-size="14">\(escape(line.name))</text>
                """
        }
        return svg + "</svg>"
    }

    /// The smallest of 2, 4, 10, 20, 40, 100 … at least `value`: an even top, so the middle grid line is a whole number.
    static func niceCeiling(_ value: Double) -> Double {
        let leads = [2.0, 4.0, 10.0]
        var index = 0, magnitude = 1.0
        var top = 2.0
        while top < value {
            index += 1
            if index == leads.count { index = 0; magnitude *= 10 }
            top = leads[index] * magnitude
        }
        return top
    }

    /// The distribution of handling times as bars over coarse ranges (≤1 小时 … 30 天以上).
    static func distribution(_ histogram: [Int], title: String) -> String {
        let bins = Strings.Statistics.distributionBins
        var counts = Array(repeating: 0, count: bins.count)
        for (bucket, count) in histogram.enumerated() {
            let bound = HandlingTimeBuckets.upperBounds[bucket]
            let bin = bins.firstIndex { bound <= $0.upTo } ?? bins.count - 1
            counts[bin] += count
        }
        let total = max(1, counts.reduce(0, +))
        return bars(zip(bins, counts).map { bin, count in
            Bar(label: bin.label, value: Double(count), text: "\(count)（\(String(format: "%.1f", Double(count) * 100 / Double(total)))%）")
        }, title: title)
    }
}
