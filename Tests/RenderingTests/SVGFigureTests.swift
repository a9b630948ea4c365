import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import Rendering

/// Vector figures (issue 27, item 4): SVG documents that parse as XML, keep their words as
/// `<text>`, escape what they are given, and lay bars out inside the plot.
@Suite("SVG figures")
struct SVGFigureTests {
    static func parse(_ bytes: [UInt8]) throws -> XMLDocument {
        try XMLDocument(data: Data(bytes), options: [])
    }

    /// An attribute by name (looked up in the list: FoundationXML's `attribute(forName:)` finds
    /// none on an element in the SVG namespace).
    static func attr(_ node: XMLNode?, _ name: String) -> String? {
        (node as? XMLElement)?.attributes?.first { $0.name == name || $0.localName == name }?.stringValue
    }

    static func number(_ node: XMLNode?, _ name: String) -> Double { attr(node, name).flatMap(Double.init) ?? .nan }

    /// Every `<text>` element's content, in document order.
    static func texts(_ doc: XMLDocument) throws -> [String] {
        try doc.nodes(forXPath: "//*[local-name()='text']").compactMap(\.stringValue)
    }

    @Test("markup in a title and a legend is escaped: the SVG parses and the text reads back as given")
    func escaping() throws {
        let hostile = "plan <b>\"A&B\"</b> 'quoted' \u{1}control"
        let chart = LineChart(title: hostile, xLabel: "days", yLabel: "ΔE00",
                              series: [.init(label: "s < 1 & > 0", colour: RGB(hex: 0x0072B2), points: [(0, 0), (1, 1)])])
        let doc = try Self.parse(chart.encoded(.svg))
        let texts = try Self.texts(doc)
        #expect(texts.contains("plan <b>\"A&B\"</b> 'quoted' control"), "control character dropped, the rest kept")
        #expect(texts.contains("s < 1 & > 0"))
        #expect(texts.contains("ΔE00"))
        #expect(doc.rootElement()?.name == "svg")
    }

    @Test("a line chart's SVG has its size, a viewBox and one polyline per line series")
    func lineChartStructure() throws {
        var chart = LineChart(title: "t", xLabel: "x", yLabel: "y", series: [
            .init(label: "a", colour: RGB(hex: 0x0072B2), points: [(0, 0), (1, 2), (2, 1)]),
            .init(label: "b", colour: RGB(hex: 0xD55E00), points: [(0, 1), (2, 0)]),
            .init(label: "obs", colour: RGB(hex: 0x222222), points: [(0.5, 0.5)], markersOnly: true),
        ], width: 640, height: 400)
        chart.markers = [.init(x: 1, label: "event", colour: RGB(180, 40, 30))]
        let root = try #require(Self.parse(chart.encoded(.svg)).rootElement())
        #expect(Self.attr(root, "width") == "640")
        #expect(Self.attr(root, "viewBox") == "0 0 640 400")
        let lines = try root.nodes(forXPath: "//*[local-name()='polyline']")
        #expect(lines.count == 2)
        let dashed = try root.nodes(forXPath: "//*[local-name()='line'][@stroke-dasharray]")
        #expect(dashed.count == 1, "the marker is one dashed line, not a run of segments")
    }

    @Test("bars stay inside the plot, whiskers fit under the top, and names are on the axis")
    func barChartLayout() throws {
        let names = ["compartment", "weibull", "bi = uv", "mono", "power-law", "a-very-long-model-file-name-indeed"]
        let bars = names.enumerated().map { i, n in
            BarChart.Bar(label: n, value: 0.01 * Double(i + 1), interval: (0.006 * Double(i + 1))...(0.02 * Double(i + 1)),
                         colour: CategoricalPalette.colour(i), note: "wins \(6 - i)")
        }
        let chart = BarChart(title: "Forecast leaderboard", yLabel: "mean forecast RMSE", caption: "bars: means", bars: bars)
        let doc = try Self.parse(chart.encoded(.svg))
        let texts = try Self.texts(doc)
        for n in names.dropLast() { #expect(texts.contains(n), "\(n) under its bar") }
        #expect(texts.contains { $0.hasPrefix("a-very-long") && $0.hasSuffix("…") }, "a name too long for its slot is shortened")
        #expect(!texts.contains { $0.hasPrefix("rank") })
        // Plot: x from 70 to width − 20, y from 50 down.
        for (i, bar) in bars.enumerated() {
            let rects = try doc.nodes(forXPath: "//*[local-name()='rect'][@stroke='\(bar.colour.hexString)']")
            let r = try #require(rects.first, "bar \(i)")
            let x = Self.number(r, "x"), w = Self.number(r, "width"), y = Self.number(r, "y")
            #expect(x >= 70 && x + w <= Double(chart.width - 20), "bar \(i) inside the plot: \(x)…\(x + w)")
            #expect(y > 50, "bar \(i) below the top")
        }
        // Whiskers (ink lines) all below the plot's top edge.
        let whiskerYs = try doc.nodes(forXPath: "//*[local-name()='line'][@stroke='#222222']")
            .flatMap { [Self.number($0, "y1"), Self.number($0, "y2")] }
        #expect(whiskerYs.count >= 3 * bars.count)
        #expect(whiskerYs.allSatisfy { $0 > 50 }, "\(whiskerYs)")
    }

    @Test("stacked charts become nested svg elements at their offsets; the raster stacks the same way")
    func stacked() throws {
        let a = LineChart(title: "a", xLabel: "x", yLabel: "y", series: [], width: 300, height: 200)
        let b = LineChart(title: "b", xLabel: "x", yLabel: "y", series: [], width: 300, height: 100)
        let figure = StackedFigure([a, b], gap: 10)
        #expect(figure.width == 300 && figure.height == 310)
        let nested = try Self.parse(figure.encoded(.svg)).nodes(forXPath: "/*/*[local-name()='svg']")
        #expect(nested.map { Self.attr($0, "y") } == ["0", "210"])
        let raster = figure.rasterImage()
        #expect(raster.width == 300 && raster.height == 310)
        // The bottom chart's pixels are the chart drawn alone.
        let alone = b.rasterImage()
        let row = 3 * (250 * 300), aloneRow = 3 * (40 * 300)
        #expect(Array(raster.bytes[row..<row + 900]) == Array(alone.bytes[aloneRow..<aloneRow + 900]))
    }

    @Test("coordinates are written with at most two decimals and never as -0")
    func numbers() {
        #expect(SVGCanvas.n(1.005) == "1" || SVGCanvas.n(1.005) == "1.01")
        #expect(SVGCanvas.n(-0.001) == "0")
        #expect(SVGCanvas.n(12.5) == "12.5")
        #expect(SVGCanvas.n(3) == "3")
    }
}
