import Foundation
import Support

/// A simple line chart (axes with "nice" ticks, title, axis labels, legend) drawn on an
/// `RGBCanvas`: used for fade curves.
public struct LineChart: ChartDrawing {
    public struct Series: Sendable {
        public var label: String
        public var colour: RGB
        public var points: [(x: Double, y: Double)]
        /// Draw a small square at each point (observations) instead of joining them.
        public var markersOnly: Bool
        public init(label: String, colour: RGB, points: [(x: Double, y: Double)], markersOnly: Bool = false) {
            self.label = label; self.colour = colour; self.points = points; self.markersOnly = markersOnly
        }
    }

    public var title: String
    public var xLabel: String
    public var yLabel: String
    public var series: [Series]
    public var width: Int
    public var height: Int
    /// Fixed y range; nil: from 0 (or the data minimum if negative) to the data maximum.
    public var yRange: ClosedRange<Double>?
    /// Fixed x range; nil: the data's. A time axis that should end on a labelled whole year
    /// (data to day 1825 is 4.997 years: its own range stops labelling at 4) sets it.
    public var xRange: ClosedRange<Double>?
    /// Labelled vertical lines (an event on the x axis, e.g. the touch-up day), drawn dashed
    /// across the plot with their label at the top, inside the plot.
    public var markers: [Marker] = []
    /// Fixed step between x ticks (1 on an axis of years: every year labelled); nil: "nice" ticks.
    public var xTickStep: Double?
    /// Names of the x positions 0, 1, 2, … (a swept variable whose values are names, e.g. skin
    /// presets): each is a tick labelled with its name; nil: a numeric axis.
    public var xCategories: [String]?

    public struct Marker: Sendable {
        public var x: Double
        public var label: String
        public var colour: RGB
        public init(x: Double, label: String, colour: RGB) { self.x = x; self.label = label; self.colour = colour }
    }
    /// The legend in rows under the x-axis label instead of in a corner of the plot: it can then
    /// never cover a curve, a marker's label or a tick. The chart's height should grow by
    /// `legendBelowHeight` so the plot keeps its size.
    public var legendBelow = false
    /// Whole-pixel scale of text, margins, lines and legend (2 for a chart shown on a projector:
    /// twice the pixels, so it stays sharp when a browser fits it to the page).
    public var scale: Int = 1

    public init(title: String, xLabel: String, yLabel: String, series: [Series], width: Int = 800, height: Int = 500,
                yRange: ClosedRange<Double>? = nil) {
        self.title = title; self.xLabel = xLabel; self.yLabel = yLabel; self.series = series
        self.width = width; self.height = height; self.yRange = yRange
    }

    static func label(_ v: Double) -> String {
        if v == v.rounded() && abs(v) < 1e9 { return String(Int(v)) }
        var s = String(format: "%.4g", v)
        if s.contains("e") { s = String(format: "%.2e", v) }
        return s
    }

    /// The chart as a raster.
    public func render() -> RGBImage { rasterImage() }

    public func draw<S: ChartSurface>(on canvas: inout S) {
        let all = series.flatMap(\.points).filter { $0.x.isFinite && $0.y.isFinite }
        let xMin = xRange?.lowerBound ?? all.map(\.x).min() ?? 0, xMaxRaw = xRange?.upperBound ?? all.map(\.x).max() ?? 1
        let xMax = xMaxRaw > xMin ? xMaxRaw : xMin + 1
        let yr: ClosedRange<Double> = yRange ?? {
            let lo = min(0, all.map(\.y).min() ?? 0), hi = max(all.map(\.y).max() ?? 1, lo + 1e-9)
            return lo...(hi + 0.05 * (hi - lo))
        }()
        let k = max(1, scale)
        let left = 70 * k, right = 20 * k, top = 50 * k, bottom = 60 * k + legendBelowHeight
        let plotW = width - left - right, plotH = height - top - bottom
        func px(_ x: Double) -> Double { Double(left) + (x - xMin) / (xMax - xMin) * Double(plotW) }
        func py(_ y: Double) -> Double { Double(top + plotH) - (y - yr.lowerBound) / (yr.upperBound - yr.lowerBound) * Double(plotH) }
        let grid = RGB(hex: 0xe6e6e6), ink = RGB(hex: 0x222222)
        let xTicks = xCategories.map { names in names.indices.map(Double.init) } ?? xTickStep.map { step in
            stride(from: (xMin / step).rounded(.up) * step, through: xMax + 1e-9 * step, by: step).map { $0 }
        } ?? NiceNumbers.ticks(xMin...xMax)
        for t in xTicks {
            let x = px(t)
            canvas.line(from: (x, Double(top)), to: (x, Double(top + plotH)), thickness: 1, grid)
            let s = xCategories.map { $0[Int(t)] } ?? Self.label(t)
            canvas.text(s, x: Int(x) - Canvas.textWidth(s, scale: k) / 2, y: top + plotH + 8 * k, scale: k, ink)
        }
        for t in NiceNumbers.ticks(yr, target: 8) {
            let y = py(t)
            canvas.line(from: (Double(left), y), to: (Double(left + plotW), y), thickness: 1, grid)
            let s = Self.label(t)
            canvas.text(s, x: left - 8 * k - Canvas.textWidth(s, scale: k), y: Int(y) - 3 * k, scale: k, ink)
        }
        canvas.strokeRect(x: left, y: top, width: plotW + 1, height: plotH + 1, thickness: k, ink)
        // Titles are twice the text size unless that is wider than the chart (a narrow chart);
        // then at text size, shortened with "…" if even that does not fit.
        // Large only with 5 % to spare: an SVG viewer's font runs a little wider than these
        // metrics, and a title that just fits the raster was cut off at the SVG's right edge.
        let titleScale = Canvas.textWidth(title, scale: 2 * k) * 105 / 100 <= width - 8 ? 2 * k : k
        let shownTitle = BarChart.fitted(title, width: width - 8, scale: titleScale)
        canvas.text(shownTitle, x: max(4, (width - Canvas.textWidth(shownTitle, scale: titleScale)) / 2), y: 12 * k, scale: titleScale, ink)
        canvas.text(xLabel, x: left + (plotW - Canvas.textWidth(xLabel, scale: k)) / 2, y: top + plotH + 30 * k, scale: k, ink)
        canvas.text(yLabel, x: 8 * k, y: top - 16 * k, scale: k, ink)
        for s in series {
            let pts = s.points.filter { $0.x.isFinite && $0.y.isFinite }
            if s.markersOnly {
                for p in pts { canvas.fillRect(x: Int(px(p.x)) - 2 * k, y: Int(py(p.y)) - 2 * k, width: 5 * k, height: 5 * k, s.colour) }
            } else {
                canvas.polyline(pts.map { (px($0.x), py($0.y)) }, thickness: 2 * k, s.colour)
            }
        }
        for m in markers where m.x >= xMin && m.x <= xMax {
            let x = px(m.x)
            canvas.dashedVertical(x: x, from: Double(top), to: Double(top + plotH), dash: Double(8 * k), period: Double(14 * k),
                                  thickness: 2 * k, m.colour)
            let w = Canvas.textWidth(m.label, scale: k)
            // Right of the line unless that runs off the plot.
            let lx = Int(x) + 6 * k + w <= left + plotW ? Int(x) + 6 * k : Int(x) - 6 * k - w
            canvas.fillRect(x: lx - 2 * k, y: top + 4 * k, width: w + 4 * k, height: Canvas.textHeight(scale: k) + 6 * k, .white)
            canvas.text(m.label, x: lx, y: top + 6 * k, scale: k, m.colour)
        }
        if legendBelow {
            drawLegendBelow(on: &canvas, y: top + plotH + 60 * k, left: left, width: plotW)
            return
        }
        // Legend inside the plot, in whichever corner the curves cross least.
        let legendW = (series.map { Canvas.textWidth($0.label, scale: k) }.max() ?? 0) + 36 * k
        let legendH = series.count * 16 * k + 8 * k
        let corners = [(left + plotW - legendW - 10 * k, top + 10 * k), (left + plotW - legendW - 10 * k, top + plotH - legendH - 4 * k),
                       (left + 16 * k, top + plotH - legendH - 4 * k), (left + 16 * k, top + 10 * k)]
        func crossings(_ corner: (Int, Int)) -> Int {
            all.filter { p in
                let x = px(p.x), y = py(p.y)
                return x >= Double(corner.0 - 6) && x <= Double(corner.0 + legendW + 6) && y >= Double(corner.1 - 6) && y <= Double(corner.1 + legendH)
            }.count
        }
        let (lx, firstY) = corners.min { crossings($0) < crossings($1) }!
        var ly = firstY
        if !series.isEmpty {
            canvas.fillRect(x: lx - 6 * k, y: ly - 6 * k, width: legendW + 12 * k, height: legendH, .white)
            canvas.strokeRect(x: lx - 6 * k, y: ly - 6 * k, width: legendW + 12 * k, height: legendH, thickness: 1, grid)
        }
        for s in series {
            if s.markersOnly { canvas.fillRect(x: lx + 8 * k, y: ly + k, width: 5 * k, height: 5 * k, s.colour) }
            else { canvas.fillRect(x: lx, y: ly + 2 * k, width: 20 * k, height: 3 * k, s.colour) }
            canvas.text(s.label, x: lx + 28 * k, y: ly, scale: k, ink)
            ly += 16 * k
        }
    }
}

extension LineChart {
    /// Extra height the legend takes under the chart (`legendBelow`), 0 otherwise.
    public var legendBelowHeight: Int {
        guard legendBelow, !series.isEmpty else { return 0 }
        let k = max(1, scale)
        return legendRows(width: width - 90 * k).count * 18 * k + 4 * k
    }

    /// Series indices per legend row: entries (swatch, label) left to right, wrapped at `width`.
    func legendRows(width: Int) -> [[Int]] {
        let k = max(1, scale)
        var rows: [[Int]] = [], row: [Int] = [], used = 0
        for (i, s) in series.enumerated() {
            let w = 28 * k + Canvas.textWidth(s.label, scale: k)
            if !row.isEmpty && used + 24 * k + w > width { rows.append(row); row = []; used = 0 }
            used += (row.isEmpty ? 0 : 24 * k) + w
            row.append(i)
        }
        if !row.isEmpty { rows.append(row) }
        return rows
    }

    func drawLegendBelow<S: ChartSurface>(on canvas: inout S, y: Int, left: Int, width: Int) {
        let k = max(1, scale), ink = RGB(hex: 0x222222)
        for (r, row) in legendRows(width: width).enumerated() {
            var x = left
            let ly = y + r * 18 * k
            for i in row {
                let s = series[i]
                if s.markersOnly { canvas.fillRect(x: x + 8 * k, y: ly + k, width: 5 * k, height: 5 * k, s.colour) }
                else { canvas.fillRect(x: x, y: ly + 2 * k, width: 20 * k, height: 3 * k, s.colour) }
                canvas.text(s.label, x: x + 28 * k, y: ly, scale: k, ink)
                x += 28 * k + Canvas.textWidth(s.label, scale: k) + 24 * k
            }
        }
    }
}

/// Short axis and legend numbers: whole numbers as integers, others to three significant digits.
public enum LineChartLabel {
    public static func short(_ v: Double) -> String {
        v == v.rounded() && abs(v) < 1e7 ? String(Int(v)) : String(format: "%.3g", v)
    }
}
