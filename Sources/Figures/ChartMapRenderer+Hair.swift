import Impressions
import Rendering
import ScalpModel
import Simulation
import Support

/// The density map of a diffuse-thinning plan (Ludwig, Savin) shows what the eye counts —
/// remaining hair plus impressions per cm² — against the design density, because there the
/// design density is reached by the two together.
extension ChartMapRenderer {
    /// Hair + dots per cm²: inside the treated cells the smoothed density of follicles and dots
    /// (3 mm, normalised within the treated cells so the edge is not darkened); elsewhere the
    /// native hair still there, residual × native units per cm².
    func perceivedField(after session: SessionResult, hair: HairAmongDots) -> ScalarField {
        let grid = result.scalp.grid
        var points = Array(result.impressions.prefix(session.totalImpressions))
        points += hair.follicles.map { Impression(x: $0.x, y: $0.y, diameterMM: 0, depthMM: 0, session: 0) }
        let treated = ScalarField(grid: grid, values: result.target.values.map { $0 > 0 ? 1 : 0 })
        let inside = densityField(of: points, on: grid, smoothingMM: 3, mask: treated)
        var values = inside.values
        for i in 0..<values.count where result.target.values[i] <= 0 {
            values[i] = result.scalp.residualHair.values[i] * Float(hair.nativeUnitsPerCM2)
        }
        return ScalarField(grid: grid, values: values)
    }

    func perceivedDensityPNG(after session: SessionResult, hair: HairAmongDots) throws(SimulationError) -> [UInt8] {
        let field = perceivedField(after: session, hair: hair)
        let design = result.plan.design.targetDensityPerCM2
        let layout = ChartMapLayout(title: Self.densityText(result, session: session.number).title,
                                    pixelsPerMM: Self.pixelsPerMM, textScale: Self.textScale, titleScale: Self.titleScale, drawsOrientation: false)
        let image = ChartMaps.heatmap(ChartRaster(field.grid, field.values), scalpMask: mask, maskEdge: Self.maskEdge, overlay: overlay,
                                      layout: layout, maxValue: heatmapMaximum, unit: "hair + impressions/cm²",
                                      marker: (design, "design \(CSV.number(design))/cm²"))
        return try encode(image)
    }
}
