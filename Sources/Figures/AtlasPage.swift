import Rendering
import ScalpModel
import Simulation
import Support

/// A drawn Norwood stage with its region areas, for `stipple atlas`.
public struct AtlasPage: Sendable {
    public let png: [UInt8]
    /// Plain-text table of region areas and the stage's bald area.
    public let summary: String
}

extension SimulationEngine {
    /// Draws `stage` on a head of `circumferenceMM` with each region's name and area.
    public func atlasPage(stage stageText: String, circumferenceMM: Double) throws(SimulationError) -> AtlasPage {
        guard let stage = NorwoodStage(parsing: stageText) else {
            throw .invalidPlan("unknown Norwood stage '\(stageText)'; expected one of: \(NorwoodStage.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let map: ScalpMap
        do {
            let chart = try HeadChart(circumferenceMM: circumferenceMM)
            let n = atlas.nativeHairline
            let design = try HairlineDesign(heightAboveBrowMM: n.heightAboveBrowMM, shape: n.shape,
                                            transitionMM: max(n.softnessMM, HairlineDesign.transitionRange.lowerBound),
                                            irregularity: 0)
            map = try ScalpMap(chart: chart, atlas: atlas, stage: stage, hairline: design, cellSizeMM: cellSizeMM)
        } catch {
            throw .scalp(error)
        }
        // Area of each region and how much of it is bald at this stage.
        let names = map.regions.names
        var area = [Double](repeating: 0, count: names.count), bald = area
        let cell = map.grid.cellAreaCM2
        for (i, label) in map.regions.labels.enumerated() where label > 0 {
            area[Int(label) - 1] += cell
            bald[Int(label) - 1] += Double(max(0, map.scalp.values[i] - map.residualHair.values[i])) * cell
        }
        let captions = zip(area, bald).map { "\(Int($0.rounded())) cm², \(Int($1.rounded())) bald" }
        var overlay = ChartMapRenderer.overlay(map)
        overlay.hairline = []
        let mask = ChartRaster(map.grid, map.scalp.values.map { $0 > 0.02 ? 1 : 0 })
        let layout = ChartMapLayout(
            title: "Norwood \(stage.rawValue)",
            subtitle: "bald \(Int(map.baldAreaCM2.rounded())) cm² of \(Int(map.scalpAreaCM2.rounded())) cm² scalp; head circumference \(CSV.number(circumferenceMM)) mm",
            pixelsPerMM: 3)
        let image = ChartMaps.atlas(residualHair: ChartRaster(map.grid, map.residualHair.values), scalpMask: mask,
                                    overlay: overlay, regionCaptions: captions, layout: layout)
        let png: [UInt8]
        do { png = try PNGCodec.encode(image) } catch { throw .rendering(error.description) }
        var lines = ["Norwood \(stage.rawValue) (head \(CSV.number(circumferenceMM)) mm)", "region            area_cm2  bald_cm2"]
        for (i, name) in names.enumerated() {
            lines.append(name.padding(toLength: 16, withPad: " ", startingAt: 0)
                         + String(format: "%10.1f%10.1f", area[i], bald[i]))
        }
        lines.append("scalp".padding(toLength: 16, withPad: " ", startingAt: 0)
                     + String(format: "%10.1f%10.1f", map.scalpAreaCM2, map.baldAreaCM2))
        return AtlasPage(png: png, summary: lines.joined(separator: "\n"))
    }
}
