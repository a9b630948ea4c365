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

    static let pixelsPerMM = 3.0
    static let dotPixelsPerMM = 4.0
    /// Labels at 21-px capitals and titles at 28 px, for a projector (they were 14 and 28 with
    /// a long subtitle, ~9 px as displayed at 1280 × 800).
    static let textScale = 3, titleScale = 4

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
        let all = session.metrics.all
        // Short title and subtitle at projector size (the report's step heading names the plan and day).
        let layout = ChartMapLayout(
            title: "Density after session \(session.number) (day \(CSV.number(session.plan.day)))",
            subtitle: "\(Int((session.plan.fractionOfTarget * 100).rounded())) % of the \(CSV.number(result.plan.design.targetDensityPerCM2))/cm² design; "
                + "mean \(CSV.number(all.impressionsPerCM2.rounded(places: 1)))/cm² over \(CSV.number(all.treatedAreaCM2.rounded(places: 0))) cm²",
            pixelsPerMM: Self.pixelsPerMM, textScale: Self.textScale, titleScale: Self.titleScale)
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
            "S\(s.number), day \(CSV.number(s.plan.day)): \(s.newImpressions) dots, \(Int((s.healedDiameterMM * 1000).rounded())) µm"
        }
        let m = session.metrics.all
        let layout = ChartMapLayout(
            title: "Dots after session \(session.number) (day \(CSV.number(session.plan.day)))",
            subtitle: "each session in its colour; merge pairs \(m.mergePairs); nearest neighbour "
                + "mean \(CSV.number(m.nearestNeighbourMeanMM?.rounded(places: 2))) mm, min \(CSV.number(m.nearestNeighbourMinMM?.rounded(places: 2))) mm",
            pixelsPerMM: Self.dotPixelsPerMM, textScale: Self.textScale, titleScale: Self.titleScale)
        return try encode(ChartMaps.dotMap(dots, scalpMask: mask, maskEdge: Self.maskEdge, overlay: overlay, layout: layout, closeUp: closeUp))
    }

    /// Maps are drawn in true colour and written as 256-colour palette PNGs (`PaletteQuantizer`).
    func encode(_ image: RGBImage) throws(SimulationError) -> [UInt8] {
        do { return try PNGCodec.encode(PaletteQuantizer.quantize(image)) } catch { throw .rendering(error.description) }
    }
}

extension ChartRaster {
    package init(_ grid: ChartGrid, _ values: [Float]) {
        self.init(minX: grid.minX, minY: grid.minY, cellSize: grid.cellSize, width: grid.width, height: grid.height, values: values)
    }
}
