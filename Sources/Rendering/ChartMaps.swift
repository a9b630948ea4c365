import Support

/// What to draw on a chart map besides the data: titles, overlay, scale.
public struct ChartMapLayout: Sendable {
    public var title: String
    public var subtitle: String
    public var pixelsPerMM: Double
    /// Whole-pixel text scale (1 = 5×7 glyphs).
    public var textScale: Int
    /// The title's scale; nil: twice `textScale`. The report's maps set it: with their labels at
    /// scale 3 for a projector, a title at 6 would not fit the page.
    public var titleScale: Int?
    /// Whether the orientation line ("brow (front) at top, …") is drawn under the map. The
    /// report's maps say it in HTML beside the picture instead, where it stays legible.
    public var drawsOrientation: Bool

    public init(title: String, subtitle: String = "", pixelsPerMM: Double = 3, textScale: Int = 2, titleScale: Int? = nil,
                drawsOrientation: Bool = true) {
        self.title = title
        self.subtitle = subtitle
        self.pixelsPerMM = pixelsPerMM
        self.textScale = textScale
        self.titleScale = titleScale
        self.drawsOrientation = drawsOrientation
    }

    /// Pixels above the chart: the title, and the subtitle's line when there is one.
    var topMargin: Int {
        guard subtitle.isEmpty, let titleScale else {
            return titleScale.map { 40 + 15 * $0 + 15 * textScale } ?? 40 + 30 * textScale
        }
        return 28 + Canvas.textHeight(scale: titleScale) + 4 * textScale
    }

    /// Pixels below the chart: the scale bar, and the orientation line when drawn.
    var bottomMargin: Int { drawsOrientation ? 50 + 20 * textScale : 36 + 12 * textScale }
}

/// Dots of several sessions, as parallel flat arrays (no per-dot objects).
public struct SessionDots: Sendable {
    public var x: [Double] = []
    public var y: [Double] = []
    public var diameterMM: [Float] = []
    /// 0-based session index per dot; selects the session colour.
    public var session: [UInt16] = []
    /// Legend text per session, e.g. "Session 1, day 0: 9,812 dots".
    public var sessionLabels: [String] = []

    public init() {}

    public mutating func append(x: Double, y: Double, diameterMM: Float, session: UInt16) {
        self.x.append(x)
        self.y.append(y)
        self.diameterMM.append(diameterMM)
        self.session.append(session)
    }
}

/// Where and how large the true-scale close-up of a dot map is.
public struct CloseUp: Sendable {
    public var centreX: Double
    public var centreY: Double
    public var sizeMM: Double
    /// Side of the drawn patch, pixels.
    public var pixels: Int
    /// Dots closer than the sum of their radii plus this gap are ringed as merging (nil: no rings).
    public var mergeGapMM: Double?

    public init(centreX: Double, centreY: Double, sizeMM: Double = 12, pixels: Int = 480, mergeGapMM: Double? = nil) {
        self.centreX = centreX
        self.centreY = centreY
        self.sizeMM = sizeMM
        self.pixels = pixels
        self.mergeGapMM = mergeGapMM
    }
}

/// Renders the head-chart maps in true colour, anti-aliased: the cells through
/// `SmoothChartFill` (no stair-stepped hairline, scalp edge or region boundary), lines and
/// text blended into what is underneath.
///
/// `scalpMask` is shown where it is above `maskEdge`; give it a field that is smooth across its
/// edge (a 0/1 mask has a stair-stepped contour however it is read).
public enum ChartMaps {
    private static func frame(for overlay: ChartOverlay, layout: ChartMapLayout, legendWidth: Int) -> ChartFrame {
        let xs = overlay.outline.map(\.x), ys = overlay.outline.map(\.y)
        let pad = 4.0
        return ChartFrame(minX: (xs.min() ?? 0) - pad, minY: (ys.min() ?? 0) - pad,
                          maxX: (xs.max() ?? 1) + pad, maxY: (ys.max() ?? 1) + pad,
                          pixelsPerMM: layout.pixelsPerMM,
                          left: 30, top: layout.topMargin, right: 30 + legendWidth, bottom: layout.bottomMargin)
    }

    /// A page with the chart area off-scalp grey and `cells` painted where the mask is shown,
    /// inside the head's outline.
    private static func chartPage(frame: ChartFrame, cells: [RGB], scalpMask: ChartRaster, maskEdge: Float,
                                  overlay: ChartOverlay) -> RGBCanvas {
        var canvas = RGBCanvas(width: frame.imageWidth, height: frame.imageHeight, background: ChartPalette.paper)
        canvas.fillRect(x: frame.left, y: frame.top, width: frame.chartWidth, height: frame.chartHeight, ChartPalette.offScalp)
        SmoothChartFill.paint(&canvas, frame: frame, cells: cells, field: scalpMask, edge: maskEdge)
        SmoothChartFill.clip(&canvas, frame: frame, toPolygon: overlay.outline.map { frame.pixel($0.x, $0.y) }, paper: ChartPalette.offScalp)
        return canvas
    }

    /// Density heatmap: `density` (impressions/cm²) coloured with viridis from 0 to `maxValue`,
    /// off-scalp grey, with a labelled colour bar in `unit`. `marker` labels one value on the
    /// colour bar (e.g. the design density).
    public static func heatmap(_ density: ChartRaster, scalpMask: ChartRaster, maskEdge: Float = 0.5, overlay: ChartOverlay,
                               layout: ChartMapLayout, maxValue: Double, unit: String,
                               marker: (value: Double, label: String)? = nil) -> RGBImage {
        let s = layout.textScale
        let legendWidth = max(70 + Canvas.textWidth(unit, scale: s), 40 + Canvas.textWidth(marker?.label ?? "", scale: s) + 30 * s)
        let frame = frame(for: overlay, layout: layout, legendWidth: legendWidth)
        precondition(density.sameGrid(as: scalpMask), "density and mask must share a grid")
        let top = Float(max(maxValue, 1e-9))
        var canvas = chartPage(frame: frame, cells: density.values.map { ChartPalette.viridis($0 / top) },
                               scalpMask: scalpMask, maskEdge: maskEdge, overlay: overlay)
        decorate(&canvas, overlay: overlay, frame: frame, layout: layout, names: true)
        drawColourBar(&canvas, frame: frame, maxValue: maxValue, unit: unit, marker: marker, scale: s)
        return canvas.image
    }

    /// Dot map: every dot at its chart position in its session's colour, later sessions on top,
    /// over bare scalp, so a trainer can show how density was layered.
    public static func dotMap(_ dots: SessionDots, scalpMask: ChartRaster, maskEdge: Float = 0.5, overlay: ChartOverlay,
                              layout: ChartMapLayout, closeUp: CloseUp? = nil) -> RGBImage {
        let s = layout.textScale
        let legendWidth = max(20 + (dots.sessionLabels.map { Canvas.textWidth($0, scale: s) }.max() ?? 0) + 30,
                              (closeUp?.pixels ?? 0) + 40, closeUp.map { Canvas.textWidth(closeUpCaption($0), scale: s) + 40 } ?? 0)
        let frame = frame(for: overlay, layout: layout, legendWidth: legendWidth)
        var canvas = chartPage(frame: frame, cells: Array(repeating: ChartPalette.skin, count: scalpMask.values.count),
                               scalpMask: scalpMask, maskEdge: maskEdge, overlay: overlay)
        // Healed dots are ~0.1 mm, below a pixel at whole-head scale: each is drawn as a 2 × 2
        // block so the session colours read as a texture; the close-up shows true sizes.
        for i in dots.x.indices {
            let p = frame.pixel(dots.x[i], dots.y[i])
            canvas.fillRect(x: Int(p.x), y: Int(p.y), width: 2, height: 2, sessionColour(dots.session[i]))
        }
        canvas.drawOutline(overlay, frame: frame)
        canvas.drawTitle(layout.title, subtitle: layout.subtitle, frame: frame, scale: s, titleScale: layout.titleScale)
        canvas.drawScaleBar(frame: frame, scale: s)
        if layout.drawsOrientation { canvas.drawOrientation(frame: frame, scale: s) }
        // Legend: a swatch and a line per session.
        let x0 = frame.left + frame.chartWidth + 20
        var y = frame.top
        for (i, label) in dots.sessionLabels.enumerated() {
            canvas.fillRect(x: x0, y: y, width: 8 * s, height: 8 * s, sessionColour(UInt16(i)))
            canvas.text(label, x: x0 + 12 * s, y: y + s / 2, scale: s, ChartPalette.ink)
            y += 14 * s
        }
        if let closeUp {
            drawCloseUp(&canvas, closeUp, dots: dots, frame: frame, x: x0, y: y + 10 * s, scale: s)
        }
        return canvas.image
    }

    static func sessionColour(_ session: UInt16) -> RGB {
        ChartPalette.sessions[Int(session) % ChartPalette.sessions.count]
    }

    static func closeUpCaption(_ closeUp: CloseUp) -> String {
        "\(Int(closeUp.sizeMM)) × \(Int(closeUp.sizeMM)) mm, true size"
    }

    /// A square patch of skin drawn at true scale: every dot at its healed diameter, so spacing
    /// and merging are visible. Its footprint is outlined on the whole-head map.
    static func drawCloseUp(_ canvas: inout RGBCanvas, _ closeUp: CloseUp, dots: SessionDots,
                            frame: ChartFrame, x: Int, y: Int, scale s: Int) {
        let half = closeUp.sizeMM / 2
        let (x0mm, y0mm) = (closeUp.centreX - half, closeUp.centreY - half)
        let ppmm = Double(closeUp.pixels) / closeUp.sizeMM
        let top = y + Canvas.textHeight(scale: s) + 6
        canvas.text(closeUpCaption(closeUp), x: x, y: y, scale: s, ChartPalette.ink)
        var patch = RGBCanvas(width: closeUp.pixels, height: closeUp.pixels, background: ChartPalette.skin)
        let visible = dots.x.indices.filter { abs(dots.x[$0] - closeUp.centreX) < half + 1 && abs(dots.y[$0] - closeUp.centreY) < half + 1 }
        // Merging dots get a hairline-red ring first, so the dot itself is drawn on top of it.
        if let gap = closeUp.mergeGapMM {
            var merging = Set<Int>()
            for (k, i) in visible.enumerated() {
                for j in visible[(k + 1)...] {
                    let reach = Double(dots.diameterMM[i] + dots.diameterMM[j]) / 2 + gap
                    let dx = dots.x[i] - dots.x[j], dy = dots.y[i] - dots.y[j]
                    if dx * dx + dy * dy < reach * reach { merging.insert(i); merging.insert(j) }
                }
            }
            for i in merging.sorted() {
                patch.fillDisc(cx: (dots.x[i] - x0mm) * ppmm, cy: (dots.y[i] - y0mm) * ppmm,
                               radius: max(1, Double(dots.diameterMM[i]) * 0.5 * ppmm) + 3, ChartPalette.hairline)
            }
        }
        for i in visible {
            patch.fillDisc(cx: (dots.x[i] - x0mm) * ppmm, cy: (dots.y[i] - y0mm) * ppmm,
                           radius: max(1, Double(dots.diameterMM[i]) * 0.5 * ppmm), sessionColour(dots.session[i]))
        }
        canvas.blit(patch.image, x: x, y: top)
        canvas.strokeRect(x: x - 1, y: top - 1, width: closeUp.pixels + 2, height: closeUp.pixels + 2, ChartPalette.ink)
        // 1 mm scale bar under the patch, its label beside it, and the merge key on its own line
        // so no line is wider than the patch.
        let bar = Int(ppmm.rounded()), keyTop = top + closeUp.pixels + 12, lineHeight = Canvas.textHeight(scale: s)
        canvas.fillRect(x: x, y: keyTop + (lineHeight - 3 * s) / 2, width: bar, height: 3 * s, ChartPalette.ink)
        canvas.text("1 mm", x: x + 6 + bar, y: keyTop, scale: s, ChartPalette.ink)
        if closeUp.mergeGapMM != nil {
            canvas.text("red ring: merging", x: x, y: keyTop + lineHeight + 4 * s, scale: s, ChartPalette.hairline)
        }
        // Footprint on the whole-head map.
        let a = frame.pixel(x0mm, y0mm), b = frame.pixel(x0mm + closeUp.sizeMM, y0mm + closeUp.sizeMM)
        canvas.strokeRect(x: Int(a.x) - 1, y: Int(a.y) - 1, width: Int(b.x - a.x) + 2, height: Int(b.y - a.y) + 2, ChartPalette.ink)
        canvas.strokeRect(x: Int(a.x) - 2, y: Int(a.y) - 2, width: Int(b.x - a.x) + 4, height: Int(b.y - a.y) + 4, ChartPalette.halo)
    }

    /// Norwood atlas page: residual hair shaded from bare scalp to full hair, region names with
    /// their areas, and the hairline.
    public static func atlas(residualHair: ChartRaster, scalpMask: ChartRaster, maskEdge: Float = 0.5, overlay: ChartOverlay,
                             regionCaptions: [String], layout: ChartMapLayout) -> RGBImage {
        let s = layout.textScale
        let legendWidth = 70 + Canvas.textWidth("residual hair", scale: s)
        let frame = frame(for: overlay, layout: layout, legendWidth: legendWidth)
        precondition(residualHair.sameGrid(as: scalpMask), "residual hair and mask must share a grid")
        // From bare skin to dark hair.
        let bare = ChartPalette.skin, hair = RGB(58, 42, 34)
        func shade(_ v: Float) -> RGB {
            let t = min(1, max(0, v))
            func mix(_ a: UInt8, _ b: UInt8) -> UInt8 { UInt8(Float(a) * (1 - t) + Float(b) * t + 0.5) }
            return RGB(mix(bare.r, hair.r), mix(bare.g, hair.g), mix(bare.b, hair.b))
        }
        var canvas = chartPage(frame: frame, cells: residualHair.values.map(shade), scalpMask: scalpMask, maskEdge: maskEdge, overlay: overlay)
        if let labels = overlay.regionLabels {
            SmoothChartFill.strokeBoundaries(&canvas, frame: frame, labels: labels, width: 1.2, ChartPalette.regionBoundary)
        }
        canvas.drawOutline(overlay, frame: frame)
        if let labels = overlay.regionLabels {
            canvas.drawRegionNames(labels, names: overlay.regionNames, extra: regionCaptions, frame: frame, scale: s)
        }
        canvas.drawTitle(layout.title, subtitle: layout.subtitle, frame: frame, scale: s, titleScale: layout.titleScale)
        canvas.drawScaleBar(frame: frame, scale: s)
        canvas.drawOrientation(frame: frame, scale: s)
        // Legend: ramp from 0 (bald) to 1 (full native density).
        let x0 = frame.left + frame.chartWidth + 20, barH = min(300, frame.chartHeight / 2)
        for i in 0..<barH {
            canvas.fillRect(x: x0, y: frame.top + i, width: 14 * s, height: 1, shade(Float(barH - 1 - i) / Float(barH - 1)))
        }
        canvas.strokeRect(x: x0, y: frame.top, width: 14 * s, height: barH, ChartPalette.ink)
        canvas.text("1 full", x: x0 + 16 * s, y: frame.top, scale: s, ChartPalette.ink)
        canvas.text("0 bald", x: x0 + 16 * s, y: frame.top + barH - Canvas.textHeight(scale: s), scale: s, ChartPalette.ink)
        canvas.text("residual hair", x: x0, y: frame.top + barH + 8, scale: s, ChartPalette.ink)
        return canvas.image
    }

    private static func decorate(_ canvas: inout RGBCanvas, overlay: ChartOverlay, frame: ChartFrame,
                                 layout: ChartMapLayout, names: Bool) {
        if let labels = overlay.regionLabels {
            SmoothChartFill.strokeBoundaries(&canvas, frame: frame, labels: labels, width: 1.2, ChartPalette.regionBoundary)
        }
        canvas.drawOutline(overlay, frame: frame)
        if names, let labels = overlay.regionLabels {
            canvas.drawRegionNames(labels, names: overlay.regionNames, frame: frame, scale: layout.textScale)
        }
        canvas.drawTitle(layout.title, subtitle: layout.subtitle, frame: frame, scale: layout.textScale, titleScale: layout.titleScale)
        canvas.drawScaleBar(frame: frame, scale: layout.textScale)
        if layout.drawsOrientation { canvas.drawOrientation(frame: frame, scale: layout.textScale) }
    }

    /// Vertical viridis bar with ticks at round values, the unit, and an optional marked value.
    private static func drawColourBar(_ canvas: inout RGBCanvas, frame: ChartFrame, maxValue: Double, unit: String,
                                      marker: (value: Double, label: String)?, scale s: Int) {
        let x0 = frame.left + frame.chartWidth + 20
        let barH = min(400, frame.chartHeight * 2 / 3), barW = 14 * s
        for i in 0..<barH {
            canvas.fillRect(x: x0, y: frame.top + i, width: barW, height: 1, ChartPalette.viridis(Float(barH - 1 - i) / Float(barH - 1)))
        }
        canvas.strokeRect(x: x0, y: frame.top, width: barW, height: barH, ChartPalette.ink)
        func y(of value: Double) -> Int { frame.top + barH - 1 - Int(Double(barH - 1) * min(1, value / maxValue)) }
        let step = NiceNumbers.tickStep(maxValue / 4)
        var value = 0.0
        while value <= maxValue * (1 + 1e-9) {
            canvas.fillRect(x: x0 + barW, y: y(of: value), width: 4 * s, height: s, ChartPalette.ink)
            let label = step >= 1 ? String(Int(value.rounded())) : format1(value)
            canvas.text(label, x: x0 + barW + 6 * s, y: y(of: value) - Canvas.textHeight(scale: s) / 2, scale: s, ChartPalette.ink)
            value += step
        }
        if let marker {
            // A triangle pointing at the bar from the left, labelled underneath the unit.
            let my = y(of: marker.value)
            for k in 0..<(5 * s) { canvas.fillRect(x: x0 - 2 - k, y: my - k / 2, width: 1, height: k + 1, ChartPalette.hairline) }
            canvas.fillRect(x: x0, y: my, width: barW, height: max(1, s / 2 + 1), ChartPalette.hairline)
            canvas.text(marker.label, x: x0, y: frame.top + barH + 12 + Canvas.textHeight(scale: s) + 4 * s,
                        scale: s, ChartPalette.hairline)
        }
        canvas.text(unit, x: x0, y: frame.top + barH + 8, scale: s, ChartPalette.ink)
    }

    static func format1(_ v: Double) -> String {
        let tenths = Int((v * 10).rounded())
        return "\(tenths / 10).\(abs(tenths % 10))"
    }
}
