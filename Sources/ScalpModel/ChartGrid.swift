/// A regular raster laid over the head chart, in millimetres.
///
/// Because the chart is equal-area, every cell covers the same area of skin
/// (`cellAreaCM2`), so counts per cell divide directly into densities per cm².
public struct ChartGrid: Hashable, Sendable, Codable {
    /// Chart x (mm) of the left edge of column 0.
    public var minX: Double
    /// Chart y (mm) of the top edge of row 0 (y grows towards the nape).
    public var minY: Double
    /// Side of one square cell, mm.
    public var cellSize: Double
    public var width: Int
    public var height: Int

    public init(minX: Double, minY: Double, cellSize: Double, width: Int, height: Int) {
        precondition(cellSize > 0 && width > 0 && height > 0)
        self.minX = minX
        self.minY = minY
        self.cellSize = cellSize
        self.width = width
        self.height = height
    }

    /// Covers the rectangle [minX, maxX] × [minY, maxY] with cells of `cellSize` mm.
    public init(covering minX: Double, _ minY: Double, _ maxX: Double, _ maxY: Double, cellSize: Double) {
        self.init(minX: minX, minY: minY, cellSize: cellSize,
                  width: Self.cells(spanning: maxX - minX, cell: cellSize),
                  height: Self.cells(spanning: maxY - minY, cell: cellSize))
    }

    /// Cells of side `cell` that cover `length` mm: ⌈length / cell⌉, at least one. The one rule
    /// for every grid laid over the chart (this one, the sampler's background grid, the
    /// coverage raster's tiles).
    @inlinable
    public static func cells(spanning length: Double, cell: Double) -> Int {
        max(1, Int((length / cell).rounded(.up)))
    }

    public var count: Int { width * height }
    public var maxX: Double { minX + Double(width) * cellSize }
    public var maxY: Double { minY + Double(height) * cellSize }
    /// Area of one cell in cm² (1 cm² = 100 mm²).
    public var cellAreaCM2: Double { cellSize * cellSize / 100 }

    /// Centre of cell (column, row) in chart mm.
    @inlinable
    public func center(column: Int, row: Int) -> (x: Double, y: Double) {
        (minX + (Double(column) + 0.5) * cellSize, minY + (Double(row) + 0.5) * cellSize)
    }

    /// Flat index of the cell containing (x, y), or nil outside the grid.
    @inlinable
    public func index(x: Double, y: Double) -> Int? {
        let c = Int(((x - minX) / cellSize).rounded(.down))
        let r = Int(((y - minY) / cellSize).rounded(.down))
        guard c >= 0, c < width, r >= 0, r < height else { return nil }
        return r * width + c
    }
}

/// A scalar quantity sampled on a `ChartGrid` (row-major, row 0 at `minY`).
/// Used for residual hair (0…1), treatment weight (0…1) and target density (impressions/cm²).
public struct ScalarField: Sendable, Equatable {
    public let grid: ChartGrid
    public var values: [Float]

    public init(grid: ChartGrid, values: [Float]) {
        precondition(values.count == grid.count)
        self.grid = grid
        self.values = values
    }

    public init(grid: ChartGrid, repeating value: Float = 0) {
        self.init(grid: grid, values: Array(repeating: value, count: grid.count))
    }

    /// Value of the cell containing (x, y); 0 outside the grid.
    @inlinable
    public func value(x: Double, y: Double) -> Float {
        guard let i = grid.index(x: x, y: y) else { return 0 }
        return values[i]
    }

    public var maximum: Float { values.max() ?? 0 }

    /// Applies `transform` to every value, keeping the grid.
    public func map(_ transform: (Float) -> Float) -> ScalarField {
        ScalarField(grid: grid, values: values.map(transform))
    }
}
