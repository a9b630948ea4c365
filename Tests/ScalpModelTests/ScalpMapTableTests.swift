import Foundation
@testable import ScalpModel
import Testing

/// `ScalpMap` builds its fields from per-column and per-row tables and takes the direction of a
/// cell (atan2) only where it matters (`ScalpMapTables`). These tests keep the plain per-cell
/// construction it replaced and require every field to be bit-identical, for every stage of
/// every scale, several heads, hairlines and cell sizes.
@Suite("Scalp map: the tabulated construction equals the per-cell formulas bit for bit")
struct ScalpMapTableTests {
    struct Fields: Equatable {
        var scalp: [UInt32], residual: [UInt32], treatment: [UInt32], labels: [UInt8]
        var scalpArea: UInt64, baldArea: UInt64
    }

    static func fields(_ map: ScalpMap) -> Fields {
        Fields(scalp: map.scalp.values.map(\.bitPattern), residual: map.residualHair.values.map(\.bitPattern),
               treatment: map.treatment.values.map(\.bitPattern), labels: map.regions.labels,
               scalpArea: map.scalpAreaCM2.bitPattern, baldArea: map.baldAreaCM2.bitPattern)
    }

    /// The construction as it was: every cell evaluates the polar angle, the patches'
    /// superellipses and the region rules from scratch.
    static func reference(chart: HeadChart, atlas: NorwoodAtlas, hairLoss: HairLossStage, hairline design: HairlineDesign,
                          cellSizeMM: Double) throws -> Fields {
        let b = chart.bounds
        let grid = ChartGrid(covering: b.minX, b.minY, b.maxX, b.maxY, cellSize: cellSizeMM)
        let s = chart.referenceScale
        let pattern = try atlas.pattern(hairLoss)
        let thinningOnly = hairLoss.scale.isDiffuseThinning
        let native = atlas.nativeHairline
        let nativeCurve = HairlineCurve(
            design: HairlineDesign(unchecked: native.heightAboveBrowMM, shape: native.shape, transitionMM: native.softnessMM),
            chart: chart)
        let designCurve = HairlineCurve(design: design, chart: chart)

        // Per-column quantities (the hairlines are graphs over x).
        let w = grid.width
        var nativeY = [Double](repeating: 0, count: w), nativeNorm = nativeY
        var designY = nativeY, designNorm = nativeY, depth = nativeY, recessionSoft = nativeY
        let rec = pattern.recession
        for c in 0..<w {
            let x = grid.center(column: c, row: 0).x
            nativeY[c] = nativeCurve.y(atX: x)
            nativeNorm[c] = 1 / (1 + pow(nativeCurve.slope(atX: x), 2)).squareRoot()
            designY[c] = designCurve.y(atX: x)
            designNorm[c] = 1 / (1 + pow(designCurve.slope(atX: x), 2)).squareRoot()
            let t = smoothstep01(abs(x / s) / rec.templeXMM)
            // Recession fades out down the sides so the fringe above the ears survives.
            let side = 1 - smoothstep01((abs(x / s) - rec.templeXMM - StagePattern.Recession.sideFadeStartMM)
                                         / StagePattern.Recession.sideFadeWidthMM)
            depth[c] = (rec.midlineMM + (rec.templeMM - rec.midlineMM) * t) * side * s
            // Softness blends from the native edge to the recession edge as depth grows, so a
            // zero recession reproduces the native edge exactly (no spurious loss at stage I).
            let nativeSoft = native.softnessMM * s, recSoft = rec.softnessMM * s
            recessionSoft[c] = nativeSoft + (recSoft - nativeSoft) * min(1, depth[c] / max(recSoft, 1e-9))
        }

        var scalpValues = [Float](repeating: 0, count: grid.count)
        var residualValues = scalpValues, treatmentValues = scalpValues
        var labels = [UInt8](repeating: 0, count: grid.count)
        let nativeSoft = native.softnessMM * s
        let transition = design.transitionMM
        var scalpSum = 0.0, baldSum = 0.0
        for r in 0..<grid.height {
            let y = grid.minY + (Double(r) + 0.5) * cellSizeMM
            for c in 0..<w {
                let x = grid.minX + (Double(c) + 0.5) * cellSizeMM
                let (rho, phi) = chart.polar(x: x, y: y)
                let edge = chart.outlineRadius(phi: phi)
                guard rho <= edge else { continue }
                let i = r * w + c
                let dn = (y - nativeY[c]) * nativeNorm[c]
                let m = smoothstep01(dn / nativeSoft + 0.5)
                let dd = (y - designY[c]) * designNorm[c]
                var treated = smoothstep01(dd / transition + 0.5)
                let xr = x / s, yr = y / s
                if thinningOnly {
                    var outside = 1.0
                    for p in pattern.patches { outside *= 1 - p.coverage(xr, yr) }
                    treated *= (1 - outside) * m
                }
                treatmentValues[i] = Float(treated)
                guard m > 0 else { continue }
                var hair = min(m, smoothstep01((dn - depth[c]) / recessionSoft[c] + 0.5))
                var kept = 1.0
                for p in pattern.patches { kept *= p.remaining(xr, yr) }
                if let br = pattern.bridge {
                    let wb = 1 - smoothstep01((abs(yr - br.centerY) - br.halfWidthMM) / br.softnessMM + 0.5)
                    kept = max(kept, br.retained * wb)
                }
                hair *= kept
                if let f = pattern.fringe {
                    let width = f.sideWidthMM + (f.backWidthMM - f.sideWidthMM) * max(0, -cos(phi))
                    hair *= smoothstep01((width - (edge - rho) / s) / f.softnessMM + 0.5)
                }
                scalpValues[i] = Float(m)
                residualValues[i] = Float(hair)
                scalpSum += m
                baldSum += m - hair
                if m >= 0.5 { labels[i] = atlas.regions.label(referenceX: xr, referenceY: yr) }
            }
        }
        return Fields(scalp: scalpValues.map(\.bitPattern), residual: residualValues.map(\.bitPattern),
                      treatment: treatmentValues.map(\.bitPattern), labels: labels,
                      scalpArea: (scalpSum * grid.cellAreaCM2).bitPattern, baldArea: (baldSum * grid.cellAreaCM2).bitPattern)
    }

    static let stages: [HairLossStage] = NorwoodStage.allCases.map { .norwood($0) } + LudwigStage.allCases.map { .ludwig($0) }
        + SavinStage.allCases.map { .savin($0) }

    @Test("every stage of every scale, default head and hairline")
    func everyStage() throws {
        #expect(Self.stages.count > 20)
        for stage in Self.stages {
            let design = try HairlineDesign()
            let map = try ScalpMap(chart: Fixtures.chart, atlas: Fixtures.atlas, hairLoss: stage, hairline: design)
            let expected = try Self.reference(chart: Fixtures.chart, atlas: Fixtures.atlas, hairLoss: stage, hairline: design, cellSizeMM: 1)
            #expect(Self.fields(map) == expected, "\(stage)")
            #expect(map.regions.labels.contains { $0 != 0 } && map.residualHair.values.contains { $0 > 0 && $0 < 1 })
        }
    }

    @Test("other heads, hairlines and cell sizes", arguments: [
        (480.0, 0.5), (570.0, 2.5), (650.0, 0.7), (700.0, 1.0),
    ])
    func otherHeads(circumference: Double, cellSize: Double) throws {
        let chart = try HeadChart(circumferenceMM: circumference)
        let design = try HairlineDesign(heightAboveBrowMM: 85, shape: .straight, transitionMM: 4, irregularity: 0.8, seed: 3)
        for stage: HairLossStage in [.norwood(.vi), .norwood(.vii), .norwood(.iii), .ludwig(.ii), .savin(.frontal)] {
            let map = try ScalpMap(chart: chart, atlas: Fixtures.atlas, hairLoss: stage, hairline: design, cellSizeMM: cellSize)
            let expected = try Self.reference(chart: chart, atlas: Fixtures.atlas, hairLoss: stage, hairline: design, cellSizeMM: cellSize)
            #expect(Self.fields(map) == expected, "\(stage) at \(circumference) mm, \(cellSize) mm cells")
        }
    }
}
