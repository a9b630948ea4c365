/// A raster over the head chart as the renderer sees it: cells of `cellSize` mm from
/// (`minX`, `minY`), row-major. Mirrors the scalp model's grid so Rendering needs no model types.
public struct ChartRaster: Sendable {
    public var minX: Double
    public var minY: Double
    public var cellSize: Double
    public var width: Int
    public var height: Int
    public var values: [Float]

    public init(minX: Double, minY: Double, cellSize: Double, width: Int, height: Int, values: [Float]) {
        precondition(values.count == width * height)
        self.minX = minX
        self.minY = minY
        self.cellSize = cellSize
        self.width = width
        self.height = height
        self.values = values
    }

    /// Whether `other` covers the same cells (so one index addresses both).
    public func sameGrid(as other: ChartRaster) -> Bool {
        minX == other.minX && minY == other.minY && cellSize == other.cellSize && width == other.width && height == other.height
    }
}

/// Outlines and labels drawn over every chart map so the viewer can orient themselves.
public struct ChartOverlay: Sendable {
    /// Head chart boundary, chart mm, closed.
    public var outline: [(x: Double, y: Double)]
    /// The designed hairline, chart mm, left to right.
    public var hairline: [(x: Double, y: Double)]
    /// Region label per cell (0 = off scalp), same grid convention as `ChartRaster`.
    public var regionLabels: ChartRaster?
    /// Names to print at each region's centre, indexed by label − 1.
    public var regionNames: [String]

    public init(outline: [(x: Double, y: Double)], hairline: [(x: Double, y: Double)] = [],
                regionLabels: ChartRaster? = nil, regionNames: [String] = []) {
        self.outline = outline
        self.hairline = hairline
        self.regionLabels = regionLabels
        self.regionNames = regionNames
    }
}

/// Maps chart millimetres to pixels for one image: a fixed scale and margins around the chart.
public struct ChartFrame: Sendable {
    public var minX: Double, minY: Double, maxX: Double, maxY: Double
    public var pixelsPerMM: Double
    public var left: Int, top: Int, right: Int, bottom: Int

    public init(minX: Double, minY: Double, maxX: Double, maxY: Double, pixelsPerMM: Double,
                left: Int = 40, top: Int = 70, right: Int = 40, bottom: Int = 70) {
        self.minX = minX
        self.minY = minY
        self.maxX = maxX
        self.maxY = maxY
        self.pixelsPerMM = pixelsPerMM
        self.left = left
        self.top = top
        self.right = right
        self.bottom = bottom
    }

    public var chartWidth: Int { Int(((maxX - minX) * pixelsPerMM).rounded(.up)) }
    public var chartHeight: Int { Int(((maxY - minY) * pixelsPerMM).rounded(.up)) }
    public var imageWidth: Int { left + chartWidth + right }
    public var imageHeight: Int { top + chartHeight + bottom }

    @inlinable
    public func pixel(_ x: Double, _ y: Double) -> (x: Double, y: Double) {
        (Double(left) + (x - minX) * pixelsPerMM, Double(top) + (y - minY) * pixelsPerMM)
    }

    /// Chart mm at the centre of pixel (px, py).
    @inlinable
    public func chart(_ px: Int, _ py: Int) -> (x: Double, y: Double) {
        (minX + (Double(px - left) + 0.5) / pixelsPerMM, minY + (Double(py - top) + 0.5) / pixelsPerMM)
    }
}
