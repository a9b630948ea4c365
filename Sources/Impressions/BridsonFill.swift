import Support

/// The Poisson-disk pass: scan-seeded Bridson with a radius that varies per target cell.
///
/// A candidate q is accepted iff it lies in a treated cell and no stored dot (existing or new)
/// is closer than `r_s(q)`; since `r_s ≥ r_rule`, this is the spacing invariant for q against
/// everything placed before it. Candidates around an active dot p are drawn at distance
/// uniform in [r_s(p), 2 r_s(p)] in a uniformly random direction.
///
/// Speed: the per-candidate work (radius lookup, cell, distance test) is `SpacingProbe`, on raw
/// pointers; each active dot carries its radius so it is looked up once. Allocation: the
/// new-dot and active arrays grow geometrically (amortised, no per-dot heap allocation); the
/// grid is allocated once.
func bridsonFill(_ bg: inout BackgroundGrid, radii: SessionRadii, attempts: Int,
                 rng: inout Xoshiro256StarStar) -> [SIMD2<Double>] {
    // Take the slots out of the grid so they are uniquely referenced (written in place) while
    // the overflow lists are read from `bg`.
    var slots = bg.slots
    bg.slots = []
    let grid = bg
    let placed = radii.perCell.withUnsafeBufferPointer { radius in
        slots.withUnsafeMutableBufferPointer { slotBuffer in
            var fill = BridsonFront(grid: grid, probe: SpacingProbe(grid: grid, slots: slotBuffer.baseAddress!,
                                                                   radii: radii, radius: radius.baseAddress!),
                                    minimumRadius: radii.minimum)
            fill.run(attempts: attempts, rng: &rng, spans: SeedSpan.rows(of: grid, radii: radii))
            return fill.placed
        }
    }
    bg.slots = slots
    return placed
}

/// The fill's state; a struct with mutating methods (rather than closures capturing variables)
/// so that every access is statically checked.
private struct BridsonFront {
    let grid: BackgroundGrid
    var probe: SpacingProbe
    /// Square of the smallest session radius (every treated cell's radius is at least this).
    let minimumRadius2: Double
    var placed: [SIMD2<Double>] = []
    var active: [ActiveDot] = []

    init(grid: BackgroundGrid, probe: SpacingProbe, minimumRadius: Double) {
        self.grid = grid
        self.probe = probe
        minimumRadius2 = minimumRadius * minimumRadius
        placed.reserveCapacity(grid.width * grid.height / 3)
        active.reserveCapacity(1024)
    }

    /// Places q if it fits; true if placed.
    @inline(__always)
    mutating func tryInsert(_ q: SIMD2<Double>) -> Bool {
        guard let (c, row) = probe.cell(of: q) else { return false }
        // Every treated radius is ≥ the session minimum, so a dot closer than that refuses q
        // whatever its radius: most candidates are refused here without the radius lookup.
        let inner = probe.inner2(q, column: c, row: row)
        guard inner >= minimumRadius2 else { return false }
        let r = probe.radius(at: q)
        guard r > 0, probe.fits(q, radius: r, column: c, row: row, inner: inner),
              !grid.hasOverflow || grid.overflowFits(q, radius: r, column: c, row: row) else { return false }
        probe.store(q, at: probe.slotIndex(column: c, row: row))
        placed.append(q)
        active.append(ActiveDot(position: q, radius: r))
        return true
    }

    mutating func run(attempts: Int, rng: inout Xoshiro256StarStar, spans: [SeedSpan]) {
        let cell = grid.cell
        for row in 0..<grid.height {
            let span = spans[row]
            for col in 0..<grid.width {
                guard probe.isEmpty(probe.slotIndex(column: col, row: row)) else { continue }
                let q = SIMD2(grid.minX + (Double(col) + rng.nextUnit()) * cell,
                              grid.minY + (Double(row) + rng.nextUnit()) * cell)
                // Outside the row's treated span the seed's radius is 0 (it would be refused);
                // its two draws above are still taken, so the stream is unchanged.
                guard col >= span.first, col <= span.last, trySeed(q) else { continue }
                grow(attempts: attempts, rng: &rng)
            }
        }
    }

    /// `tryInsert` for the scan's seeds, kept out of line so the hot loop in `grow` inlines its own.
    @inline(never)
    mutating func trySeed(_ q: SIMD2<Double>) -> Bool { tryInsert(q) }

    /// Grows the Bridson front from the active dots until it is exhausted.
    mutating func grow(attempts: Int, rng: inout Xoshiro256StarStar) {
        while !active.isEmpty {
            let k = rng.nextIndex(below: active.count)
            let p = active[k].position
            let rp = active[k].radius
            var found = false
            for _ in 0..<attempts {
                // One 64-bit draw gives three 21-bit uniforms: direction (x, y) by
                // rejection in the unit disc, and distance factor in [1, 2).
                let bits = rng.next()
                let ux = Double(bits >> 43) * 0x1p-20 - 1
                let uy = Double((bits >> 22) & 0x1F_FFFF) * 0x1p-20 - 1
                let s = ux * ux + uy * uy
                guard s <= 1, s > 1e-6 else { continue }
                let dist = rp * (1 + Double((bits >> 1) & 0x1F_FFFF) * 0x1p-21)
                let scale = dist / s.squareRoot()
                if tryInsert(SIMD2(p.x + ux * scale, p.y + uy * scale)) { found = true; break }
            }
            if !found {
                active[k] = active[active.count - 1]
                active.removeLast()
            }
        }
    }
}

/// A dot on the Bridson front and its session radius.
struct ActiveDot {
    var position: SIMD2<Double>
    var radius: Double
}

/// The background columns of one background row that may hold a treated point (radius > 0);
/// first > last when none can.
struct SeedSpan {
    var first: Int
    var last: Int

    /// Per background row: the columns covering the treated chart cells of every chart row
    /// the background row touches, widened by one chart row and one background column on each
    /// side so that rounding in the seed's coordinates (a seed lies in its cell up to an ulp)
    /// can never put a treated point outside.
    static func rows(of bg: BackgroundGrid, radii: SessionRadii) -> [SeedSpan] {
        let chart = radii.grid
        // Treated column range of each chart row.
        var chartFirst = [Int](repeating: Int.max, count: chart.height), chartLast = [Int](repeating: Int.min, count: chart.height)
        radii.perCell.withUnsafeBufferPointer { radius in
            for r in 0..<chart.height {
                let base = r * chart.width
                var c = 0
                while c < chart.width, radius[base + c] <= 0 { c += 1 }
                guard c < chart.width else { continue }
                var e = chart.width - 1
                while radius[base + e] <= 0 { e -= 1 }
                chartFirst[r] = c
                chartLast[r] = e
            }
        }
        return (0..<bg.height).map { row in
            let y0 = bg.minY + Double(row) * bg.cell, y1 = y0 + bg.cell
            let r0 = max(0, Int(((y0 - chart.minY) / chart.cellSize).rounded(.down)) - 1)
            let r1 = min(chart.height - 1, Int(((y1 - chart.minY) / chart.cellSize).rounded(.down)) + 1)
            var first = Int.max, last = Int.min
            if r0 <= r1 {
                for r in r0...r1 where chartFirst[r] <= chartLast[r] {
                    first = min(first, chartFirst[r])
                    last = max(last, chartLast[r])
                }
            }
            guard first <= last else { return SeedSpan(first: 1, last: 0) }
            let x0 = chart.minX + Double(first) * chart.cellSize, x1 = chart.minX + Double(last + 1) * chart.cellSize
            return SeedSpan(first: Int(((x0 - bg.minX) * bg.invCell).rounded(.down)) - 1,
                            last: Int(((x1 - bg.minX) * bg.invCell).rounded(.down)) + 1)
        }
    }
}
