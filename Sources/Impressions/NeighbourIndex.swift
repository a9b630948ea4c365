/// A static uniform-grid spatial index (CSR layout) over a point set, for nearest-neighbour
/// and fixed-radius pair queries in the metrics.
///
/// Points are counting-sorted by cell into one flat array, so a cell's points are contiguous and
/// queries walk memory in order. Cell side defaults to the mean spacing sqrt(area / n) of the
/// bounding box, i.e. about one point per cell for an even pattern. Build is O(n), memory is
/// 16 + 4 bytes per point plus 4 bytes per cell (cells ≤ 4 n + 1).
struct NeighbourIndex {
    let frame: GridFrame
    /// Points of cell i are sorted[start[i] ..< start[i + 1]].
    let start: [Int32]
    let sorted: [SIMD2<Double>]
    /// Original index of each sorted point.
    let order: [Int32]

    init(_ points: [SIMD2<Double>], cellSize: Double? = nil) {
        var lo = SIMD2(Double.infinity, .infinity), hi = -lo
        for p in points { lo = pointwiseMin(lo, p); hi = pointwiseMax(hi, p) }
        if points.isEmpty { lo = .zero; hi = .zero }
        let extent = pointwiseMax(hi - lo, SIMD2(1e-9, 1e-9))
        let n = max(1, points.count)
        var c = cellSize ?? (extent.x * extent.y / Double(n)).squareRoot()
        // Keep the cell count ≤ 4n + 1 whatever the shape of the bounding box.
        c = max(c, (extent.x * extent.y / Double(4 * n)).squareRoot(), extent.x / Double(4 * n), extent.y / Double(4 * n))
        let frame = GridFrame(origin: lo, cell: c, width: max(1, Int(extent.x * (1 / c)) + 1),
                              height: max(1, Int(extent.y * (1 / c)) + 1))
        self.frame = frame

        // Counting sort by cell over flat storage (this index is rebuilt for every session's
        // metrics): count, prefix-sum, scatter.
        let w = frame.width, h = frame.height
        var start = [Int32](repeating: 0, count: w * h + 1)
        var cellOf = [Int32](repeating: 0, count: points.count)
        var sorted = [SIMD2<Double>](repeating: .zero, count: points.count)
        var order = [Int32](repeating: 0, count: points.count)
        points.withUnsafeBufferPointer { points in
        start.withUnsafeMutableBufferPointer { start in
        cellOf.withUnsafeMutableBufferPointer { cellOf in
        sorted.withUnsafeMutableBufferPointer { sorted in
        order.withUnsafeMutableBufferPointer { order in
            for i in 0..<points.count {
                let (cx, cy) = frame.clampedCell(of: points[i])
                let k = frame.flatIndex(column: cx, row: cy)
                cellOf[i] = Int32(k)
                start[k + 1] += 1
            }
            for k in 0..<(w * h) { start[k + 1] += start[k] }
            // Scatter, then shift the cursors back: after the scatter fill[k] = start[k + 1].
            for i in 0..<points.count {
                let k = Int(cellOf[i]), s = Int(start[k])
                sorted[s] = points[i]; order[s] = Int32(i); start[k] += 1
            }
            var k = w * h
            while k > 0 { start[k] = start[k - 1]; k -= 1 }
            start[0] = 0
        } } } } }
        self.start = start
        self.sorted = sorted
        self.order = order
    }

    // The frame's fields, as the searches below and the tests read them.
    var cell: Double { frame.cell }
    var invCell: Double { frame.invCell }
    var width: Int { frame.width }
    var height: Int { frame.height }

    /// Distance from sorted point `s` to its nearest other point (∞ if it is alone).
    /// Rings of cells at Chebyshev distance k are searched outward; a point in ring k is at least
    /// (k − 1)·cell away (the query may sit anywhere in its cell), so once rings 0…k−1 are done
    /// the search stops if the best distance is ≤ (k − 1)·cell.
    ///
    /// Rings 0 and 1 (the 3 × 3 block, where the answer nearly always is) are read as three
    /// runs of the sorted array, since a row's cells are contiguous in it; the minimum is that of
    /// the same points whatever the order, so the result is the plain ring walk's.
    func nearestDistance(sortedIndex s: Int) -> Double {
        let q = sorted[s]
        let (qx, qy) = frame.clampedCell(of: q)
        var best2 = Double.infinity
        start.withUnsafeBufferPointer { start in
        sorted.withUnsafeBufferPointer { sorted in
            let x0 = max(0, qx - 1), x1 = min(width - 1, qx + 1)
            for y in max(0, qy - 1)...min(height - 1, qy + 1) {
                let t0 = Int(start[y * width + x0]), t1 = Int(start[y * width + x1 + 1])
                var t = t0
                while t < t1 {
                    let d = sorted[t] - q
                    let d2 = d.x * d.x + d.y * d.y
                    if t != s { best2 = min(best2, d2) }
                    t += 1
                }
            }
            let maxRing = max(width, height)
            var k = 2
            while k <= maxRing {
                let kc = Double(k - 1) * cell
                if best2 <= kc * kc { break }
                for y in (qy - k)...(qy + k) where y >= 0 && y < height {
                    let edgeRow = y == qy - k || y == qy + k
                    let step = edgeRow ? 1 : 2 * k
                    var x = qx - k
                    while x <= qx + k {
                        if x >= 0 && x < width {
                            let c = y * width + x
                            for t in Int(start[c])..<Int(start[c + 1]) where t != s {
                                let d = sorted[t] - q
                                best2 = min(best2, d.x * d.x + d.y * d.y)
                            }
                        }
                        x += step
                    }
                }
                k += 1
            }
        }
        }
        return best2.squareRoot()
    }

    /// Calls `body(s, t)` for every pair of sorted indices s < t within `reach` of each other
    /// (and possibly some farther: the caller tests the exact distance), given each sorted
    /// point's nearest-neighbour distance `nearest[s]`.
    ///
    /// A point whose nearest neighbour is farther than `reach` is in no such pair, and in a
    /// well-spaced pattern that is nearly every point, so only the few with a close neighbour
    /// search their ±⌈reach / cell⌉ block (as runs of the sorted array). Every pair the plain
    /// cell walk (every pair of cells within that block; the tests' reference) finds within
    /// `reach` is found here too: both its points have a neighbour that close.
    func forEachClosePair(reach: Double, nearest: [Double], _ body: (Int, Int) -> Void) {
        precondition(nearest.count == sorted.count)
        // √ of a squared distance below reach² may round up to reach (or reach + ulp).
        let keep = reach * (1 + 1e-9)
        let n = frame.cellsWithin(reach)
        for s in nearest.indices where nearest[s] <= keep {
            let (qx, qy) = frame.clampedCell(of: sorted[s])
            let x0 = max(0, qx - n), x1 = min(width - 1, qx + n)
            for y in max(0, qy - n)...min(height - 1, qy + n) {
                let t1 = Int(start[y * width + x1 + 1])
                var t = max(s + 1, Int(start[y * width + x0]))
                while t < t1 {
                    if nearest[t] <= keep { body(s, t) }
                    t += 1
                }
            }
        }
    }
}
