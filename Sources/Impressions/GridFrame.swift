import ScalpModel

/// Where a uniform square-cell grid lies on the chart and how a point maps to its cell: the
/// arithmetic the spatial indexes (`BackgroundGrid`, `NeighbourIndex`, `SpacingProbe`) and the
/// coverage raster's cell test share, written once.
///
/// A point's cell is found by *multiplying* by the stored inverse cell, `(p − origin) · invCell`,
/// not dividing: these lookups run once per candidate or dot in the sampler and the metrics.
/// (`ChartGrid.index` divides; the two are not interchangeable bit for bit, so code that must
/// agree with `ChartGrid` keeps its division.)
///
/// A plain value of six stored fields, with every method inlined: no indirection in the hot loops.
struct GridFrame {
    /// Chart mm of the corner of cell (0, 0): left edge of column 0, top edge of row 0.
    let origin: SIMD2<Double>
    /// Side of one square cell, mm, and its inverse.
    let cell: Double
    let invCell: Double
    /// Cells across and down.
    let width: Int
    let height: Int
    /// (width, height) as Doubles, the bound of the in-grid test on unit coordinates.
    let size: SIMD2<Double>

    init(origin: SIMD2<Double>, cell: Double, width: Int, height: Int) {
        self.origin = origin
        self.cell = cell
        invCell = 1 / cell
        self.width = width
        self.height = height
        size = SIMD2(Double(width), Double(height))
    }

    /// Covers [low, high] with cells of side `cell`, as `ChartGrid(covering:…)` does (at least one
    /// cell each way).
    init(covering low: SIMD2<Double>, _ high: SIMD2<Double>, cell: Double) {
        self.init(origin: low, cell: cell, width: ChartGrid.cells(spanning: high.x - low.x, cell: cell),
                  height: ChartGrid.cells(spanning: high.y - low.y, cell: cell))
    }

    /// The frame of a chart grid (same origin, cells and size).
    init(_ chart: ChartGrid) {
        self.init(origin: SIMD2(chart.minX, chart.minY), cell: chart.cellSize, width: chart.width, height: chart.height)
    }

    var count: Int { width * height }

    /// q in cell units from the origin: cell (column, row) holds the points whose unit
    /// coordinates lie in [column, column + 1) × [row, row + 1).
    @inline(__always)
    func unit(_ q: SIMD2<Double>) -> SIMD2<Double> { (q - origin) * invCell }

    /// Cell (column, row) of q, or nil outside the grid. For unit coordinates ≥ 0 truncation is
    /// `floor`, and below 0 the point is outside anyway.
    @inline(__always)
    func cell(of q: SIMD2<Double>) -> (column: Int, row: Int)? {
        let u = unit(q)
        guard u.x >= 0, u.y >= 0, u.x < size.x, u.y < size.y else { return nil }
        return (Int(u.x), Int(u.y))
    }

    /// Cell of q, clamped to the grid: a point off the grid counts in the nearest edge cell.
    @inline(__always)
    func clampedCell(of q: SIMD2<Double>) -> (column: Int, row: Int) {
        let u = unit(q)
        return (min(width - 1, max(0, Int(u.x))), min(height - 1, max(0, Int(u.y))))
    }

    /// Row-major index of cell (column, row).
    @inline(__always)
    func flatIndex(column: Int, row: Int) -> Int { row * width + column }

    /// How many cells a search of radius r must reach each way, ⌈r / cell⌉.
    @inline(__always)
    func cellsWithin(_ r: Double) -> Int { Int((r * invCell).rounded(.up)) }

    /// True if `test` holds for every cell (its flat index) within ⌈r / cell⌉ cells of
    /// (column, row) each way, clipped to the grid; stops at the first cell where it fails. The
    /// square search of the spatial indexes that keep a list per cell.
    @inline(__always)
    func allCells(within r: Double, ofColumn qc: Int, row qr: Int, _ test: (Int) -> Bool) -> Bool {
        let n = cellsWithin(r)
        let c0 = max(0, qc - n), c1 = min(width - 1, qc + n)
        for row in max(0, qr - n)...min(height - 1, qr + n) {
            for i in flatIndex(column: c0, row: row)...flatIndex(column: c1, row: row) where !test(i) { return false }
        }
        return true
    }
}
