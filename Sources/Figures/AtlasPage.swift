import Foundation
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
    /// Draws `stage` of `scale` on a head of `circumferenceMM` with each region's name and area.
    /// On a female scale (Ludwig, Savin) the page also outlines the treated (thinning) region and
    /// gives its area; "bald" then means hair lost, counted as a fraction of native density.
    public func atlasPage(scale: HairLossScale = .norwood, stage stageText: String,
                          circumferenceMM: Double) throws(SimulationError) -> AtlasPage {
        guard let stage = HairLossStage(scale: scale, parsing: stageText) else {
            throw .invalidPlan("unknown \(scale.title) stage '\(stageText)'; expected one of: \(scale.stageNames.joined(separator: ", "))")
        }
        let map: ScalpMap
        do {
            let chart = try HeadChart(circumferenceMM: circumferenceMM)
            let n = atlas.nativeHairline
            let design = try HairlineDesign(heightAboveBrowMM: n.heightAboveBrowMM, shape: n.shape,
                                            transitionMM: max(n.softnessMM, HairlineDesign.transitionRange.lowerBound),
                                            irregularity: 0)
            map = try ScalpMap(chart: chart, atlas: atlas, hairLoss: stage, hairline: design, cellSizeMM: cellSizeMM)
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
        let lost = scale.isDiffuseThinning ? "lost" : "bald"
        let captions = zip(area, bald).map { "\(Int($0.rounded())) cm², \(Int($1.rounded())) \(lost)" }
        var overlay = ChartMapRenderer.overlay(map)
        overlay.hairline = []
        // The hairline pen draws the treated region's 50 % contour (female scales keep the native line).
        if scale.isDiffuseThinning { overlay.hairline = Self.treatedOutline(map) }
        let mask = ChartRaster(map.grid, map.scalp.values)
        let layout = ChartMapLayout(
            title: stage.label,
            subtitle: scale.isDiffuseThinning
                ? "treated \(Int(map.treatedAreaCM2.rounded())) cm² (red outline), hair lost \(Int(map.baldAreaCM2.rounded())) cm² (full-density equivalent); frontal hairline kept; head \(CSV.number(circumferenceMM)) mm"
                : "bald \(Int(map.baldAreaCM2.rounded())) cm² of \(Int(map.scalpAreaCM2.rounded())) cm² scalp; head circumference \(CSV.number(circumferenceMM)) mm",
            pixelsPerMM: 3)
        let image = ChartMaps.atlas(residualHair: ChartRaster(map.grid, map.residualHair.values), scalpMask: mask, maskEdge: 0.02,
                                    overlay: overlay, regionCaptions: captions, layout: layout)
        let png: [UInt8]
        do { png = try PNGCodec.encode(PaletteQuantizer.quantize(image)) } catch { throw .rendering(error.description) }
        var lines = ["\(stage.label) (head \(CSV.number(circumferenceMM)) mm)", "region            area_cm2  \(lost)_cm2"]
        for (i, name) in names.enumerated() {
            lines.append(name.padding(toLength: 16, withPad: " ", startingAt: 0)
                         + String(format: "%10.1f%10.1f", area[i], bald[i]))
        }
        lines.append("scalp".padding(toLength: 16, withPad: " ", startingAt: 0)
                     + String(format: "%10.1f%10.1f", map.scalpAreaCM2, map.baldAreaCM2))
        if scale.isDiffuseThinning {
            lines.append("treated".padding(toLength: 16, withPad: " ", startingAt: 0) + String(format: "%10.1f", map.treatedAreaCM2))
        }
        return AtlasPage(png: png, summary: lines.joined(separator: "\n"))
    }

    /// The 50 % contour of the treatment weight as a closed polyline, found along 180 rays from
    /// the weighted centre of the treated region (the thinning regions are star-shaped about it).
    static func treatedOutline(_ map: ScalpMap) -> [(x: Double, y: Double)] {
        let t = map.treatment
        var sx = 0.0, sy = 0.0, sw = 0.0
        for i in 0..<t.values.count where t.values[i] > 0.5 {
            let p = map.grid.center(column: i % map.grid.width, row: i / map.grid.width)
            let w = Double(t.values[i])
            sx += w * p.x; sy += w * p.y; sw += w
        }
        guard sw > 0 else { return [] }
        let cx = sx / sw, cy = sy / sw
        var points: [(x: Double, y: Double)] = []
        for k in 0...180 {
            let a = Double(k) / 180 * 2 * Double.pi
            var r = 0.0
            while r < 200, t.value(x: cx + r * cos(a), y: cy + r * sin(a)) > 0.5 { r += 0.5 }
            points.append((cx + r * cos(a), cy + r * sin(a)))
        }
        return points
    }
}
