/// Which named scalp region each chart cell belongs to.
///
/// Label 0 means "off the scalp chart"; label k ≥ 1 means `names[k - 1]`.
/// A flat label raster (rather than polygons) makes per-dot region lookup one array read.
public struct RegionMap: Sendable, Equatable {
    public let grid: ChartGrid
    public let labels: [UInt8]
    public let names: [String]

    public init(grid: ChartGrid, labels: [UInt8], names: [String]) {
        precondition(labels.count == grid.count)
        precondition(names.count < 255)
        self.grid = grid
        self.labels = labels
        self.names = names
    }

    /// Label of the cell containing (x, y); 0 off the chart.
    @inlinable
    public func label(x: Double, y: Double) -> UInt8 {
        guard let i = grid.index(x: x, y: y) else { return 0 }
        return labels[i]
    }

    /// Name of the region at (x, y), nil off the scalp.
    public func name(x: Double, y: Double) -> String? {
        let l = label(x: x, y: y)
        return l == 0 ? nil : names[Int(l) - 1]
    }

    /// Area of every region in cm², indexed like `names`.
    public func areasCM2() -> [Double] {
        var counts = [Int](repeating: 0, count: names.count + 1)
        for l in labels { counts[Int(l)] += 1 }
        return counts.dropFirst().map { Double($0) * grid.cellAreaCM2 }
    }
}
