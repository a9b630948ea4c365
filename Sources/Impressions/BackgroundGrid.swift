/// Bridson's background grid, specialised for spacing checks.
///
/// Cells have side `cell ≤ rMin / √2`, where `rMin` is the smallest session radius; two points
/// in one (half-open) cell are closer than `rMin`, so at most one *new* dot can occupy a cell.
/// Each cell therefore stores the dot's position itself (NaN = empty) instead of an index:
/// the distance test reads one contiguous 16-byte slot per cell, with no indirection and no
/// branch on emptiness (a NaN distance compares false, i.e. "no conflict").
///
/// Pre-existing dots (earlier sessions, or hand-placed input) normally also fit one per cell;
/// any that share a cell go to a per-cell overflow list (CSR) that is only consulted when it
/// is non-empty, so arbitrary input is handled correctly without slowing the common case.
struct BackgroundGrid {
    let minX: Double
    let minY: Double
    let cell: Double
    let invCell: Double
    let width: Int
    let height: Int
    /// Position stored in each cell, NaN when empty.
    var slots: [SIMD2<Double>]
    /// Overflow CSR: dots of cell i are overflowPoints[overflowStart[i] ..< overflowStart[i+1]].
    private(set) var overflowStart: [Int32] = []
    private(set) var overflowPoints: [SIMD2<Double>] = []

    init(minX: Double, minY: Double, maxX: Double, maxY: Double, cell: Double) {
        precondition(cell > 0 && cell.isFinite)
        self.minX = minX
        self.minY = minY
        self.cell = cell
        self.invCell = 1 / cell
        width = max(1, Int(((maxX - minX) / cell).rounded(.up)))
        height = max(1, Int(((maxY - minY) / cell).rounded(.up)))
        precondition(width.multipliedReportingOverflow(by: height).partialValue < Int(Int32.max),
                     "background grid too large: spacing too small for the chart extent")
        slots = Array(repeating: SIMD2(.nan, .nan), count: width * height)
    }

    @inline(__always)
    func cellIndex(_ p: SIMD2<Double>) -> Int? {
        let c = Int(((p.x - minX) * invCell).rounded(.down))
        let r = Int(((p.y - minY) * invCell).rounded(.down))
        guard c >= 0, c < width, r >= 0, r < height else { return nil }
        return r * width + c
    }

    /// Inserts pre-existing dots; dots outside the grid cannot conflict with new ones
    /// farther than the search radius, so those within reach are clamped into the edge cells'
    /// overflow lists and the rest ignored.
    mutating func insertExisting(_ points: [SIMD2<Double>], reach: Double) {
        var overflow: [(cell: Int32, p: SIMD2<Double>)] = []
        for p in points {
            let cf = ((p.x - minX) * invCell).rounded(.down), rf = ((p.y - minY) * invCell).rounded(.down)
            guard p.x.isFinite, p.y.isFinite else { continue }
            let pad = (reach * invCell).rounded(.up) + 1
            guard cf >= -pad, cf < Double(width) + pad, rf >= -pad, rf < Double(height) + pad else { continue }
            let c = min(max(Int(cf), 0), width - 1), r = min(max(Int(rf), 0), height - 1)
            let i = r * width + c
            if Int(cf) == c, Int(rf) == r, slots[i].x.isNaN {
                slots[i] = p
            } else {
                overflow.append((Int32(i), p))
            }
        }
        guard !overflow.isEmpty else { return }
        overflow.sort { $0.cell < $1.cell }
        overflowStart = Array(repeating: 0, count: width * height + 1)
        for o in overflow { overflowStart[Int(o.cell) + 1] += 1 }
        for i in 0..<(width * height) { overflowStart[i + 1] += overflowStart[i] }
        overflowPoints = overflow.map(\.p)
    }

    /// True if no stored dot lies strictly closer than `r` to `q`.
    /// Cells are visited over ±ceil(r / cell), clipped to the grid.
    @inline(__always)
    func fits(_ q: SIMD2<Double>, radius r: Double, column qc: Int, row qr: Int) -> Bool {
        let n = Int((r * invCell).rounded(.up))
        let r2 = r * r
        let c0 = max(0, qc - n), c1 = min(width - 1, qc + n)
        let y0 = max(0, qr - n), y1 = min(height - 1, qr + n)
        let ok = slots.withUnsafeBufferPointer { s -> Bool in
            for row in y0...y1 {
                let base = row * width
                for col in c0...c1 {
                    let d = s[base + col] - q
                    if d.x * d.x + d.y * d.y < r2 { return false }
                }
            }
            return true
        }
        guard ok, !overflowPoints.isEmpty else { return ok }
        for row in y0...y1 {
            for i in (row * width + c0)...(row * width + c1) {
                for k in Int(overflowStart[i])..<Int(overflowStart[i + 1]) {
                    let d = overflowPoints[k] - q
                    if d.x * d.x + d.y * d.y < r2 { return false }
                }
            }
        }
        return true
    }
}
