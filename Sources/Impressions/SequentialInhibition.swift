import ScalpModel
import Support

/// The hard-core random pattern of `placement: random` (and of the follicles among thinning
/// hair): simple sequential inhibition (Diggle, *Statistical Analysis of Spatial Point
/// Patterns*, SSI). Candidates fall at random with intensity proportional to the target, and
/// each is kept unless a dot already placed (an earlier session's, or this one's) is closer
/// than the spacing rule at the candidate; each block receives its expected count.
///
/// **Why not the even sampler with a smaller radius.** Until 2026-12 this mode filled the
/// treated area to saturation at the rule radius with the Bridson sampler and then kept a
/// random few per cent. That is correct in distribution for a *thinned saturated* packing, but
/// independent thinning keeps the saturated packing's pair correlation: a peak of near pairs
/// just beyond the rule radius, which an untrained hand placing dots one by one does not make.
/// It also cost the fill of every point the rule allows: with the too-close template's 0.16 mm
/// rule about 500 000 dots a session were placed to keep 13 000, a 130 MB background grid, and
/// 14 s of CPU per simulate. Sequential inhibition places only the dots that are kept.
///
/// **Guarantees** (the same as the even sampler's, checked by the same tests):
/// - Spacing invariant: ordering existing dots first and the new ones in returned order, every
///   p before q has `|p − q| ≥ rule.radiusMM(at q)` (radius from `target` at q's chart cell,
///   found with `ChartGrid.index`).
/// - Density: each block (`blockMM`, whole chart cells) receives `max(0, fraction × Σ target ×
///   cell area − existing dots in the block)` new dots, stochastically rounded, unless
///   `attemptsPerDot` candidates in a row are refused there (the block is full under the rule):
///   then as many as fit.
/// - Deterministic: one `Xoshiro256StarStar` stream, no libm transcendental functions.
///
/// Blocks are served in rounds (one dot per unfinished block per round), so no block fills
/// before its neighbours and the order leaves no seams.
struct SequentialInhibition {
    let target: ScalarField
    /// The rule radius of each chart cell (0 untreated) and the smallest: `SessionRadii` of a
    /// session that does not spread its dots.
    let radii: SessionRadii
    let blocks: BlockThinning
    /// Candidates refused in a row before a block counts as full.
    let attemptsPerDot: Int

    init(target: ScalarField, radii: SessionRadii, blockMM: Double, attemptsPerDot: Int) {
        precondition(attemptsPerDot > 0)
        self.target = target
        self.radii = radii
        blocks = BlockThinning(grid: target.grid, blockMM: blockMM)
        self.attemptsPerDot = attemptsPerDot
    }

    /// New dots for one session, in placement order, and the session's expected new count.
    func place(fraction: Double, existing: [SIMD2<Double>], rng: inout Xoshiro256StarStar)
        -> (positions: [SIMD2<Double>], expectedNew: Double) {
        let grid = target.grid
        let expected = blocks.expectedNew(existing: existing, target: target, fraction: fraction)
        let expectedNew = expected.reduce(0) { $0 + max(0, $1) }
        let cells = BlockCells(blocks: blocks, target: target)
        // Per block: how many new dots it should get (stochastic rounding, as `BlockThinning`).
        var wanted = [Int](repeating: 0, count: expected.count)
        for b in expected.indices where expected[b] > 0 && cells.weight(of: b) > 0 {
            wanted[b] = Int((expected[b] + rng.nextUnit()).rounded(.down))
        }
        var open = wanted.indices.filter { wanted[$0] > 0 }
        guard !open.isEmpty else { return ([], expectedNew) }

        let radius = radii.perCell
        var index = InhibitionIndex(chart: grid, cell: radii.minimum)
        for p in existing { index.insert(p) }

        var placed: [SIMD2<Double>] = []
        placed.reserveCapacity(wanted.reduce(0, +))
        var count = [Int](repeating: 0, count: wanted.count)
        while !open.isEmpty {
            var stillOpen: [Int] = []
            stillOpen.reserveCapacity(open.count)
            for b in open {
                var fitted = false
                for _ in 0..<attemptsPerDot {
                    let c = cells.draw(in: b, rng: &rng)
                    let column = c % grid.width, row = c / grid.width
                    let q = SIMD2(grid.minX + (Double(column) + rng.nextUnit()) * grid.cellSize,
                                  grid.minY + (Double(row) + rng.nextUnit()) * grid.cellSize)
                    // The rule is read where `ChartGrid` puts q (a point on a cell's edge can
                    // round into the next cell): the invariant's own lookup.
                    guard let i = grid.index(x: q.x, y: q.y), radius[i] > 0, index.isClear(q, radius: radius[i]) else { continue }
                    index.insert(q)
                    placed.append(q)
                    fitted = true
                    break
                }
                guard fitted else { continue }   // full under the rule: as many as fit
                count[b] += 1
                if count[b] < wanted[b] { stillOpen.append(b) }
            }
            open = stillOpen
        }
        return (placed, expectedNew)
    }
}

/// The treated chart cells of each block with their targets as cumulative weights, for drawing
/// a cell with probability proportional to its target.
private struct BlockCells {
    /// Cells of block b: `cell[start[b] ..< start[b + 1]]`, with `cumulative` their running
    /// target sums within the block.
    var start: [Int]
    var cell: [Int32]
    var cumulative: [Double]

    init(blocks: BlockThinning, target: ScalarField) {
        let grid = target.grid
        var perBlock = [Int](repeating: 0, count: blocks.blocksX * blocks.blocksY + 1)
        for (i, t) in target.values.enumerated() where t > 0 { perBlock[blocks.block(column: i % grid.width, row: i / grid.width) + 1] += 1 }
        for b in 1..<perBlock.count { perBlock[b] += perBlock[b - 1] }
        start = perBlock
        cell = [Int32](repeating: 0, count: perBlock.last!)
        cumulative = [Double](repeating: 0, count: perBlock.last!)
        var fill = Array(perBlock.dropLast())
        for (i, t) in target.values.enumerated() where t > 0 {   // row-major: fixed order within each block
            let b = blocks.block(column: i % grid.width, row: i / grid.width)
            let k = fill[b]
            cell[k] = Int32(i)
            cumulative[k] = (k > start[b] ? cumulative[k - 1] : 0) + Double(t)
            fill[b] += 1
        }
    }

    /// Σ target over block b's cells.
    func weight(of b: Int) -> Double { start[b + 1] > start[b] ? cumulative[start[b + 1] - 1] : 0 }

    /// A cell of block b (with treated cells), drawn with probability ∝ its target.
    func draw(in b: Int, rng: inout Xoshiro256StarStar) -> Int {
        let lo = start[b], hi = start[b + 1]
        let u = rng.nextUnit() * cumulative[hi - 1]
        // First cell whose running sum exceeds u.
        var a = lo, z = hi - 1
        while a < z {
            let m = (a + z) / 2
            if cumulative[m] > u { z = m } else { a = m + 1 }
        }
        return Int(cell[a])
    }
}

/// Dots placed so far, bucketed on a uniform grid over the chart for the spacing test: a head
/// per cell and a next link per dot (no allocation per dot; arrays grow geometrically). Dots
/// off the chart count in the nearest edge cell, which never hides one from a search (clamping
/// moves a cell towards any cell of the chart).
private struct InhibitionIndex {
    let frame: GridFrame
    var head: [Int32]
    var next: [Int32] = []
    var points: [SIMD2<Double>] = []

    /// `cell`: the smallest rule radius on the chart, so the common search reads 3 × 3 cells;
    /// no finer than 1/1024 of the chart's larger side (at most about a million cells, 4 MB).
    init(chart: ChartGrid, cell: Double) {
        let side = max(chart.maxX - chart.minX, chart.maxY - chart.minY)
        frame = GridFrame(covering: SIMD2(chart.minX, chart.minY), SIMD2(chart.maxX, chart.maxY), cell: max(cell, side / 1024))
        head = [Int32](repeating: -1, count: frame.count)
    }

    mutating func insert(_ p: SIMD2<Double>) {
        guard p.x.isFinite, p.y.isFinite else { return }
        let (c, r) = frame.clampedCell(of: p)
        let i = frame.flatIndex(column: c, row: r)
        next.append(head[i])
        head[i] = Int32(points.count)
        points.append(p)
    }

    /// True if no stored dot is strictly closer than `radius` to q.
    func isClear(_ q: SIMD2<Double>, radius: Double) -> Bool {
        let (qc, qr) = frame.clampedCell(of: q)
        let r2 = radius * radius
        return frame.allCells(within: radius, ofColumn: qc, row: qr) { i in
            var k = head[i]
            while k >= 0 {
                let d = points[Int(k)] - q
                if d.x * d.x + d.y * d.y < r2 { return false }
                k = next[Int(k)]
            }
            return true
        }
    }
}
