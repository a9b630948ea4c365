import Foundation

/// Everything the simulation needs to know about one client's scalp on one raster: where the
/// scalp is, how much native hair remains (Norwood stage), where the designed hairline puts
/// treatment, and the named regions. Built once per plan; all fields are plain values.
///
/// Fields (0 off the chart):
/// * `scalp`: hair-bearing scalp of the native (Norwood I) hairline, 0…1, soft at that line.
/// * `residualHair`: fraction of native density still present, 0…1 (0 on the forehead).
/// * `treatment`: 0 in front of the design hairline, 1 behind it, a smoothstep across a zone
///   `transitionMM` wide *centred on the line* (so the drawn line is the 50 % contour). On a
///   diffuse-thinning scale (Ludwig, Savin) it is further multiplied by the union of the stage's
///   thinning patches (soft edges): only the thinning region is treated, so the treated area
///   grows with the stage and the frontal hairline, which those stages keep, is left alone.
/// Building costs one pass over the cells with per-column hairline values precomputed
/// (the hairline curves depend only on x), per-column and per-row parts of the stage patches and
/// region rules (`ScalpMapTables`), atan2 only near the outline, and no per-cell allocation.
public struct ScalpMap: Sendable {
    public let hairLoss: HairLossStage
    /// The Norwood stage, nil on a female scale.
    public var stage: NorwoodStage? { hairLoss.norwood }
    public let design: HairlineDesign
    public let grid: ChartGrid
    public let scalp: ScalarField
    public internal(set) var residualHair: ScalarField
    public internal(set) var treatment: ScalarField
    public let regions: RegionMap
    /// The design hairline on the chart, ordered left → right.
    public let hairline: [ChartPoint]
    /// The chart outline (closed polygon, first point not repeated).
    public let outline: [ChartPoint]
    /// ∫ (scalp − residual) dA: skin of the native scalp that has lost its hair, cm².
    public let baldAreaCM2: Double
    /// ∫ scalp dA, cm².
    public let scalpAreaCM2: Double
    /// The plan's treatment areas, when it lists any (`ScalpMap.applying`), and the target
    /// density they ask for (then the only treated places).
    public internal(set) var areas: AreaLayout? = nil
    public internal(set) var areaTarget: ScalarField? = nil

    public init(chart: HeadChart, atlas: NorwoodAtlas, stage: NorwoodStage, hairline design: HairlineDesign,
                cellSizeMM: Double = 1.0) throws(ScalpModelError) {
        try self.init(chart: chart, atlas: atlas, hairLoss: .norwood(stage), hairline: design, cellSizeMM: cellSizeMM)
    }

    public init(chart: HeadChart, atlas: NorwoodAtlas, hairLoss: HairLossStage, hairline design: HairlineDesign,
                cellSizeMM: Double = 1.0) throws(ScalpModelError) {
        guard cellSizeMM.isFinite, (0.1...10).contains(cellSizeMM) else {
            throw .outOfRange(field: "cell size (mm)", value: cellSizeMM, expected: "0.1–10 mm")
        }
        try design.validate()
        self.hairLoss = hairLoss
        self.design = design
        let b = chart.bounds
        let grid = ChartGrid(covering: b.minX, b.minY, b.maxX, b.maxY, cellSize: cellSizeMM)
        self.grid = grid
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
        // Column- and row-separable parts (ScalpMapTables), and the chart outline's radius range:
        // the direction φ of a cell (an atan2) is needed only near the outline, or where the
        // fringe's smoothstep is not provably clamped to 0.
        let referenceX = (0..<w).map { c in (grid.minX + (Double(c) + 0.5) * cellSizeMM) / s }
        let patches = pattern.patches.map { PatchWeightTable($0, referenceX: referenceX) }
        let labelTable = RegionLabelTable(atlas.regions, referenceX: referenceX)
        let outlineBounds = chart.outlineRadiusBounds
        let surelyInside = outlineBounds.min * (1 - 1e-12), surelyOutside = outlineBounds.max * (1 + 1e-12)
        // Nearer the vertex than this, every direction's (edge − ρ)/s exceeds the widest fringe
        // by more than half its softness: the fringe factor is exactly 0 there.
        let fringeClear = pattern.fringe.map { f in
            surelyInside - (max(f.sideWidthMM, f.backWidthMM) + f.softnessMM / 2) * s * (1 + 1e-9) - 1e-9
        } ?? -.infinity
        var patchRow = [Double](repeating: 0, count: patches.count)
        // Written through buffer pointers: the loop is the whole cost of building the map.
        scalpValues.withUnsafeMutableBufferPointer { scalpValues in
        residualValues.withUnsafeMutableBufferPointer { residualValues in
        treatmentValues.withUnsafeMutableBufferPointer { treatmentValues in
        labels.withUnsafeMutableBufferPointer { labels in
            for r in 0..<grid.height {
                let y = grid.minY + (Double(r) + 0.5) * cellSizeMM
                let yr = y / s
                let forward = chart.glabellaRadius - y
                for k in patches.indices { patchRow[k] = patches[k].rowTerm(referenceY: yr) }
                let labelRow = labelTable.rowTerms(referenceY: yr)
                for c in 0..<w {
                    let x = grid.minX + (Double(c) + 0.5) * cellSizeMM
                    // `chart.polar(x:y:)`, its atan2 only when needed.
                    let rho = (x * x + forward * forward).squareRoot()
                    guard rho <= surelyOutside else { continue }
                    var phi = Double.nan, edge = Double.nan
                    if rho > surelyInside {
                        phi = atan2(x, forward)
                        edge = chart.outlineRadius(phi: phi)
                        guard rho <= edge else { continue }
                    }
                    let i = r * w + c
                    let dn = (y - nativeY[c]) * nativeNorm[c]
                    let m = smoothstep01(dn / nativeSoft + 0.5)
                    let dd = (y - designY[c]) * designNorm[c]
                    var treated = smoothstep01(dd / transition + 0.5)
                    if thinningOnly {
                        var outside = 1.0
                        for k in patches.indices { outside *= 1 - patches[k].coverage(column: c, rowTerm: patchRow[k]) }
                        treated *= (1 - outside) * m
                    }
                    treatmentValues[i] = Float(treated)
                    guard m > 0 else { continue }
                    var hair = min(m, smoothstep01((dn - depth[c]) / recessionSoft[c] + 0.5))
                    var kept = 1.0
                    for k in patches.indices { kept *= patches[k].remaining(column: c, rowTerm: patchRow[k]) }
                    if let br = pattern.bridge {
                        let wb = 1 - smoothstep01((abs(yr - br.centerY) - br.halfWidthMM) / br.softnessMM + 0.5)
                        kept = max(kept, br.retained * wb)
                    }
                    hair *= kept
                    if let f = pattern.fringe {
                        if hair == 0 || rho <= fringeClear {
                            // Bald already (0 × the factor is 0), or the factor below is clamped at 0.
                            hair *= 0
                        } else {
                            if phi.isNaN {
                                phi = atan2(x, forward)
                                edge = chart.outlineRadius(phi: phi)
                            }
                            let width = f.sideWidthMM + (f.backWidthMM - f.sideWidthMM) * max(0, -cos(phi))
                            hair *= smoothstep01((width - (edge - rho) / s) / f.softnessMM + 0.5)
                        }
                    }
                    scalpValues[i] = Float(m)
                    residualValues[i] = Float(hair)
                    scalpSum += m
                    baldSum += m - hair
                    if m >= 0.5 { labels[i] = labelTable.label(column: c, rowTerms: labelRow) }
                }
            }
        } } } }
        scalp = ScalarField(grid: grid, values: scalpValues)
        residualHair = ScalarField(grid: grid, values: residualValues)
        treatment = ScalarField(grid: grid, values: treatmentValues)
        regions = RegionMap(grid: grid, labels: labels, names: atlas.regions.names)
        hairline = designCurve.points(on: chart, step: max(0.5, cellSizeMM))
        outline = chart.outline()
        scalpAreaCM2 = scalpSum * grid.cellAreaCM2
        baldAreaCM2 = baldSum * grid.cellAreaCM2
    }

    /// Target impressions per cm²: design × (1 − residual) × treatment. Where native hair
    /// remains the scalp needs fewer impressions; in front of the hairline none.
    public func targetDensity(designPerCM2: Double) -> ScalarField {
        let d = Float(designPerCM2)
        var values = [Float](repeating: 0, count: grid.count)
        for i in 0..<values.count { values[i] = d * (1 - residualHair.values[i]) * treatment.values[i] }
        return ScalarField(grid: grid, values: values)
    }

    /// Target impressions per cm² among remaining hair (diffuse thinning): the shortfall
    /// max(0, design − hair) wherever the map treats (treatment > 0), where hair = residual ×
    /// `hairUnitsPerCM2` is the perceived density of the shaved follicular units still there
    /// (one unit reads as one dot). The treatment weight is a mask here, not a factor: the soft
    /// edge of a thinning region is already in the residual hair, and scaling the shortfall by
    /// it as well would leave hair + dots short of the design in a ring around the region.
    public func shortfallDensity(designPerCM2: Double, hairUnitsPerCM2: Double) -> ScalarField {
        var values = [Float](repeating: 0, count: grid.count)
        for i in 0..<values.count where treatment.values[i] > 0 {
            let hair = Double(residualHair.values[i]) * hairUnitsPerCM2
            values[i] = Float(max(0, designPerCM2 - hair))
        }
        return ScalarField(grid: grid, values: values)
    }

    /// ∫ treatment dA, cm²: the area the plan treats (soft edges counted by their weight).
    public var treatedAreaCM2: Double {
        treatment.values.reduce(0.0) { $0 + Double($1) } * grid.cellAreaCM2
    }

    /// Area of each named region (native hair-bearing scalp), cm².
    public var regionAreasCM2: [String: Double] { regions.areasByNameCM2() }
}

extension HairlineDesign {
    /// For the atlas's native hairline, already validated by the loader.
    init(unchecked height: Double, shape: Shape, transitionMM: Double) {
        heightAboveBrowMM = height
        self.shape = shape
        self.transitionMM = transitionMM
        irregularity = 0
        seed = 0
    }
}
