import Foundation
import Support

/// A plan's treatment areas made concrete: shapes checked against the chart and, for FUE
/// fields, the small round scars generated (seeded) inside their shapes.
///
/// **Where areas overlap** each chart cell takes the *lowest* hair fraction any area states
/// there (bald wins), then the *highest* target any area asks for there (its density × its
/// feathering × the hair shortfall): overlapping a dense patch with a light thinning area never
/// dilutes the patch, and a scar inside a thinning area stays bald. Documented in docs/plan-schema.md
/// ("Areas") and tested (`AreaLayoutTests`).
public struct AreaLayout: Sendable {
    public let areas: [TreatmentArea]
    /// Scar-tissue discs of each area: the generated FUE scars for `scar-fue` with a count,
    /// empty otherwise (there the whole shape is scar tissue when the kind is a scar).
    public let fueScars: [[ScarDisc]]
    /// Per area, its FUE scars bucketed on a grid, so a scar-tissue lookup checks a few scars
    /// instead of all of them (lookups run per dot and per preview sample).
    private let scarBuckets: [ScarBuckets]

    public struct ScarDisc: Sendable, Equatable {
        public var centre: ChartPoint
        public var radiusMM: Double
    }

    /// FUE scars never touch: centres at least this many diameters apart (**assumption**:
    /// surgeons space punches so the donor area is not over-harvested; 1.5 d leaves a gap of
    /// half a scar between neighbours).
    public static let fueSpacingDiameters = 1.5

    /// Checks every area against the chart and generates FUE scars from `seed` (one stream per
    /// area, so adding an area never moves another area's scars).
    public init(areas: [TreatmentArea], chart: HeadChart, seed: UInt64) throws(AreaError) {
        var scars: [[ScarDisc]] = []
        for (i, area) in areas.enumerated() {
            if let problem = area.shape.validationProblem {
                throw AreaError(index: i, field: problem.field, message: problem.message)
            }
            let field: String
            if case .circle = area.shape { field = "centre_mm" } else { field = "points_mm" }
            if let off = area.shape.outline(stepMM: 1).first(where: { !chart.contains(x: $0.x, y: $0.y) }) {
                let b = chart.bounds
                throw AreaError(index: i, field: field, message: String(
                    format: "the shape leaves the scalp chart near [%.1f, %.1f] mm; the chart of a %.0f mm head spans x %.0f…%.0f, y %.0f…%.0f mm (y = 0 at the brow; coordinates as in dots.csv)",
                    off.x, off.y, chart.circumferenceMM, b.minX, b.maxX, b.minY, b.maxY))
            }
            if let fue = area.fueScars {
                scars.append(try Self.generateFUE(fue, in: area.shape, index: i, seed: Self.fueSeed(seed, area: i)))
            } else {
                scars.append([])
            }
        }
        self.areas = areas
        fueScars = scars
        scarBuckets = scars.map(ScarBuckets.init)
    }

    /// FUE scars of one area on a grid of cells one scar-spacing wide: a point's scar, if any,
    /// lies in its own cell or a neighbouring one.
    struct ScarBuckets: Sendable {
        let minX: Double, minY: Double, cell: Double, cols: Int, rows: Int
        let cells: [[Int32]]
        let scars: [ScarDisc]

        init(_ scars: [ScarDisc]) {
            self.scars = scars
            let r = scars.map(\.radiusMM).max() ?? 1
            cell = max(0.5, 2 * r * AreaLayout.fueSpacingDiameters)
            minX = (scars.map(\.centre.x).min() ?? 0) - cell
            minY = (scars.map(\.centre.y).min() ?? 0) - cell
            cols = max(1, Int((((scars.map(\.centre.x).max() ?? 0) + cell - minX) / cell).rounded(.up)))
            rows = max(1, Int((((scars.map(\.centre.y).max() ?? 0) + cell - minY) / cell).rounded(.up)))
            var cells = [[Int32]](repeating: [], count: scars.isEmpty ? 0 : cols * rows)
            for (k, s) in scars.enumerated() {
                let c = Int((s.centre.x - minX) / cell), r = Int((s.centre.y - minY) / cell)
                cells[r * cols + c].append(Int32(k))
            }
            self.cells = cells
        }

        func contains(x: Double, y: Double) -> Bool {
            guard !scars.isEmpty else { return false }
            let c = Int(((x - minX) / cell).rounded(.down)), r = Int(((y - minY) / cell).rounded(.down))
            guard c >= -1, r >= -1, c <= cols, r <= rows else { return false }
            for rr in max(0, r - 1)...min(rows - 1, r + 1) where rr >= 0 && rr < rows {
                for cc in max(0, c - 1)...min(cols - 1, c + 1) where cc >= 0 && cc < cols {
                    for k in cells[rr * cols + cc] {
                        let s = scars[Int(k)]
                        if hypot(x - s.centre.x, y - s.centre.y) <= s.radiusMM { return true }
                    }
                }
            }
            return false
        }
    }

    static func fueSeed(_ seed: UInt64, area: Int) -> UInt64 {
        SeedStreams.seed(seed, stream: SeedStreams.fueScars(area: area))
    }

    /// Scars placed uniformly at random inside the shape (whole disc inside), no two closer than
    /// `fueSpacingDiameters` diameters, by dart throwing with a bounded number of attempts.
    static func generateFUE(_ fue: TreatmentArea.FUEScars, in shape: TreatmentArea.Shape, index: Int,
                            seed: UInt64) throws(AreaError) -> [ScarDisc] {
        let r = fue.diameterMM / 2
        let spacing = fue.diameterMM * fueSpacingDiameters
        let b = shape.bounds
        // Hexagonal packing bounds how many centres `spacing` apart fit in the shape's area:
        // asking for more is refused at once rather than after a long fruitless search.
        let packingLimit = shape.areaMM2 / (spacing * spacing * 3.0.squareRoot() / 2)
        guard Double(fue.count) <= packingLimit else {
            throw AreaError(index: index, field: "count", message: String(
                format: "%d scars %.2f mm across (kept %.2f mm apart) cannot fit inside this shape of %.1f cm² (at most about %d even if packed in a perfect lattice); enlarge the shape or lower count",
                fue.count, fue.diameterMM, spacing, shape.areaMM2 / 100, Int(packingLimit)))
        }
        var rng = Xoshiro256StarStar(seed: seed)
        var placed: [ScarDisc] = []
        placed.reserveCapacity(fue.count)
        // A bucket grid of cell = spacing: a new scar need only check the 3 × 3 neighbourhood.
        let cols = max(1, Int(((b.maxX - b.minX) / spacing).rounded(.up)))
        let rows = max(1, Int(((b.maxY - b.minY) / spacing).rounded(.up)))
        var buckets = [[Int]](repeating: [], count: cols * rows)
        var attempts = 0
        let maxAttempts = 100 * fue.count
        while placed.count < fue.count && attempts < maxAttempts {
            attempts += 1
            let x = b.minX + rng.nextUnit() * (b.maxX - b.minX)
            let y = b.minY + rng.nextUnit() * (b.maxY - b.minY)
            guard shape.signedDistance(x: x, y: y) <= -r else { continue }
            let c = min(cols - 1, Int((x - b.minX) / spacing)), row = min(rows - 1, Int((y - b.minY) / spacing))
            var clear = true
            search: for rr in max(0, row - 1)...min(rows - 1, row + 1) {
                for cc in max(0, c - 1)...min(cols - 1, c + 1) {
                    for k in buckets[rr * cols + cc] where hypot(placed[k].centre.x - x, placed[k].centre.y - y) < spacing {
                        clear = false
                        break search
                    }
                }
            }
            guard clear else { continue }
            buckets[row * cols + c].append(placed.count)
            placed.append(ScarDisc(centre: ChartPoint(x: x, y: y), radiusMM: r))
        }
        guard placed.count == fue.count else {
            throw AreaError(index: index, field: "count", message: String(
                format: "could fit only %d of %d scars %.2f mm across (kept %.2f mm apart) inside this shape of %.1f cm²; enlarge the shape or lower count",
                placed.count, fue.count, fue.diameterMM, spacing, shape.areaMM2 / 100))
        }
        return placed
    }

    /// Index of the area whose scar tissue contains (x, y), or nil: inside a generated FUE scar,
    /// or inside the shape of a scar area without generated scars.
    public func scarArea(x: Double, y: Double) -> Int? {
        for (i, area) in areas.enumerated() where area.kind.isScar {
            if fueScars[i].isEmpty {
                if area.shape.contains(x: x, y: y) { return i }
            } else if scarBuckets[i].contains(x: x, y: y) {
                return i
            }
        }
        return nil
    }

    /// Scar tissue of area `i`, mm².
    public func scarTissueMM2(_ i: Int) -> Double {
        guard areas[i].kind.isScar else { return 0 }
        if fueScars[i].isEmpty { return areas[i].shape.areaMM2 }
        return fueScars[i].reduce(0) { $0 + Double.pi * $1.radiusMM * $1.radiusMM }
    }

    /// Feathering weight of area `i` at a cell centre `d` mm outside its shape (d ≤ 0 inside):
    /// 1 inside, a smoothstep down to 0 across the transition. The taper ends half a cell
    /// diagonal (`halfDiagonal`) early so no cell that reaches past the band gets a target:
    /// a dot anywhere in a treated cell is then within shape + transition.
    static func weight(distance d: Double, transitionMM: Double, halfDiagonal: Double) -> Double {
        if d <= 0 { return 1 }
        let band = transitionMM - halfDiagonal
        guard band > 0, d < band else { return 0 }
        let t = d / band
        return 1 - t * t * (3 - 2 * t)
    }

    /// The fields the simulation needs on `grid`, in two passes over each area's cells:
    /// 1. hair: where areas state a hair fraction (patches and scars 0, a thinning area its
    ///    remaining fraction), it blends from the stated value inside to the pattern's across the
    ///    feathered edge, and the lowest stated value wins (bald wins); elsewhere the pattern's;
    /// 2. target: each area asks for its density × its feathering weight × (1 − hair) and the
    ///    highest ask wins where areas overlap.
    /// Also the union of the feathering weights (`treatment`).
    public func fields(grid: ChartGrid, baseResidual: ScalarField, designPerCM2: Double)
        -> (target: ScalarField, residual: ScalarField, treatment: ScalarField) {
        let halfDiagonal = grid.cellSize * 0.5.squareRoot()
        // Hair fraction the areas state per cell (∞: none states one, keep the pattern's).
        var stated = [Float](repeating: .infinity, count: grid.count)
        for area in areas where area.hairInside != nil {
            forEachCell(of: area, grid: grid, halfDiagonal: halfDiagonal) { i, w in
                let hair = area.hairInside! * w + Double(baseResidual.values[i]) * (1 - w)
                stated[i] = min(stated[i], Float(hair))
            }
        }
        let residual = zip(baseResidual.values, stated).map { $1.isFinite ? $1 : $0 }
        var target = [Float](repeating: 0, count: grid.count)
        var treatment = [Float](repeating: 0, count: grid.count)
        for area in areas {
            let design = area.targetDensityPerCM2 ?? designPerCM2
            forEachCell(of: area, grid: grid, halfDiagonal: halfDiagonal) { i, w in
                target[i] = max(target[i], Float(design * w * (1 - Double(residual[i]))))
                treatment[i] = max(treatment[i], Float(w))
            }
        }
        return (ScalarField(grid: grid, values: target), ScalarField(grid: grid, values: residual),
                ScalarField(grid: grid, values: treatment))
    }

    /// Calls `body(cell index, feathering weight)` for every cell of `grid` the area reaches.
    private func forEachCell(of area: TreatmentArea, grid: ChartGrid, halfDiagonal: Double, _ body: (Int, Double) -> Void) {
        let reach = area.transitionMM + grid.cellSize
        let b = area.shape.bounds
        let c0 = max(0, Int(((b.minX - reach) - grid.minX) / grid.cellSize))
        let c1 = min(grid.width - 1, Int(((b.maxX + reach) - grid.minX) / grid.cellSize))
        let r0 = max(0, Int(((b.minY - reach) - grid.minY) / grid.cellSize))
        let r1 = min(grid.height - 1, Int(((b.maxY + reach) - grid.minY) / grid.cellSize))
        guard c0 <= c1, r0 <= r1 else { return }
        for r in r0...r1 {
            for c in c0...c1 {
                let (x, y) = grid.center(column: c, row: r)
                let w = Self.weight(distance: area.shape.signedDistance(x: x, y: y), transitionMM: area.transitionMM,
                                    halfDiagonal: halfDiagonal)
                if w > 0 { body(r * grid.width + c, w) }
            }
        }
    }
}

extension ScalpMap {
    /// This scalp with the plan's areas applied: residual hair and treatment replaced by the
    /// areas' (see `AreaLayout.fields`), the area target kept in `areaTarget`, the layout in `areas`.
    public func applying(_ layout: AreaLayout, designPerCM2: Double) -> ScalpMap {
        let f = layout.fields(grid: grid, baseResidual: residualHair, designPerCM2: designPerCM2)
        var map = self
        map.residualHair = f.residual
        map.treatment = f.treatment
        map.areaTarget = f.target
        map.areas = layout
        return map
    }
}
