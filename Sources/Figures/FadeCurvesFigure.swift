import Foundation
import Rendering
import Simulation
import SkinOptics
import Support

/// fade_curves.png: how each session's dots change colour and lose pigment over the years.
enum FadeCurvesFigure {
    /// Two stacked charts: colour change from healed (ΔE00) and retained pigment, vs time,
    /// one line per session in its `SessionPalette` colour (as in the dot map and report.html),
    /// with the touch-up threshold drawn on the ΔE00 chart and the touch-up day as a labelled
    /// vertical line on both, on an axis labelled every year.
    ///
    /// `width` is the layout width of each chart (px); both formats are drawn at twice the
    /// pixels (`pixelScale` 2).
    static func figure(_ result: SimulationResult, _ outlook: FadeOutlook, width: Int = defaultWidth, pixelScale: Int) -> StackedFigure {
        func years(_ look: SessionLook, _ i: Int) -> Double { (result.plan.sessions[i].day + look.ageDays) / 365.25 }
        var colourSeries = outlook.curves.enumerated().map { i, curve in
            LineChart.Series(label: "session \(i + 1) (\(result.plan.sessions[i].pigment.name), \(CSV.number(result.plan.sessions[i].depthMM)) mm)",
                             colour: SessionPalette.colour(session: i + 1),
                             points: curve.map { (years($0, i), $0.deltaE00ToHealed) })
        }
        let endYears = (outlook.curves.flatMap { $0 }.map(\.ageDays).max() ?? 1825) / 365.25 + result.plan.sessions[0].day / 365.25
        colourSeries.append(LineChart.Series(label: "touch-up threshold ΔE00 \(CSV.number(result.plan.touchUp.maxDeltaE00))",
                                             colour: RGB(150, 150, 150), points: [(0, result.plan.touchUp.maxDeltaE00), (endYears, result.plan.touchUp.maxDeltaE00)]))
        let retainedSeries = outlook.curves.enumerated().map { i, curve in
            LineChart.Series(label: "session \(i + 1)", colour: SessionPalette.colour(session: i + 1),
                             points: curve.map { (years($0, i), $0.retained * 100) })
        }
        // The axis ends on a whole year when the data ends within a month of one (follow-ups to
        // day 1825 end at 4.997 years), so every year up to the last is labelled; one tick a year.
        let axisEnd = abs(endYears - endYears.rounded()) < 0.1 ? max(endYears, endYears.rounded()) : endYears
        // The touch-up day, where the fade model says a region is first due (TouchUpSchedule).
        let markers = outlook.touchUp.suggestion.map { s in
            [LineChart.Marker(x: s.day / 365.25, label: "touch-up due: day \(CSV.number(s.day)) (\(ReportTimeline.age(s.day)))",
                              colour: RGB(180, 40, 30))]
        } ?? []
        // Drawn at twice the pixels (scale 2): on a projector or in report.html, where the browser
        // fits it to the page, the labels stay legible and the lines sharp.
        let w = width * pixelScale, h = max(315, Int((Double(width) * 420 / 900).rounded())) * pixelScale
        // Both charts share the time axis, the touch-up marker and the legend, which goes under
        // the plot: inside, it covered the touch-up label or the curves.
        func chart(title: String, yLabel: String, series: [LineChart.Series]) -> LineChart {
            var chart = LineChart(title: title, xLabel: "years after the first session", yLabel: yLabel,
                                  series: series, width: w, height: h)
            chart.scale = pixelScale
            chart.xRange = 0...axisEnd
            chart.xTickStep = axisEnd <= 12 ? 1 : nil
            chart.markers = markers
            chart.legendBelow = true
            chart.height += chart.legendBelowHeight
            return chart
        }
        let topChart = chart(title: "\(result.plan.name): colour change since healing (\(outlook.model) fade model)",
                             yLabel: "ΔE00 to healed colour", series: colourSeries)
        // The curves start once healed; say how much of the injected dose healing took (the
        // first look's retained_of_injected ÷ retained), so 100 % is not read as the needle's dose.
        let healingLoss = outlook.curves.first?.first.map { 1 - $0.retainedOfInjected / max($0.retained, 1e-12) } ?? 0
        var bottomChart = chart(title: "pigment retained since healing (healing took \(Int((healingLoss * 100).rounded())) % of the injected dose)",
                                yLabel: "% of the healed dose", series: retainedSeries)
        bottomChart.yRange = 0...100
        return StackedFigure([topChart, bottomChart], gap: 10 * pixelScale)
    }

    /// Default layout width of each of the two charts (px). Text keeps its size whatever the
    /// width, so the width sets how large the text is when the figure is fitted to a page:
    /// report.html shows it about 1,210 px wide on a 1280-px screen, where 680 puts the axis
    /// text at about 17 px (at 900 it was about 11–13 px, too small from the back of a room).
    static let defaultWidth = 680

    /// The file name and bytes in `format`.
    static func file(_ result: SimulationResult, _ outlook: FadeOutlook, format: FigureFormat,
                     width: Int = defaultWidth) throws(SimulationError) -> (name: String, bytes: [UInt8]) {
        // Both formats at twice the layout pixels: fitted to a page they show their text at the
        // same size (an SVG at its layout width would be shown small, with ~10 px text).
        let figure = figure(result, outlook, width: width, pixelScale: 2)
        do { return ("fade_curves." + format.fileExtension, try figure.encoded(format)) } catch { throw .rendering(error.description) }
    }

    /// fade_curves.png at the default size.
    static func png(_ result: SimulationResult, _ outlook: FadeOutlook) throws(SimulationError) -> [UInt8] {
        try file(result, outlook, format: .png).bytes
    }
}
