import ScalpModel
import Support

/// Removes new dots, block by block, down to each block's expected count.
///
/// Blocks are squares of whole target-grid cells (about `blockMM` on a side), so a block's
/// expected cumulative count is exact: `fraction × Σ target(cell) × cellAreaCM2`. The number of
/// new dots to keep is `max(0, expected − existing dots in the block)`, stochastically rounded
/// (floor(x + u), u uniform) so that sums over many blocks are unbiased, and capped by how many
/// the Poisson-disk pass placed there. Which dots to keep is a uniformly random subset
/// (partial Fisher–Yates). Removing dots can never break the spacing invariant, and kept dots
/// stay in placement order.
struct BlockThinning {
    let grid: ChartGrid
    let blockCells: Int
    let blocksX: Int
    let blocksY: Int

    init(grid: ChartGrid, blockMM: Double) {
        self.grid = grid
        blockCells = max(1, Int((blockMM / grid.cellSize).rounded()))
        blocksX = (grid.width + blockCells - 1) / blockCells
        blocksY = (grid.height + blockCells - 1) / blockCells
    }

    @inline(__always)
    func block(of p: SIMD2<Double>) -> Int? {
        guard let i = grid.index(x: p.x, y: p.y) else { return nil }
        return block(column: i % grid.width, row: i / grid.width)
    }

    /// Block of chart cell (column, row).
    @inline(__always)
    func block(column: Int, row: Int) -> Int { (row / blockCells) * blocksX + column / blockCells }

    /// Per block: the expected cumulative count after the session, `fraction × Σ target × cell
    /// area`, minus the existing dots in the block (negative where they are already over).
    func expectedNew(existing: [SIMD2<Double>], target: ScalarField, fraction: Double) -> [Double] {
        var expected = [Double](repeating: 0, count: blocksX * blocksY)
        for r in 0..<grid.height {
            for c in 0..<grid.width {
                let t = target.values[r * grid.width + c]
                if t > 0 { expected[block(column: c, row: r)] += Double(t) }
            }
        }
        let scale = fraction * grid.cellAreaCM2
        for b in expected.indices { expected[b] *= scale }
        for p in existing { if let b = block(of: p) { expected[b] -= 1 } }
        return expected
    }

    func thin(_ placed: [SIMD2<Double>], existing: [SIMD2<Double>], target: ScalarField,
              fraction: Double, rng: inout Xoshiro256StarStar) -> (kept: [SIMD2<Double>], expectedNew: Double) {
        let nb = blocksX * blocksY
        let expected = expectedNew(existing: existing, target: target, fraction: fraction)

        // Counting sort of new dots by block (CSR), keeping placement order inside a block.
        var start = [Int32](repeating: 0, count: nb + 1)
        var blockOf = [Int32](repeating: -1, count: placed.count)
        for (i, p) in placed.enumerated() {
            if let b = block(of: p) { blockOf[i] = Int32(b); start[b + 1] += 1 }
        }
        for b in 0..<nb { start[b + 1] += start[b] }
        var fill = start
        var members = [Int32](repeating: 0, count: placed.count)
        for i in placed.indices where blockOf[i] >= 0 {
            let b = Int(blockOf[i]); members[Int(fill[b])] = Int32(i); fill[b] += 1
        }

        var keep = [Bool](repeating: false, count: placed.count)
        var expectedNew = 0.0
        for b in 0..<nb {
            let want = max(0, expected[b])
            expectedNew += want
            let lo = Int(start[b]), n = Int(start[b + 1]) - lo
            guard want > 0 || n > 0 else { continue }
            let target = min(n, Int((want + rng.nextUnit()).rounded(.down)))
            // Partial Fisher–Yates: the first `target` slots become a uniform random subset.
            for j in 0..<target {
                let k = j + rng.nextIndex(below: n - j)
                members.swapAt(lo + j, lo + k)
                keep[Int(members[lo + j])] = true
            }
        }
        var kept: [SIMD2<Double>] = []
        kept.reserveCapacity(placed.count)
        for i in placed.indices where keep[i] { kept.append(placed[i]) }
        return (kept, expectedNew)
    }
}
