import ScalpModel

/// Counts the pixels of a fine raster covered by the union of healed discs, per region label,
/// only in treated cells (target > 0). A pixel is covered when its centre lies inside a disc
/// (distance ≤ r).
///
/// The chart is cut into 256×256-pixel tiles (2.56 mm at 10 µm); each dot is listed (CSR) under
/// every tile its disc's bounding box touches. Within a tile a disc's pixels are found row by row:
/// row j of the disc covers pixel columns ⌈cx − w⌉ … ⌊cx + w⌋ with w = √(r² − dy²).
///
/// Most discs share no pixel with any other (a well-spaced plan has none that do), so their
/// pixels are *counted* a row at a time, split where a row crosses a chart-cell column, without
/// touching a pixel: O(rows) per disc instead of O(pixels). Discs flagged `overlapping` (centres
/// closer than r_i + r_j + a pixel, so they might share a pixel centre) are instead *painted*
/// into one tile raster of generation stamps (256 KiB, reused, never cleared: a pixel is set when
/// its stamp equals the tile's generation) so that shared pixels count once. Both paths use the
/// same per-tile arithmetic for the row and column bounds, so the counts are exactly those of
/// painting every disc (tests compare the two, and a brute-force per-pixel reference).
struct CoverageRaster {
    static let tile = 256
    let grid: ChartGrid
    let pixel: Double
    let tilesX: Int
    let tilesY: Int
    let labelCount: Int
    /// bin[c] = label + 1 for treated cells (target > 0), 0 otherwise: one lookup per pixel or run.
    let bin: [Int32]
    /// Chart cell column / row offset of every pixel column / row (−1 outside the grid), and the
    /// last pixel column of each pixel column's chart cell (cells are runs of columns).
    let colCell: [Int]
    let colRunEnd: [Int]
    let rowCell: [Int]

    /// The lookup tables depend only on the grid, its labels and target, and the pixel size, so
    /// one raster serves every dot set measured on them.
    init(grid: ChartGrid, pixelMM: Double, labels: [UInt8], target: [Float], labelCount: Int) {
        precondition(labels.count == grid.count && target.count == grid.count)
        self.grid = grid
        pixel = pixelMM
        self.labelCount = labelCount
        let T = Self.tile, tileMM = pixelMM * Double(T)
        let tilesX = ChartGrid.cells(spanning: grid.maxX - grid.minX, cell: tileMM)
        let tilesY = ChartGrid.cells(spanning: grid.maxY - grid.minY, cell: tileMM)
        self.tilesX = tilesX
        self.tilesY = tilesY
        var bin = [Int32](repeating: 0, count: grid.count)
        for c in 0..<grid.count where target[c] > 0 { bin[c] = Int32(labels[c]) + 1 }
        self.bin = bin
        let colCell = (0..<(tilesX * T)).map { p in
            let c = Int(((Double(p) + 0.5) * pixelMM / grid.cellSize).rounded(.down))
            return c < grid.width ? c : -1
        }
        var colRunEnd = [Int](repeating: 0, count: colCell.count)
        for p in colCell.indices.reversed() {
            colRunEnd[p] = p + 1 < colCell.count && colCell[p + 1] == colCell[p] ? colRunEnd[p + 1] : p
        }
        self.colCell = colCell
        self.colRunEnd = colRunEnd
        rowCell = (0..<(tilesY * T)).map { p in
            let r = Int(((Double(p) + 0.5) * pixelMM / grid.cellSize).rounded(.down))
            return r < grid.height ? r * grid.width : -1
        }
    }

    /// Covered area per label (indexed 0…labelCount−1), in pixels (× pixel² for mm²): the
    /// metric the reports use.
    ///
    /// A disc that shares no pixel with another (`overlapping[i]` false) and whose bounding box
    /// lies in chart cells of one bin (one label, all treated, or all untreated) contributes its
    /// exact area π r², since the union is then that disc alone and all of it counts for that
    /// bin. In a well-spaced plan that is nearly every disc (a Norwood VI plan: all but the few
    /// dozen crossing a region or treatment edge), at O(1) each. The rest (overlapping discs,
    /// discs across a bin edge or the chart edge) are counted on the raster (`coveredPixels`).
    ///
    /// Against the raster, which counts pixel centres, each lone disc differs by less than the
    /// area of its rim one half pixel-diagonal wide, π((r + p/√2)² − r²) (every counted pixel
    /// square lies inside the disc grown by p/√2, every square inside the disc shrunk by p/√2
    /// is counted); shifted at random those errors have mean 0, so over thousands of dots the
    /// covered fraction agrees to ~10⁻⁴ (tests measure both).
    func coveredArea(_ dots: [Impression], overlapping: [Bool]) -> [Double] {
        precondition(overlapping.count == dots.count)
        var area = [Double](repeating: 0, count: labelCount + 1)
        var rest: [Impression] = [], restOverlapping: [Bool] = []
        let scale = Double.pi / (pixel * pixel)
        dots.withUnsafeBufferPointer { dots in
        overlapping.withUnsafeBufferPointer { overlapping in
        bin.withUnsafeBufferPointer { bin in
        area.withUnsafeMutableBufferPointer { area in
            let geometry = GridFrame(grid)
            for i in 0..<dots.count {
                let d = dots[i]
                let r = Double(d.diameterMM) / 2
                guard r > 0 else { continue }   // no pixel either way
                if !overlapping[i], let b = geometry.uniformBin(x: d.x, y: d.y, r: r, bin: bin) {
                    area[b] += scale * r * r
                } else {
                    rest.append(d)
                    restOverlapping.append(overlapping[i])
                }
            }
        }
        }
        }
        }
        if !rest.isEmpty {
            for (l, n) in coveredPixels(rest, overlapping: restOverlapping).enumerated() { area[l + 1] += Double(n) }
        }
        return Array(area.dropFirst())
    }

    /// Covered pixel count per label (indexed 0…labelCount−1). `overlapping[i]` must be true for
    /// every disc whose pixels might meet another disc's; nil paints every disc (the reference).
    func coveredPixels(_ dots: [Impression], overlapping: [Bool]? = nil) -> [Int] {
        precondition(overlapping == nil || overlapping!.count == dots.count)
        let T = Self.tile, tileMM = pixel * Double(T)
        let grid = grid, tilesX = tilesX, tilesY = tilesY, pixel = pixel
        let colCell = colCell, colRunEnd = colRunEnd, rowCell = rowCell
        // Tile range of each disc's bounding box, clipped to the chart.
        @inline(__always) func tileRange(_ d: Impression) -> (Int, Int, Int, Int)? {
            let r = Double(d.diameterMM) / 2
            guard r > 0 else { return nil }
            let x0 = floorInt((d.x - r - grid.minX) / tileMM), x1 = floorInt((d.x + r - grid.minX) / tileMM)
            let y0 = floorInt((d.y - r - grid.minY) / tileMM), y1 = floorInt((d.y + r - grid.minY) / tileMM)
            guard x1 >= 0, y1 >= 0, x0 < tilesX, y0 < tilesY else { return nil }
            return (max(0, x0), min(tilesX - 1, x1), max(0, y0), min(tilesY - 1, y1))
        }
        var start = [Int32](repeating: 0, count: tilesX * tilesY + 1)
        for d in dots {
            guard let (x0, x1, y0, y1) = tileRange(d) else { continue }
            for ty in y0...y1 { for tx in x0...x1 { start[ty * tilesX + tx + 1] += 1 } }
        }
        for k in 0..<(tilesX * tilesY) { start[k + 1] += start[k] }
        var fill = start
        var members = [Int32](repeating: 0, count: Int(start[tilesX * tilesY]))
        for (i, d) in dots.enumerated() {
            guard let (x0, x1, y0, y1) = tileRange(d) else { continue }
            for ty in y0...y1 {
                for tx in x0...x1 { let k = ty * tilesX + tx; members[Int(fill[k])] = Int32(i); fill[k] += 1 }
            }
        }

        var binCounts = [Int](repeating: 0, count: labelCount + 1)
        var stamp = [UInt32](repeating: 0, count: overlapping == nil || overlapping!.contains(true) ? T * T : 0)
        var generation: UInt32 = 0
        stamp.withUnsafeMutableBufferPointer { stamp in
        binCounts.withUnsafeMutableBufferPointer { counts in
        bin.withUnsafeBufferPointer { bin in
            for ty in 0..<tilesY {
                for tx in 0..<tilesX {
                    let k = ty * tilesX + tx
                    guard start[k] < start[k + 1] else { continue }
                    generation += 1
                    let px0 = tx * T, py0 = ty * T
                    let ox = grid.minX + Double(tx * T) * pixel, oy = grid.minY + Double(ty * T) * pixel
                    for m in Int(start[k])..<Int(start[k + 1]) {
                        let index = Int(members[m])
                        let d = dots[index]
                        let paint = overlapping?[index] ?? true
                        let r = Double(d.diameterMM) / 2, r2 = r * r
                        // Pixel (i, j) has centre (ox + (i + 0.5) px, oy + (j + 0.5) px).
                        let cx = (d.x - ox) / pixel - 0.5, cy = (d.y - oy) / pixel - 0.5, rp = r / pixel
                        let j0 = max(0, ceilInt(cy - rp)), j1 = min(T - 1, floorInt(cy + rp))
                        guard j0 <= j1 else { continue }
                        if !paint {
                            // Most discs lie inside one chart cell: every row's span is inside
                            // the disc's column range, so the rows' lengths add up to one bin.
                            let c0 = max(0, ceilInt(cx - rp)), c1 = min(T - 1, floorInt(cx + rp))
                            if c0 <= c1, case let col = colCell[px0 + c0], col >= 0, col == colCell[px0 + c1],
                               case let row = rowCell[py0 + j0], row >= 0, row == rowCell[py0 + j1] {
                                var n = 0
                                for j in j0...j1 {
                                    let dy = (Double(j) - cy) * pixel
                                    let half = r2 - dy * dy
                                    guard half >= 0 else { continue }
                                    let hw = half.squareRoot() / pixel
                                    let i0 = max(0, ceilInt(cx - hw)), i1 = min(T - 1, floorInt(cx + hw))
                                    if i0 <= i1 { n += i1 - i0 + 1 }
                                }
                                counts[Int(bin[row + col])] += n
                                continue
                            }
                        }
                        for j in j0...j1 {
                            let dy = (Double(j) - cy) * pixel
                            let half = r2 - dy * dy
                            guard half >= 0, rowCell[py0 + j] >= 0 else { continue }
                            let hw = half.squareRoot() / pixel
                            let i0 = max(0, ceilInt(cx - hw)), i1 = min(T - 1, floorInt(cx + hw))
                            guard i0 <= i1 else { continue }
                            let rowBase = rowCell[py0 + j]
                            if paint {
                                let sBase = j * T
                                for i in i0...i1 where stamp[sBase + i] != generation {
                                    stamp[sBase + i] = generation
                                    let col = colCell[px0 + i]
                                    if col >= 0 { counts[Int(bin[rowBase + col])] += 1 }
                                }
                            } else {
                                // Runs of pixels in one chart cell; past the grid's last column
                                // every column is −1, so the row ends there.
                                var i = i0
                                while i <= i1 {
                                    let col = colCell[px0 + i]
                                    guard col >= 0 else { break }
                                    let end = min(i1, colRunEnd[px0 + i] - px0)
                                    counts[Int(bin[rowBase + col])] += end - i + 1
                                    i = end + 1
                                }
                            }
                        }
                    }
                }
            }
        }
        }
        }
        return Array(binCounts.dropFirst())
    }
}

/// The chart cell test of `CoverageRaster.coveredArea`.
private extension GridFrame {
    /// The bin (label + 1, or 0 untreated) shared by every chart cell that the disc's bounding
    /// box touches, or nil if they differ or the box leaves the chart.
    @inline(__always)
    func uniformBin(x: Double, y: Double, r: Double, bin: UnsafeBufferPointer<Int32>) -> Int? {
        let low = unit(SIMD2(x - r, y - r)), high = unit(SIMD2(x + r, y + r))
        // Inside the chart (this also keeps the conversions below in range).
        guard low.x >= 0, low.y >= 0, high.x < size.x, high.y < size.y else { return nil }
        let c0 = Int(low.x), c1 = Int(high.x), r0 = Int(low.y), r1 = Int(high.y)   // truncation = floor for ≥ 0
        let first = bin[r0 &* width &+ c0]
        if c0 == c1 && r0 == r1 { return Int(first) }
        for row in r0...r1 {
            for c in c0...c1 where bin[row &* width &+ c] != first { return nil }
        }
        return Int(first)
    }
}

/// ⌈x⌉ and ⌊x⌋ as Int for finite x in Int's range, without a libm call (the portable x86-64
/// build has no inline rounding instruction): truncate, then step once. Equal to
/// `Int(x.rounded(.up))` / `Int(x.rounded(.down))`.
@inline(__always) private func ceilInt(_ x: Double) -> Int {
    let t = Int(x)
    return Double(t) < x ? t + 1 : t
}

@inline(__always) private func floorInt(_ x: Double) -> Int {
    let t = Int(x)
    return Double(t) > x ? t - 1 : t
}
