import ScalpModel

/// Rasterises the union of healed discs at a fine pixel size, tile by tile, and counts covered
/// pixels per region label, only in treated cells (target > 0).
///
/// Memory is bounded: the chart is cut into 256×256-pixel tiles (6.4 mm at 25 µm); each dot is
/// listed (CSR) under every tile its disc's bounding box touches; one tile raster of generation
/// stamps (256 KiB, reused, never cleared: a pixel is set when its stamp equals the tile's
/// generation) is live at a time. Work is proportional to the covered pixels, not the chart.
/// A pixel is covered when its centre lies inside a disc (distance ≤ r).
struct CoverageRaster {
    static let tile = 256
    let grid: ChartGrid
    let pixel: Double
    let tilesX: Int
    let tilesY: Int

    init(grid: ChartGrid, pixelMM: Double) {
        self.grid = grid
        pixel = pixelMM
        let tileMM = pixelMM * Double(Self.tile)
        tilesX = max(1, Int(((grid.maxX - grid.minX) / tileMM).rounded(.up)))
        tilesY = max(1, Int(((grid.maxY - grid.minY) / tileMM).rounded(.up)))
    }

    /// Covered pixel count per label (indexed 0…labelCount−1).
    func coveredPixels(_ dots: [Impression], labels: [UInt8], target: [Float], labelCount: Int) -> [Int] {
        let T = Self.tile, tileMM = pixel * Double(T)
        // Tile range of each disc's bounding box, clipped to the chart.
        @inline(__always) func tileRange(_ d: Impression) -> (Int, Int, Int, Int)? {
            let r = Double(d.diameterMM) / 2
            guard r > 0 else { return nil }
            let x0 = Int(((d.x - r - grid.minX) / tileMM).rounded(.down)), x1 = Int(((d.x + r - grid.minX) / tileMM).rounded(.down))
            let y0 = Int(((d.y - r - grid.minY) / tileMM).rounded(.down)), y1 = Int(((d.y + r - grid.minY) / tileMM).rounded(.down))
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

        // bin[c] = label + 1 for treated cells, 0 otherwise: one lookup per newly covered pixel.
        var bin = [Int32](repeating: 0, count: grid.count)
        for c in 0..<grid.count where target[c] > 0 { bin[c] = Int32(labels[c]) + 1 }
        var binCounts = [Int](repeating: 0, count: labelCount + 1)
        var stamp = [UInt32](repeating: 0, count: T * T)
        // Chart cell column / row offset of every pixel column / row (−1 outside the grid).
        let colCell = (0..<(tilesX * T)).map { p in
            let c = Int(((Double(p) + 0.5) * pixel / grid.cellSize).rounded(.down))
            return c < grid.width ? c : -1
        }
        let rowCell = (0..<(tilesY * T)).map { p in
            let r = Int(((Double(p) + 0.5) * pixel / grid.cellSize).rounded(.down))
            return r < grid.height ? r * grid.width : -1
        }
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
                        let d = dots[Int(members[m])]
                        let r = Double(d.diameterMM) / 2, r2 = r * r
                        // Pixel (i, j) has centre (ox + (i + 0.5) px, oy + (j + 0.5) px).
                        let cx = (d.x - ox) / pixel - 0.5, cy = (d.y - oy) / pixel - 0.5, rp = r / pixel
                        let j0 = max(0, Int((cy - rp).rounded(.up))), j1 = min(T - 1, Int((cy + rp).rounded(.down)))
                        guard j0 <= j1 else { continue }
                        for j in j0...j1 {
                            let dy = (Double(j) - cy) * pixel
                            let half = r2 - dy * dy
                            guard half >= 0, rowCell[py0 + j] >= 0 else { continue }
                            let hw = half.squareRoot() / pixel
                            let i0 = max(0, Int((cx - hw).rounded(.up))), i1 = min(T - 1, Int((cx + hw).rounded(.down)))
                            guard i0 <= i1 else { continue }
                            let rowBase = rowCell[py0 + j], sBase = j * T
                            for i in i0...i1 where stamp[sBase + i] != generation {
                                stamp[sBase + i] = generation
                                let col = colCell[px0 + i]
                                if col >= 0 { counts[Int(bin[rowBase + col])] += 1 }
                            }
                        }
                    }
                }
            }
        }
        }
        }
        let counts = Array(binCounts.dropFirst())
        return counts
    }
}
