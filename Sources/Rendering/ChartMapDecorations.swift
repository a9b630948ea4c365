/// The furniture every chart map shares: head outline, region boundaries and names, hairline,
/// title block and millimetre scale bar.
extension Canvas {
    /// Fills chart pixels from a per-pixel colour function evaluated at chart mm.
    mutating func fillChart(frame: ChartFrame, _ colour: (Double, Double) -> UInt8) {
        let x0 = frame.left, y0 = frame.top
        for py in y0..<(y0 + frame.chartHeight) {
            for px in x0..<(x0 + frame.chartWidth) {
                let p = frame.chart(px, py)
                set(px, py, colour(p.x, p.y))
            }
        }
    }

    /// Boundaries between different region labels (including the scalp edge), one pixel wide.
    mutating func drawRegionBoundaries(_ labels: ChartRaster, frame: ChartFrame, _ index: UInt8) {
        func label(_ px: Int, _ py: Int) -> Float {
            let p = frame.chart(px, py)
            guard let c = labels.cell(x: p.x, y: p.y) else { return 0 }
            return labels.values[c]
        }
        for py in frame.top..<(frame.top + frame.chartHeight) {
            var previous = label(frame.left, py)
            for px in frame.left..<(frame.left + frame.chartWidth) {
                let here = label(px, py)
                let below = label(px, py + 1)
                if (here != previous || here != below) && here != 0 && previous != 0 && below != 0 {
                    set(px, py, index)
                }
                previous = here
            }
        }
    }

    /// Region names at each region's deepest interior point, with a halo so they read over any colour.
    mutating func drawRegionNames(_ labels: ChartRaster, names: [String], extra: [String] = [],
                                  frame: ChartFrame, scale: Int) {
        for (i, name) in names.enumerated() {
            let label = Float(i + 1)
            guard let centre = labels.interiorPoint(where: { $0 == label }) else { continue }
            let p = frame.pixel(centre.x, centre.y)
            let lines = [name] + (i < extra.count ? [extra[i]] : [])
            let lineHeight = Canvas.textHeight(scale: scale) + 3 * scale
            var y = Int(p.y) - lines.count * lineHeight / 2
            for line in lines {
                text(line, x: Int(p.x) - Canvas.textWidth(line, scale: scale) / 2, y: y, scale: scale,
                     ChartPalette.ink, halo: ChartPalette.halo)
                y += lineHeight
            }
        }
    }

    mutating func drawOutline(_ overlay: ChartOverlay, frame: ChartFrame) {
        polyline(overlay.outline.map { frame.pixel($0.x, $0.y) }, closed: true, thickness: 3, ChartPalette.outline)
        if !overlay.hairline.isEmpty {
            polyline(overlay.hairline.map { frame.pixel($0.x, $0.y) }, thickness: 3, ChartPalette.hairline)
        }
    }

    mutating func drawTitle(_ title: String, subtitle: String, frame: ChartFrame, scale: Int) {
        text(title, x: frame.left, y: 12, scale: scale * 2, ChartPalette.ink)
        text(subtitle, x: frame.left, y: 12 + Canvas.textHeight(scale: scale * 2) + 8, scale: scale, ChartPalette.mutedInk)
    }

    /// A scale bar of a round number of millimetres at the bottom left, labelled.
    mutating func drawScaleBar(frame: ChartFrame, scale: Int) {
        let candidates: [Double] = [10, 20, 50, 100]
        let lengthMM = candidates.last { $0 * frame.pixelsPerMM <= Double(frame.chartWidth) / 3 } ?? 10
        let length = Int((lengthMM * frame.pixelsPerMM).rounded())
        let y = frame.top + frame.chartHeight + 24
        let x = frame.left
        fillRect(x: x, y: y, width: length, height: 4 * scale, ChartPalette.ink)
        fillRect(x: x, y: y - 4 * scale, width: 2 * scale, height: 12 * scale, ChartPalette.ink)
        fillRect(x: x + length - 2 * scale, y: y - 4 * scale, width: 2 * scale, height: 12 * scale, ChartPalette.ink)
        text("\(Int(lengthMM)) mm", x: x + length + 8, y: y - 2 * scale, scale: scale, ChartPalette.ink)
    }

    /// Orientation hint: the brow is at the top of the chart, the nape at the bottom.
    mutating func drawOrientation(frame: ChartFrame, scale: Int) {
        let label = "brow (front) at top, nape at bottom, client's right on the right"
        let y = frame.top + frame.chartHeight + 24 + 16 * scale
        text(label, x: frame.left, y: y, scale: scale, ChartPalette.mutedInk)
    }
}
