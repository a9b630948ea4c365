extension ChartRaster {
    /// The centre (chart mm) of the cell deepest inside the set of cells where `inside` holds:
    /// the one farthest from any cell outside it (chamfer 3-4 distance transform, two passes).
    ///
    /// Used to place a region's name and a close-up: a centroid can fall outside a ring- or
    /// C-shaped region (mid-scalp around the crown, a horseshoe fringe); this point cannot.
    public func interiorPoint(where inside: (Float) -> Bool) -> (x: Double, y: Double)? {
        let w = width, h = height
        let far = Int32.max / 2
        var d = [Int32](repeating: 0, count: w * h)
        var any = false
        for i in 0..<(w * h) where inside(values[i]) { d[i] = far; any = true }
        guard any else { return nil }
        // Cells outside the raster count as outside the set.
        func at(_ c: Int, _ r: Int) -> Int32 { c < 0 || r < 0 || c >= w || r >= h ? 0 : d[r * w + c] }
        for r in 0..<h {
            for c in 0..<w where d[r * w + c] > 0 {
                d[r * w + c] = min(d[r * w + c], at(c - 1, r) + 3, at(c, r - 1) + 3, at(c - 1, r - 1) + 4, at(c + 1, r - 1) + 4)
            }
        }
        var best = (value: Int32(-1), index: 0)
        for r in stride(from: h - 1, through: 0, by: -1) {
            for c in stride(from: w - 1, through: 0, by: -1) where d[r * w + c] > 0 {
                let v = min(d[r * w + c], at(c + 1, r) + 3, at(c, r + 1) + 3, at(c + 1, r + 1) + 4, at(c - 1, r + 1) + 4)
                d[r * w + c] = v
                if v >= best.value { best = (v, r * w + c) }
            }
        }
        let r = best.index / w, c = best.index % w
        return (minX + (Double(c) + 0.5) * cellSize, minY + (Double(r) + 0.5) * cellSize)
    }
}
