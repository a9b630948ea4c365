/// A page of labelled image panels side by side with a row of colour swatches underneath:
/// the layout of appearance previews and plan comparisons.
public enum AppearanceSheet {
    public struct Panel: Sendable {
        public var image: RGBImage
        /// Lines printed above the image (first one larger).
        public var caption: [String]

        public init(image: RGBImage, caption: [String]) {
            self.image = image
            self.caption = caption
        }
    }

    public struct Swatch: Sendable {
        /// The modelled physical colour (healed dot, skin, hair), filled as the swatch.
        public var colour: RGB
        public var label: [String]
        /// A category key (`SessionPalette`) drawn as a small square before the first label
        /// line, so the swatch reads as "session k" in the same colour as every other figure.
        public var key: RGB?

        public init(colour: RGB, label: [String], key: RGB? = nil) {
            self.colour = colour
            self.label = label
            self.key = key
        }

        /// Width of the key square and its gap before the first label line.
        func keyWidth(scale s: Int) -> Int { key == nil ? 0 : 12 * s }
    }

    static let ink = RGB(20, 20, 24), muted = RGB(100, 100, 108)

    /// Splits `text` at spaces into lines no wider than `width` pixels.
    static func wrap(_ text: String, width: Int, scale: Int) -> [String] {
        var lines: [String] = [], current = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: false) {
            let candidate = current.isEmpty ? String(word) : current + " " + word
            if Canvas.textWidth(candidate, scale: scale) > width, !current.isEmpty {
                lines.append(current)
                current = String(word)
            } else {
                current = candidate
            }
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }

    public static func compose(title: String, subtitle: String, panels: [Panel], swatches: [Swatch],
                               textScale s: Int = 2) -> RGBImage {
        let margin = 24, gap = 28
        let lineH = Canvas.textHeight(scale: s) + 4 * s
        // Captions wrap to their panel's width so neighbouring captions never overlap.
        let wrapped = panels.map { p in p.caption.flatMap { wrap($0, width: p.image.width, scale: s) } }
        let captionLines = wrapped.map(\.count).max() ?? 0
        let captionH = captionLines * lineH + 8
        let panelsW = panels.map(\.image.width).reduce(0, +) + gap * max(0, panels.count - 1)
        let panelsH = panels.map(\.image.height).max() ?? 0
        let swatchSize = 40 * s / 2
        let swatchW = max(swatchSize, swatches.flatMap { w in w.label.enumerated().map { i, line in
            Canvas.textWidth(line, scale: s) + (i == 0 ? w.keyWidth(scale: s) : 0)
        } }.max() ?? 0) + 24
        let swatchRows = swatches.isEmpty ? 0 : (swatches.count * swatchW + panelsW - 1) / max(1, panelsW)
        let swatchLabelLines = swatches.map(\.label.count).max() ?? 0
        let swatchH = swatches.isEmpty ? 0 : swatchRows * (swatchSize + swatchLabelLines * lineH + 16) + 10
        let titleH = 2 * Canvas.textHeight(scale: 2 * s) / 2 + lineH + 24
        let width = max(panelsW, Canvas.textWidth(subtitle, scale: s), Canvas.textWidth(title, scale: 2 * s)) + 2 * margin
        let height = margin + titleH + captionH + panelsH + 20 + swatchH + margin
        var canvas = RGBCanvas(width: width, height: height)
        canvas.text(title, x: margin, y: margin, scale: 2 * s, ink)
        canvas.text(subtitle, x: margin, y: margin + Canvas.textHeight(scale: 2 * s) + 8, scale: s, muted)
        var x = margin
        let top = margin + titleH
        for (panel, caption) in zip(panels, wrapped) {
            for (i, line) in caption.enumerated() {
                canvas.text(line, x: x, y: top + i * lineH, scale: s, i == 0 ? ink : muted)
            }
            canvas.blit(panel.image, x: x, y: top + captionH)
            canvas.strokeRect(x: x - 1, y: top + captionH - 1, width: panel.image.width + 2, height: panel.image.height + 2, ink)
            x += panel.image.width + gap
        }
        var sx = margin, sy = top + captionH + panelsH + 20
        for swatch in swatches {
            if sx + swatchW > margin + max(panelsW, swatchW) { sx = margin; sy += swatchSize + swatchLabelLines * lineH + 16 }
            canvas.fillRect(x: sx, y: sy, width: swatchSize, height: swatchSize, swatch.colour)
            canvas.strokeRect(x: sx, y: sy, width: swatchSize, height: swatchSize, muted)
            if let key = swatch.key {
                canvas.fillRect(x: sx, y: sy + swatchSize + 6 + (Canvas.textHeight(scale: s) - 8 * s) / 2, width: 8 * s, height: 8 * s, key)
            }
            for (i, line) in swatch.label.enumerated() {
                canvas.text(line, x: sx + (i == 0 ? swatch.keyWidth(scale: s) : 0), y: sy + swatchSize + 6 + i * lineH, scale: s, i == 0 ? ink : muted)
            }
            sx += swatchW
        }
        return canvas.image
    }
}

/// Whole-head view in true colour, anti-aliased: the chart cells through `SmoothChartFill`
/// (the head ends where `grid` crosses `edge`), the outline as an anti-aliased line, and an
/// optional rectangle (the close-up's footprint).
public enum HeadOverview {
    public static func render(cells: [RGB], grid: ChartRaster, edge: Float = 0.5, outline: [(x: Double, y: Double)], pixelsPerMM: Double,
                              highlight: (minX: Double, minY: Double, maxX: Double, maxY: Double)?) -> RGBImage {
        let xs = outline.map(\.x), ys = outline.map(\.y)
        let frame = ChartFrame(minX: (xs.min() ?? 0) - 3, minY: (ys.min() ?? 0) - 3, maxX: (xs.max() ?? 1) + 3,
                               maxY: (ys.max() ?? 1) + 3, pixelsPerMM: pixelsPerMM, left: 0, top: 0, right: 0, bottom: 0)
        let background = RGB(236, 236, 236)
        let w = frame.chartWidth, h = frame.chartHeight
        var canvas = RGBCanvas(width: w, height: h, background: background)
        SmoothChartFill.paint(&canvas, frame: frame, cells: cells, field: grid, edge: edge)
        let outlinePixels = outline.map { frame.pixel($0.x, $0.y) }
        SmoothChartFill.clip(&canvas, frame: frame, toPolygon: outlinePixels, paper: background)
        let ink = RGB(40, 40, 44)
        canvas.strokePolyline(outlinePixels, closed: true, width: 2, ink)
        if let h = highlight {
            let a = frame.pixel(h.minX, h.minY), b = frame.pixel(h.maxX, h.maxY)
            canvas.strokeRect(x: Int(a.x) - 1, y: Int(a.y) - 1, width: Int(b.x - a.x) + 2, height: Int(b.y - a.y) + 2,
                              thickness: 2, RGB(230, 60, 40))
        }
        return canvas.image
    }
}
