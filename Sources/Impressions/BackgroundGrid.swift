/// Bridson's background grid, specialised for spacing checks.
///
/// Cells have side `cell ≤ rMin / √2`, where `rMin` is the smallest session radius; two points
/// in one (half-open) cell are closer than `rMin`, so at most one *new* dot can occupy a cell.
/// Each cell therefore stores the dot's position itself (+∞ = empty) instead of an index:
/// the distance test reads one contiguous 16-byte slot per cell, with no indirection and no
/// branch on emptiness (an empty slot is infinitely far away, so it never conflicts and never
/// wins a minimum).
///
/// The grid is surrounded by `pad` rings of permanently empty cells, `pad` being the widest
/// neighbourhood a search needs (⌈rMax / cell⌉) up to `maxPad`, so a search around any cell
/// of the grid reads whole rows without clipping to the border. (Rule radii are never capped,
/// so in a nearly untreated cell rMax can be hundreds of cells: those rare searches clip
/// instead of the grid growing by hundreds of rings.)
///
/// Pre-existing dots (earlier sessions, or hand-placed input) normally also fit one per cell;
/// any that share a cell go to a per-cell overflow list (CSR) that is only consulted when it
/// is non-empty, so arbitrary input is handled correctly without slowing the common case.
struct BackgroundGrid {
    /// The grid proper (without the padding): origin, cells, size.
    let frame: GridFrame
    /// Empty rings around the grid, and the row stride of `slots` (width + 2 pad).
    let pad: Int
    let stride: Int
    /// Position stored in each cell, (+∞, +∞) when empty; (width + 2 pad) × (height + 2 pad).
    var slots: [SIMD2<Double>]
    /// Overflow CSR over the grid proper: dots of cell i = row · width + column are
    /// overflowPoints[overflowStart[i] ..< overflowStart[i+1]].
    private(set) var overflowStart: [Int32] = []
    private(set) var overflowPoints: [SIMD2<Double>] = []

    static let empty = SIMD2<Double>(.infinity, .infinity)
    /// Most empty rings kept around the grid.
    static let maxPad = 8

    /// - Parameter reach: the largest search radius that will be used (sets the padding).
    init(minX: Double, minY: Double, maxX: Double, maxY: Double, cell: Double, reach: Double) {
        precondition(cell > 0 && cell.isFinite && reach.isFinite && reach >= 0)
        frame = GridFrame(covering: SIMD2(minX, minY), SIMD2(maxX, maxY), cell: cell)
        pad = min(Self.maxPad, max(2, Int(min(reach * frame.invCell, Double(Self.maxPad)).rounded(.up))))
        stride = frame.width + 2 * pad
        precondition(stride.multipliedReportingOverflow(by: frame.height + 2 * pad).partialValue < Int(Int32.max),
                     "background grid too large: spacing too small for the chart extent")
        slots = Array(repeating: Self.empty, count: stride * (frame.height + 2 * pad))
    }

    // The frame's fields, as the fill and the tests read them.
    var minX: Double { frame.origin.x }
    var minY: Double { frame.origin.y }
    var cell: Double { frame.cell }
    var invCell: Double { frame.invCell }
    var width: Int { frame.width }
    var height: Int { frame.height }

    /// Index into `slots` of cell (column, row) of the grid proper.
    @inline(__always)
    func slotIndex(column: Int, row: Int) -> Int { (row + pad) * stride + column + pad }

    @inline(__always)
    func isEmpty(column: Int, row: Int) -> Bool { slots[slotIndex(column: column, row: row)].x == .infinity }

    var hasOverflow: Bool { !overflowPoints.isEmpty }

    /// Inserts pre-existing dots; dots outside the grid cannot conflict with new ones
    /// farther than the search radius, so those within reach are clamped into the edge cells'
    /// overflow lists and the rest ignored.
    mutating func insertExisting(_ points: [SIMD2<Double>], reach: Double) {
        var overflow: [(cell: Int32, p: SIMD2<Double>)] = []
        let width = frame.width, height = frame.height
        for p in points {
            guard p.x.isFinite, p.y.isFinite else { continue }
            let u = frame.unit(p)
            let cf = u.x.rounded(.down), rf = u.y.rounded(.down)
            let pad = (reach * frame.invCell).rounded(.up) + 1
            guard cf >= -pad, cf < Double(width) + pad, rf >= -pad, rf < Double(height) + pad else { continue }
            let (c, r) = frame.clampedCell(of: p)
            let s = slotIndex(column: c, row: r)
            if Int(cf) == c, Int(rf) == r, slots[s].x == .infinity {
                slots[s] = p
            } else {
                overflow.append((Int32(frame.flatIndex(column: c, row: r)), p))
            }
        }
        guard !overflow.isEmpty else { return }
        overflow.sort { $0.cell < $1.cell }
        overflowStart = Array(repeating: 0, count: frame.count + 1)
        for o in overflow { overflowStart[Int(o.cell) + 1] += 1 }
        for i in 0..<frame.count { overflowStart[i + 1] += overflowStart[i] }
        overflowPoints = overflow.map(\.p)
    }

    /// True if no overflow dot lies strictly closer than `r` to `q` (in cell column `qc`, row
    /// `qr`). Cells are visited over ±ceil(r / cell), clipped to the grid. The slots themselves
    /// are checked by `SpacingProbe`.
    func overflowFits(_ q: SIMD2<Double>, radius r: Double, column qc: Int, row qr: Int) -> Bool {
        guard !overflowPoints.isEmpty else { return true }
        let r2 = r * r
        return frame.allCells(within: r, ofColumn: qc, row: qr) { i in
            for k in Int(overflowStart[i])..<Int(overflowStart[i + 1]) {
                let d = overflowPoints[k] - q
                if d.x * d.x + d.y * d.y < r2 { return false }
            }
            return true
        }
    }
}
