import Foundation
import Support

/// A bar chart over named categories: one bar per category with its name under the axis, an
/// optional interval drawn as a whisker, and the value above the bar. The fade benchmark's
/// leaderboard (mean forecast RMSE by model, best first, whiskers from the bootstrap).
///
/// Every bar sits inside its own slot, so none is cut by the plot's edge, and the y range
/// always reaches above the highest whisker.
public struct BarChart: ChartDrawing {
    public struct Bar: Sendable {
        public var label: String
        /// nil: no value (drawn as an empty slot saying so).
        public var value: Double?
        public var interval: ClosedRange<Double>?
        public var colour: RGB
        /// A second, grey line under the label (e.g. "wins 3 · failed 0").
        public var note: String
        public init(label: String, value: Double?, interval: ClosedRange<Double>? = nil, colour: RGB, note: String = "") {
            self.label = label; self.value = value; self.interval = interval; self.colour = colour; self.note = note
        }
    }

    public var title: String
    public var yLabel: String
    /// Under the category names: what the bars and whiskers are.
    public var caption: String
    public var bars: [Bar]
    public var width: Int
    public var height: Int
    public var scale: Int = 1

    public init(title: String, yLabel: String, caption: String, bars: [Bar], width: Int = 900, height: Int = 500) {
        self.title = title; self.yLabel = yLabel; self.caption = caption; self.bars = bars
        self.width = width; self.height = height
    }

    public func draw<S: ChartSurface>(on canvas: inout S) {
        let k = max(1, scale)
        let left = 70 * k, right = 20 * k, top = 50 * k, bottom = 62 * k
        let plotW = width - left - right, plotH = height - top - bottom
        let highest = bars.compactMap { b in b.value.map { max($0, b.interval?.upperBound ?? $0) } }.filter(\.isFinite).max() ?? 1
        // Room above the highest whisker for its value label.
        let yMax = highest > 0 ? highest * 1.15 : 1
        func py(_ y: Double) -> Double { Double(top + plotH) - y / yMax * Double(plotH) }
        let grid = RGB(hex: 0xe6e6e6), ink = RGB(hex: 0x222222), muted = RGB(hex: 0x666666)
        for t in NiceNumbers.ticks(0...yMax, target: 8) where t <= yMax {
            let y = py(t)
            canvas.line(from: (Double(left), y), to: (Double(left + plotW), y), thickness: 1, grid)
            let s = LineChart.label(t)
            canvas.text(s, x: left - 8 * k - Canvas.textWidth(s, scale: k), y: Int(y) - 3 * k, scale: k, ink)
        }
        canvas.strokeRect(x: left, y: top, width: plotW + 1, height: plotH + 1, thickness: k, ink)
        // Titles are twice the text size unless that is wider than the chart (a narrow chart);
        // then at text size, shortened with "…" if even that does not fit.
        let titleScale = Canvas.textWidth(title, scale: 2 * k) <= width - 8 ? 2 * k : k
        let shownTitle = BarChart.fitted(title, width: width - 8, scale: titleScale)
        canvas.text(shownTitle, x: max(4, (width - Canvas.textWidth(shownTitle, scale: titleScale)) / 2), y: 12 * k, scale: titleScale, ink)
        canvas.text(yLabel, x: 8 * k, y: top - 16 * k, scale: k, ink)
        canvas.text(caption, x: left + max(0, (plotW - Canvas.textWidth(caption, scale: k)) / 2), y: top + plotH + 44 * k, scale: k, muted)
        guard !bars.isEmpty else { return }
        let slot = Double(plotW) / Double(bars.count)
        let barW = min(slot * 0.6, Double(120 * k))
        for (i, bar) in bars.enumerated() {
            let centre = Double(left) + slot * (Double(i) + 0.5)
            let name = Self.fitted(bar.label, width: Int(slot) - 4 * k, scale: k)
            canvas.text(name, x: Int(centre) - Canvas.textWidth(name, scale: k) / 2, y: top + plotH + 8 * k, scale: k, ink)
            let note = Self.fitted(bar.note, width: Int(slot) - 4 * k, scale: k)
            canvas.text(note, x: Int(centre) - Canvas.textWidth(note, scale: k) / 2, y: top + plotH + 24 * k, scale: k, muted)
            guard let v = bar.value, v.isFinite else {
                let s = "no forecast"
                canvas.text(s, x: Int(centre) - Canvas.textWidth(s, scale: k) / 2, y: top + plotH - 16 * k, scale: k, muted)
                continue
            }
            let x0 = Int((centre - barW / 2).rounded()), w = Int(barW.rounded())
            let yTop = Int(py(v).rounded()), h = top + plotH - yTop
            canvas.fillRect(x: x0, y: yTop, width: w, height: h, bar.colour.mixed(withWhite: 0.78))
            canvas.strokeRect(x: x0, y: yTop, width: w, height: h + k, thickness: 2 * k, bar.colour)
            var labelY = Double(yTop)
            if let ci = bar.interval, ci.lowerBound.isFinite, ci.upperBound.isFinite {
                let lo = py(ci.lowerBound), hi = py(ci.upperBound), cap = barW / 4
                canvas.line(from: (centre, lo), to: (centre, hi), thickness: 2 * k, ink)
                canvas.line(from: (centre - cap, lo), to: (centre + cap, lo), thickness: 2 * k, ink)
                canvas.line(from: (centre - cap, hi), to: (centre + cap, hi), thickness: 2 * k, ink)
                labelY = min(labelY, hi)
            }
            let s = LineChartLabel.short(v)
            canvas.text(s, x: Int(centre) - Canvas.textWidth(s, scale: k) / 2, y: Int(labelY) - 14 * k, scale: k, ink)
        }
    }

    /// `text` shortened with "…" until it fits `width` pixels.
    static func fitted(_ text: String, width: Int, scale: Int) -> String {
        guard Canvas.textWidth(text, scale: scale) > width else { return text }
        var s = text
        while !s.isEmpty, Canvas.textWidth(s + "…", scale: scale) > width { s.removeLast() }
        return s + "…"
    }
}

extension RGB {
    /// This colour mixed with white: `amount` 0 is itself, 1 is white (a bar's light fill).
    public func mixed(withWhite amount: Double) -> RGB {
        func m(_ v: UInt8) -> UInt8 { UInt8((Double(v) + (255 - Double(v)) * amount).rounded()) }
        return RGB(m(r), m(g), m(b))
    }
}
