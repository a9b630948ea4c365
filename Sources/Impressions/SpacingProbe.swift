/// The Bridson fill's inner loop: session radius at a candidate, its background cell, and the
/// test that no stored dot lies closer than that radius.
///
/// Works on raw pointers into the radius table and the (padded) background grid, which the
/// caller keeps alive, so the per-candidate path has no bounds checks, no optionals across
/// module boundaries and no `floor` calls; the results are exactly those of `ChartGrid.index`
/// and of scanning the whole ±⌈r / cell⌉ square (see `fits`).
struct SpacingProbe {
    private let slots: UnsafeMutablePointer<SIMD2<Double>>
    private let radius: UnsafePointer<Double>
    /// Target chart (radius lookup); its cells are found by dividing, as `ChartGrid.index` does.
    private let chart: GridFrame
    /// When every chart cell has the same radius (> 0): that radius, and a box just inside the
    /// chart where no division is needed to know q is inside (0 otherwise).
    private let uniformRadius: Double
    private let innerLow: SIMD2<Double>
    private let innerHigh: SIMD2<Double>
    // Background grid.
    private let frame: GridFrame
    private let pad: Int
    private let stride: Int
    /// Half-width (in cells) of each row of the search around a cell, for the last radius seen
    /// with ⌈r / cell⌉ > 2: `spans[pad + dy]` for row offset dy, −1 = row skipped.
    private var spans: [Int]
    private var spansRadius = -1.0

    init(grid: BackgroundGrid, slots: UnsafeMutablePointer<SIMD2<Double>>,
         radii: SessionRadii, radius: UnsafePointer<Double>) {
        self.slots = slots
        self.radius = radius
        chart = GridFrame(radii.grid)
        let first = radii.perCell.first ?? 0
        uniformRadius = first > 0 && radii.perCell.allSatisfy { $0 == first } ? first : 0
        // q ≥ min gives v = (q − min) / cell ≥ 0 exactly; q ≤ min + extent − 10⁻¹²(|min| + extent)
        // gives v < size with a margin far above the rounding of v and of the bound itself.
        let extent = chart.size * chart.cell
        innerLow = chart.origin
        innerHigh = chart.origin + extent - (SIMD2(chart.origin.x.magnitude, chart.origin.y.magnitude) + extent) * 1e-12
        frame = grid.frame
        pad = grid.pad
        stride = grid.stride
        spans = Array(repeating: -1, count: 2 * grid.pad + 1)
    }

    /// Session radius at q: 0 outside the chart or untreated. Same cell as
    /// `ChartGrid.index(x:y:)`: for v ≥ 0 truncation is `floor`, and v < 0 or v ≥ size is
    /// outside there too.
    @inline(__always)
    func radius(at q: SIMD2<Double>) -> Double {
        if uniformRadius > 0, all(q .>= innerLow), all(q .<= innerHigh) { return uniformRadius }
        let v = (q - chart.origin) / chart.cell
        guard v.x >= 0, v.y >= 0, v.x < chart.size.x, v.y < chart.size.y else { return 0 }
        return radius[Int(v.y) &* chart.width &+ Int(v.x)]   // in range: 0 ≤ v < size checked above
    }

    /// Background cell (column, row) of q, or nil outside the grid (as `floor`, see `radius`).
    @inline(__always)
    func cell(of q: SIMD2<Double>) -> (column: Int, row: Int)? { frame.cell(of: q) }

    @inline(__always)
    func slotIndex(column: Int, row: Int) -> Int {
        // Wrapping arithmetic: cells come from `cell(of:)` or the grid's own ranges, and the
        // grid's slot count was checked to fit in Int32 when it was built.
        (row &+ pad) &* stride &+ column &+ pad
    }

    @inline(__always)
    func store(_ q: SIMD2<Double>, at slot: Int) { slots[slot] = q }

    @inline(__always)
    func isEmpty(_ slot: Int) -> Bool { slots[slot].x == .infinity }

    @inline(__always)
    private static func d2(_ p: SIMD2<Double>, _ q: SIMD2<Double>) -> Double {
        let d = p - q
        return d.x * d.x + d.y * d.y
    }

    /// Smallest squared distance from q to the slots `row[±from ... ±h]` (∞ if h < from).
    @inline(__always)
    private static func outer2(_ row: UnsafeMutablePointer<SIMD2<Double>>, _ h: Int, _ q: SIMD2<Double>,
                               from: Int) -> Double {
        var m = Double.infinity
        var dx = from
        while dx <= h {
            m = min(m, min(d2(row[-dx], q), d2(row[dx], q)))
            dx += 1
        }
        return m
    }

    /// Smallest squared distance from q to the slots `row[−h ... h]`.
    @inline(__always)
    private static func nearest2(_ row: UnsafeMutablePointer<SIMD2<Double>>, _ h: Int, _ q: SIMD2<Double>) -> Double {
        var m = Double.infinity
        for i in -h...h {
            let d = row[i] - q
            m = min(m, d.x * d.x + d.y * d.y)
        }
        return m
    }

    /// Smallest squared distance from q to five consecutive slots centred on `row`.
    @inline(__always)
    private static func nearest2Of5(_ row: UnsafeMutablePointer<SIMD2<Double>>, _ q: SIMD2<Double>) -> Double {
        let a = row[-2] - q, b = row[-1] - q, c = row[0] - q, d = row[1] - q, e = row[2] - q
        let ab = min(a.x * a.x + a.y * a.y, b.x * b.x + b.y * b.y)
        let cd = min(c.x * c.x + c.y * c.y, d.x * d.x + d.y * d.y)
        return min(min(ab, cd), e.x * e.x + e.y * e.y)
    }

    /// True if no slot holds a dot strictly closer than r to q, q lying in the cell of `slot`.
    ///
    /// Equivalent to testing every cell within ±n = ⌈r / cell⌉ columns and rows: a dot in a cell
    /// (dx, dy) away is at least ((|dx| − 1)⁺, (|dy| − 1)⁺) cells away along the axes (up to
    /// rounding of the cell coordinates, < 10⁻¹⁰ cell), so cells with
    /// ((|dx| − 1)⁺)² + ((|dy| − 1)⁺)² ≥ (r / cell)² (+ a margin) cannot conflict and are
    /// skipped when n > 2. Searches wider than the grid's padding (rule radii in nearly
    /// untreated cells) scan the whole square, clipped to the grid.
    ///
    /// Order, for speed: the 3 × 3 block around q first, where nearly every conflict is, then
    /// the rest of the 5 × 5 block, then (r > 2 cells) everything beyond, each stage as one
    /// minimum. Each branch is thus well predicted (most candidates fail the first; nearly all
    /// that pass one pass the next), where a branch per row or per cell mispredicts on most
    /// candidates.
    @inline(__always)
    mutating func fits(_ q: SIMD2<Double>, radius r: Double, column: Int, row: Int) -> Bool {
        fits(q, radius: r, column: column, row: row, inner: inner2(q, column: column, row: row))
    }

    /// Smallest squared distance from q to the dots of the 3 × 3 block around its cell
    /// (column, row): where nearly every conflict is, so the fill tests it before looking up
    /// q's own radius (a dot closer than the smallest session radius rules q out anyway).
    @inline(__always)
    func inner2(_ q: SIMD2<Double>, column: Int, row: Int) -> Double {
        let centre = slots + slotIndex(column: column, row: row)
        return min(min(Self.nearest2(centre - stride, 1, q), Self.nearest2(centre, 1, q)), Self.nearest2(centre + stride, 1, q))
    }

    /// `fits` given `inner = inner2(q, column, row)`.
    @inline(__always)
    mutating func fits(_ q: SIMD2<Double>, radius r: Double, column: Int, row: Int, inner: Double) -> Bool {
        let r2 = r * r
        let reach = r * frame.invCell
        let slot = slotIndex(column: column, row: row)
        if reach > Double(pad) { return fitsClipped(q, r2: r2, n: Int(reach.rounded(.up)), column: column, row: row) }
        let centre = slots + slot
        let up = centre - stride, down = centre + stride
        if inner < r2 { return false }
        // The rest of the 5 × 5 block (all of the search when r ≤ 2 cells).
        let sides = min(min(Self.d2(up[-2], q), Self.d2(up[2], q)),
                        min(min(Self.d2(centre[-2], q), Self.d2(centre[2], q)),
                            min(Self.d2(down[-2], q), Self.d2(down[2], q))))
        let ring = min(sides, min(Self.nearest2Of5(centre - 2 * stride, q), Self.nearest2Of5(centre + 2 * stride, q)))
        if reach <= 2 { return ring >= r2 }
        if ring < r2 { return false }
        // Beyond it (rows within ±2 always reach column ±2 when r > 2 cells).
        if reach != spansRadius { setSpans(reach: reach) }
        let n = Int(reach.rounded(.up))
        var m = min(min(Self.outer2(up, spans[pad - 1], q, from: 3), Self.outer2(centre, spans[pad], q, from: 3)),
                    min(Self.outer2(down, spans[pad + 1], q, from: 3),
                        min(Self.outer2(centre - 2 * stride, spans[pad - 2], q, from: 3),
                            Self.outer2(centre + 2 * stride, spans[pad + 2], q, from: 3))))
        for dy in 3...max(3, n) {
            let h = spans[pad + dy]   // symmetric in dy
            guard h >= 0 else { break }
            m = min(m, min(Self.nearest2(centre - dy * stride, h, q), Self.nearest2(centre + dy * stride, h, q)))
        }
        return m >= r2
    }

    /// `fits` for a search beyond the padding: every cell within ±n, clipped to the grid,
    /// visited ring by ring outwards from q's cell.
    ///
    /// The answer is the same as for any order (it is one minimum over the same cells), but
    /// such wide searches come from nearly untreated cells, where the scan's seeds almost
    /// always fail: the nearest stored dot is a few rings away, so stopping at the first ring
    /// that holds a conflict reads a few dozen cells instead of the whole grid.
    @inline(never)
    private func fitsClipped(_ q: SIMD2<Double>, r2: Double, n: Int, column: Int, row: Int) -> Bool {
        if Self.d2(slots[slotIndex(column: column, row: row)], q) < r2 { return false }
        guard n >= 1 else { return true }
        for k in 1...n {
            let top = row - k, bottom = row + k, left = column - k, right = column + k
            if top < 0, bottom >= frame.height, left < 0, right >= frame.width { return true }
            let c0 = max(0, left), c1 = min(frame.width - 1, right)
            var m = Double.infinity
            if top >= 0 {
                let base = slots + slotIndex(column: 0, row: top)
                for c in c0...c1 { m = min(m, Self.d2(base[c], q)) }
            }
            if bottom < frame.height {
                let base = slots + slotIndex(column: 0, row: bottom)
                for c in c0...c1 { m = min(m, Self.d2(base[c], q)) }
            }
            let r0 = max(0, top + 1), r1 = min(frame.height - 1, bottom - 1)
            if left >= 0 {
                var y = r0
                while y <= r1 { m = min(m, Self.d2(slots[slotIndex(column: left, row: y)], q)); y += 1 }
            }
            if right < frame.width {
                var y = r0
                while y <= r1 { m = min(m, Self.d2(slots[slotIndex(column: right, row: y)], q)); y += 1 }
            }
            if m < r2 { return false }
        }
        return true
    }

    /// Row half-widths for a search of `reach` cells: row offset dy keeps the columns dx with
    /// ((|dx| − 1)⁺)² < reach² (1 + 10⁻¹²) + 10⁻⁶ − ((|dy| − 1)⁺)², at most ⌈reach⌉.
    private mutating func setSpans(reach: Double) {
        spansRadius = reach
        let n = Int(reach.rounded(.up))
        precondition(n <= pad, "search reach beyond the background grid's padding")
        let limit = reach * reach * (1 + 1e-12) + 1e-6
        for i in spans.indices { spans[i] = -1 }
        for dy in 0...n {
            let a = Double(max(dy - 1, 0))
            let rest = limit - a * a
            guard rest > 0 else { break }
            var b = min(n, Int(rest.squareRoot()))   // then the largest (dx − 1)⁺ ≤ n with b² < rest
            while b > 0, Double(b * b) >= rest { b -= 1 }
            while b < n, Double((b + 1) * (b + 1)) < rest { b += 1 }
            spans[pad + dy] = min(n, b + 1)
            spans[pad - dy] = spans[pad + dy]
        }
    }
}
