/// What a chart draws on: the few primitives every Stipple chart needs, so one layout serves
/// a raster (`RGBCanvas`, written as PNG) and a vector drawing (`SVGCanvas`). A chart computes
/// its positions once and calls these; the two outputs cannot drift apart.
///
/// Coordinates are pixels (SVG user units), origin top-left. Text is placed by its top-left
/// corner with `Canvas.textWidth` / `Canvas.textHeight` as the layout metrics (DejaVu Sans).
public protocol ChartSurface {
    init(width: Int, height: Int, background: RGB)
    mutating func fillRect(x: Int, y: Int, width: Int, height: Int, _ c: RGB)
    mutating func strokeRect(x: Int, y: Int, width: Int, height: Int, thickness: Int, _ c: RGB)
    mutating func line(from a: (x: Double, y: Double), to b: (x: Double, y: Double), thickness: Int, _ c: RGB)
    /// A line through `points` (a series of a chart).
    mutating func polyline(_ points: [(x: Double, y: Double)], thickness: Int, _ c: RGB)
    /// A vertical dashed line from `y0` down to `y1`: dashes of `dash`, one every `period`.
    mutating func dashedVertical(x: Double, from y0: Double, to y1: Double, dash: Double, period: Double, thickness: Int, _ c: RGB)
    mutating func text(_ text: String, x: Int, y: Int, scale: Int, _ c: RGB)
    /// Draws `other` with its top-left corner at (x, y), clipped to its own size.
    mutating func place(_ other: Self, x: Int, y: Int)
}

extension ChartSurface {
    /// Segment by segment (what the raster did before there was a vector surface).
    public mutating func polyline(_ points: [(x: Double, y: Double)], thickness: Int, _ c: RGB) {
        for (a, b) in zip(points, points.dropFirst()) { line(from: a, to: b, thickness: thickness, c) }
    }

    public mutating func dashedVertical(x: Double, from y0: Double, to y1: Double, dash: Double, period: Double, thickness: Int, _ c: RGB) {
        var y = y0
        while y < y1 {
            line(from: (x, y), to: (x, min(y1, y + dash)), thickness: thickness, c)
            y += period
        }
    }
}

extension RGBCanvas: ChartSurface {
    public mutating func text(_ text: String, x: Int, y: Int, scale: Int, _ c: RGB) {
        self.text(text, x: x, y: y, scale: scale, c, halo: nil)
    }

    public mutating func place(_ other: RGBCanvas, x: Int, y: Int) { blit(other.image, x: x, y: y) }
}

/// Something drawn on any `ChartSurface`: a chart, or charts stacked into one figure.
public protocol ChartDrawing: Sendable {
    var width: Int { get }
    var height: Int { get }
    func draw<S: ChartSurface>(on surface: inout S)
}

extension ChartDrawing {
    /// The drawing on a fresh white surface of its size.
    public func surface<S: ChartSurface>(_ kind: S.Type = S.self) -> S {
        var s = S(width: width, height: height, background: .white)
        draw(on: &s)
        return s
    }

    /// The raster.
    public func rasterImage() -> RGBImage { surface(RGBCanvas.self).image }

    /// The file's bytes in `format`: a PNG, or an SVG document.
    public func encoded(_ format: FigureFormat) throws(ImageCodecError) -> [UInt8] {
        switch format {
        case .png: return try PNGCodec.encode(rasterImage())
        case .svg: return surface(SVGCanvas.self).document()
        }
    }
}

/// Drawings one under another, each `gap` pixels below the previous, as wide as the widest
/// (the fade curves' two charts; a benchmark series' fits above its residuals).
public struct StackedFigure: ChartDrawing {
    public var panels: [any ChartDrawing]
    public var gap: Int

    public init(_ panels: [any ChartDrawing], gap: Int = 0) {
        self.panels = panels
        self.gap = gap
    }

    public var width: Int { panels.map(\.width).max() ?? 0 }
    public var height: Int { panels.map(\.height).reduce(0, +) + gap * max(0, panels.count - 1) }

    public func draw<S: ChartSurface>(on surface: inout S) {
        var y = 0
        for panel in panels {
            let drawn: S = panel.surface()
            surface.place(drawn, x: 0, y: y)
            y += panel.height + gap
        }
    }
}
