import Foundation

/// A `ChartSurface` that records SVG elements: the vector twin of `RGBCanvas`, for figures in
/// papers. Text stays `<text>` (selectable, scalable, editable in a drawing program) in DejaVu
/// Sans at the size the raster uses (capitals 7 × scale px: `Canvas.textHeight`), so a chart's
/// layout, measured with the same font, fits both.
///
/// Numbers are written with at most two decimals, so the same chart gives the same bytes.
public struct SVGCanvas: ChartSurface, Sendable {
    public let width: Int
    public let height: Int
    private var body = XMLWriter()

    public init(width: Int, height: Int, background: RGB = .white) {
        self.width = width
        self.height = height
        body = XMLWriter()
        body.element("rect", [("width", "\(width)"), ("height", "\(height)"), ("fill", background.hexString)])
    }

    /// Font size (em, px) whose capitals are 7 × `scale` px: DejaVu Sans's cap height is
    /// 0.729 em (1493 of 2048 units), the ratio `Typeface` sets its raster sizes by.
    public static func fontSize(scale: Int) -> Double { 7 * Double(scale) / 0.729 }

    /// Fonts asked for, in order: the raster's own, then near relatives in width.
    public static let fontFamily = "'DejaVu Sans', Verdana, 'Bitstream Vera Sans', sans-serif"

    public mutating func fillRect(x: Int, y: Int, width w: Int, height h: Int, _ c: RGB) {
        guard w > 0, h > 0 else { return }
        body.element("rect", [("x", "\(x)"), ("y", "\(y)"), ("width", "\(w)"), ("height", "\(h)"), ("fill", c.hexString)])
    }

    /// Stroked inside the rectangle's edge, as the raster draws it.
    public mutating func strokeRect(x: Int, y: Int, width w: Int, height h: Int, thickness t: Int, _ c: RGB) {
        let half = Double(t) / 2
        body.element("rect", [("x", Self.n(Double(x) + half)), ("y", Self.n(Double(y) + half)),
                              ("width", Self.n(Double(w) - Double(t))), ("height", Self.n(Double(h) - Double(t))),
                              ("fill", "none"), ("stroke", c.hexString), ("stroke-width", "\(t)")])
    }

    public mutating func line(from a: (x: Double, y: Double), to b: (x: Double, y: Double), thickness: Int, _ c: RGB) {
        body.element("line", [("x1", Self.n(a.x)), ("y1", Self.n(a.y)), ("x2", Self.n(b.x)), ("y2", Self.n(b.y)),
                              ("stroke", c.hexString), ("stroke-width", "\(thickness)"), ("stroke-linecap", "square")])
    }

    public mutating func polyline(_ points: [(x: Double, y: Double)], thickness: Int, _ c: RGB) {
        guard points.count >= 2 else { return }
        body.element("polyline", [("points", points.map { Self.n($0.x) + "," + Self.n($0.y) }.joined(separator: " ")),
                                  ("fill", "none"), ("stroke", c.hexString), ("stroke-width", "\(thickness)"),
                                  ("stroke-linejoin", "round"), ("stroke-linecap", "round")])
    }

    public mutating func dashedVertical(x: Double, from y0: Double, to y1: Double, dash: Double, period: Double, thickness: Int, _ c: RGB) {
        body.element("line", [("x1", Self.n(x)), ("y1", Self.n(y0)), ("x2", Self.n(x)), ("y2", Self.n(y1)),
                              ("stroke", c.hexString), ("stroke-width", "\(thickness)"),
                              ("stroke-dasharray", Self.n(dash) + " " + Self.n(period - dash))])
    }

    /// `<text>` on the baseline 7 × `scale` below the top, as `Typeface` places raster text.
    public mutating func text(_ text: String, x: Int, y: Int, scale: Int, _ c: RGB) {
        body.element("text", [("x", "\(x)"), ("y", "\(y + 7 * scale)"), ("font-size", Self.n(Self.fontSize(scale: scale))),
                              ("fill", c.hexString)], content: text)
    }

    /// `other` as a nested `<svg>` (which clips to its size, as a raster blit does).
    public mutating func place(_ other: SVGCanvas, x: Int, y: Int) {
        body.start("svg", [("x", "\(x)"), ("y", "\(y)"), ("width", "\(other.width)"), ("height", "\(other.height)"),
                           ("viewBox", "0 0 \(other.width) \(other.height)")])
        body.append(fragment: other.body)
        body.close()
    }

    /// The standalone document: `width`/`height` in px with a matching `viewBox`, so a page or a
    /// paper can scale it to any size.
    public func document() -> [UInt8] {
        var doc = XMLWriter()
        doc.start("svg", [("xmlns", "http://www.w3.org/2000/svg"), ("version", "1.1"),
                          ("width", "\(width)"), ("height", "\(height)"), ("viewBox", "0 0 \(width) \(height)"),
                          ("font-family", Self.fontFamily)])
        doc.append(fragment: body)
        return Array(doc.finished().utf8)
    }

    /// The `<svg>` element alone (no XML declaration), for inlining into an HTML page.
    public func inlineElement() -> String {
        let text = String(decoding: document(), as: UTF8.self)
        return text.hasPrefix(XMLWriter.declaration) ? String(text.dropFirst(XMLWriter.declaration.count)) : text
    }

    /// A coordinate: at most two decimals, no trailing zeros, never "-0".
    static func n(_ v: Double) -> String {
        guard v.isFinite else { return "0" }
        let r = (v * 100).rounded() / 100
        if r == r.rounded() { return String(Int(r)) }
        var s = String(format: "%.2f", r)
        while s.hasSuffix("0") { s.removeLast() }
        return s
    }
}

/// The file format of a figure: PNG (raster, for slides and report.html) or SVG (vector, for
/// papers: text stays text).
public enum FigureFormat: String, Sendable, CaseIterable {
    case png, svg

    public var fileExtension: String { rawValue }
}
