@testable import Figures
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Rendering
import Simulation
import SimulationFixtures
import Testing

/// fade_curves (PNG and SVG) read from the back of a classroom: no legend over a label, and
/// text large enough when report.html fits the figure to a 1280-px-wide screen.
@Suite("Fade curves: legible layout")
struct FadeCurvesLayoutTests {
    /// A surface that keeps only where text goes (what a chart draws is laid out once for every surface).
    struct TextRecorder: ChartSurface {
        var texts: [(text: String, x: Int, y: Int, scale: Int)] = []
        let width: Int
        init(width: Int, height: Int, background: RGB) { self.width = width }
        mutating func fillRect(x: Int, y: Int, width: Int, height: Int, _ c: RGB) {}
        mutating func strokeRect(x: Int, y: Int, width: Int, height: Int, thickness: Int, _ c: RGB) {}
        mutating func line(from a: (x: Double, y: Double), to b: (x: Double, y: Double), thickness: Int, _ c: RGB) {}
        mutating func polyline(_ points: [(x: Double, y: Double)], thickness: Int, _ c: RGB) {}
        mutating func dashedVertical(x: Double, from y0: Double, to y1: Double, dash: Double, period: Double, thickness: Int, _ c: RGB) {}
        mutating func text(_ text: String, x: Int, y: Int, scale: Int, _ c: RGB) { texts.append((text, x, y, scale)) }
        mutating func place(_ other: TextRecorder, x: Int, y: Int) {
            texts += other.texts.map { ($0.text, $0.x + x, $0.y + y, $0.scale) }
        }
    }

    /// report.html's figure width on a 1280-px screen: the page less its padding (2 × 1.5 rem of
    /// 18 px) and a scroll bar.
    static let displayedWidth = 1280.0 - 54 - 15

    /// Text boxes (top-left to the bottom of descenders) that overlap another text's box.
    static func overlaps(_ texts: [(text: String, x: Int, y: Int, scale: Int)]) -> [String] {
        func box(_ t: (text: String, x: Int, y: Int, scale: Int)) -> (Int, Int, Int, Int) {
            (t.x, t.y, t.x + Canvas.textWidth(t.text, scale: t.scale), t.y + Canvas.textHeight(scale: t.scale) + 2 * t.scale)
        }
        var found: [String] = []
        for i in texts.indices {
            for j in texts.indices where j > i {
                let a = box(texts[i]), b = box(texts[j])
                if a.0 < b.2 && b.0 < a.2 && a.1 < b.3 && b.1 < a.3 { found.append("'\(texts[i].text)' over '\(texts[j].text)'") }
            }
        }
        return found
    }

    @Test("no text over another (legend, touch-up label, ticks, titles); the smallest text ≥ 16 px as shown at 1280 px, PNG and SVG",
          arguments: ["demo", "too-fast", "too-deep"])
    func legibleLayout(plan: String) throws {
        let result = switch plan { case "demo": Fixtures.demo; case "too-fast": Fixtures.tooFast; default: Fixtures.tooDeep }
        let outlook = try #require(result.outlook)
        let figure = FadeCurvesFigure.figure(result, outlook, pixelScale: 2)
        let recorded = figure.surface(TextRecorder.self)
        #expect(recorded.texts.contains { $0.text.hasPrefix("touch-up due") })
        #expect(recorded.texts.contains { $0.text.hasPrefix("session 1") })
        #expect(Self.overlaps(recorded.texts).isEmpty, "\(plan): \(Self.overlaps(recorded.texts))")
        for format in [FigureFormat.png, .svg] {
            let file = try FadeCurvesFigure.file(result, outlook, format: format)
            let width: Double
            if format == .png {
                width = Double(try PNGCodec.decodeRGBA(file.bytes).width)
            } else {
                let root = try #require(try XMLDocument(data: Data(file.bytes), options: []).rootElement())
                width = try #require(root.attributes?.first { $0.name == "width" }?.stringValue.flatMap(Double.init))
            }
            let smallest = Double(recorded.texts.map(\.scale).min()!) * 7 / 0.729
            let shown = smallest * min(1, Self.displayedWidth / width)
            #expect(shown >= 16, "\(plan) \(format): smallest text \(shown) px as shown in a 1280-px page (figure \(width) px wide)")
        }
    }
}
