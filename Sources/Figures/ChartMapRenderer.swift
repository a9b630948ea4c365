import Foundation
import Impressions
import Rendering
import Reports
import ScalpModel
import Simulation
import Support

/// Adapts a simulation to the renderer's model-free inputs and draws the per-session maps.
struct ChartMapRenderer: Sendable {
    let result: SimulationResult
    let overlay: ChartOverlay
    let mask: ChartRaster
    static let maskEdge: Float = 0.02
    /// Heatmap colour scale top, fixed across sessions so session 1 and 3 compare at a glance.
    let heatmapMaximum: Double
    /// How the maps become bytes: palette PNG, or lossless WebP in a WebP batch.
    var encoding = SheetEncoding()

    /// Both maps at 3 px/mm, so the whole picture fits a 1280 × 800 projector at about 0.7 of
    /// its size (the dot map was 4 px/mm: its text showed at ~13 px). A dot is still a 2 × 2 block.
    static let pixelsPerMM = 3.0
    static let dotPixelsPerMM = 3.0
    /// Labels at 28-px capitals (38 px type) and a 35-px title, so the smallest text stays
    /// ≥ 24 px as displayed in projector mode at 1280 × 800; everything longer (the figures of
    /// the subtitle, the orientation) is HTML beside the picture (`densityText`, `dotsText`).
    static let textScale = 4, titleScale = 5
    /// The type size (px) of the smallest text in the maps (`data-text-px` in report.html).
    static var fontPixels: Double { Double(7 * textScale) / 0.729 }
    static let orientation = "Brow (front) at the top, nape at the bottom, the client's right on the right."

    init(result: SimulationResult) {
        self.result = result
        let scalp = result.scalp
        overlay = Self.overlay(scalp)
        // Shown in colour: the native scalp and anything treated in front of it, as a smooth
        // 0…1 field whose `maskEdge` contour is the edge (the whole-head overview's rule), so
        // the edge is drawn as a curve, not as the cells' staircase.
        let peak = max(1e-9, result.target.values.max() ?? 0)
        mask = ChartRaster(scalp.grid, zip(scalp.scalp.values, result.target.values).map { max($0, min(1, $1 / peak)) })
        heatmapMaximum = NiceNumbers.ceiling(result.plan.design.targetDensityPerCM2 * 1.2)
        // The close-up sits where the treatment is deepest inside the treated area, the same spot
        // for every session so the layers can be compared.
        let target = ChartRaster(result.target.grid, result.target.values)
        closeUp = target.interiorPoint(where: { $0 > 0 }).map { CloseUp(centreX: $0.x, centreY: $0.y, mergeGapMM: result.plan.design.mergeGapMM) }
    }

    let closeUp: CloseUp?

    static func overlay(_ scalp: ScalpMap) -> ChartOverlay {
        ChartOverlay(outline: scalp.outline.map { ($0.x, $0.y) },
                     hairline: scalp.hairline.map { ($0.x, $0.y) },
                     regionLabels: ChartRaster(scalp.regions.grid, scalp.regions.labels.map { Float($0) }),
                     regionNames: scalp.regions.names)
    }

    func densityPNG(after session: SessionResult) throws(SimulationError) -> [UInt8] {
        if let hair = result.hair { return try perceivedDensityPNG(after: session, hair: hair) }
        let dots = Array(result.impressions.prefix(session.totalImpressions))
        let field = densityField(of: dots, on: result.scalp.grid, smoothingMM: 3, mask: result.scalp.scalp)
        let layout = ChartMapLayout(title: Self.densityText(result, session: session.number).title,
                                    pixelsPerMM: Self.pixelsPerMM, textScale: Self.textScale, titleScale: Self.titleScale, drawsOrientation: false)
        let image = ChartMaps.heatmap(ChartRaster(field.grid, field.values), scalpMask: mask, maskEdge: Self.maskEdge, overlay: overlay,
                                      layout: layout, maxValue: heatmapMaximum, unit: "impressions/cm²",
                                      marker: (result.plan.design.targetDensityPerCM2, "design \(CSV.number(result.plan.design.targetDensityPerCM2))/cm²"))
        return try encode(image)
    }

    func dotsPNG(after session: SessionResult) throws(SimulationError) -> [UInt8] {
        var dots = SessionDots()
        for dot in result.impressions.prefix(session.totalImpressions) {
            dots.append(x: dot.x, y: dot.y, diameterMM: dot.diameterMM, session: dot.session - 1)
        }
        dots.sessionLabels = result.sessions.prefix(session.number).map { s in
            "S\(s.number) · day \(CSV.number(s.plan.day)) · \(Int((s.healedDiameterMM * 1000).rounded())) µm"
        }
        let layout = ChartMapLayout(title: Self.dotsText(result, session: session.number).title,
                                    pixelsPerMM: Self.dotPixelsPerMM, textScale: Self.textScale, titleScale: Self.titleScale, drawsOrientation: false)
        return try encode(ChartMaps.dotMap(dots, scalpMask: mask, maskEdge: Self.maskEdge, overlay: overlay, layout: layout, closeUp: closeUp))
    }

    /// The words of `density_session<N>.png`: the title in the picture, the figures as HTML.
    static func densityText(_ result: SimulationResult, session number: Int) -> SheetText {
        let session = result.sessions[number - 1]
        let day = CSV.number(session.plan.day), share = Int((session.plan.fractionOfTarget * 100).rounded())
        let design = CSV.number(result.plan.design.targetDensityPerCM2)
        if result.hair != nil {
            let p = session.perceived
            return SheetText(title: "Hair + dots after session \(number) (day \(day))", captions: [], details: [
                "\(share) % of the shortfall; hair \(CSV.number(p?.hairPerCM2.rounded(places: 1))) + dots \(CSV.number(p?.dotsPerCM2.rounded(places: 1))) "
                    + "= \(CSV.number(p?.perceivedPerCM2.rounded(places: 1)))/cm² against the \(design)/cm² design (red mark on the colour bar).",
                "Remaining hair plus impressions per cm², smoothed over 3 mm. " + orientation,
            ])
        }
        let all = session.metrics.all
        return SheetText(title: "Density after session \(number) (day \(day))", captions: [], details: [
            "\(share) % of the \(design)/cm² design (red mark on the colour bar); mean \(CSV.number(all.impressionsPerCM2.rounded(places: 1)))/cm² "
                + "over \(CSV.number(all.treatedAreaCM2.rounded(places: 0))) cm² treated.",
            "Impressions per cm², smoothed over 3 mm; white lines are the region boundaries, red the hairline. " + orientation,
        ])
    }

    /// The words of `dots_session<N>.png`: the title in the picture, the figures as HTML.
    static func dotsText(_ result: SimulationResult, session number: Int) -> SheetText {
        let session = result.sessions[number - 1]
        let m = session.metrics.all
        let counts = result.sessions.prefix(number).map { "S\($0.number) \(HTML.count($0.newImpressions))" }.joined(separator: " · ")
        return SheetText(title: "Dots after session \(number) (day \(CSV.number(session.plan.day)))", captions: [], details: [
            "Dots placed: \(counts); merge pairs \(m.mergePairs); nearest neighbour mean \(CSV.number(m.nearestNeighbourMeanMM?.rounded(places: 2))) mm, "
                + "min \(CSV.number(m.nearestNeighbourMinMM?.rounded(places: 2))) mm.",
            "Each session in its colour (later sessions on top), each dot a 2 × 2 pixel block; the square is the 12 × 12 mm close-up at true dot size. " + orientation,
        ])
    }

    /// Maps are drawn in true colour and written with 256 colours (`PaletteQuantizer`), losslessly
    /// after that: palette PNG, or lossless WebP in a WebP batch (`SheetEncoding.encodeMap`).
    func encode(_ image: RGBImage) throws(SimulationError) -> [UInt8] { try encoding.encodeMap(image) }
}

extension ChartRaster {
    package init(_ grid: ChartGrid, _ values: [Float]) {
        self.init(minX: grid.minX, minY: grid.minY, cellSize: grid.cellSize, width: grid.width, height: grid.height, values: values)
    }
}
