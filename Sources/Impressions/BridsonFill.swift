import Support

/// The Poisson-disk pass: scan-seeded Bridson with a radius that varies per target cell.
///
/// A candidate q is accepted iff it lies in a treated cell and no stored dot (existing or new)
/// is closer than `r_s(q)`; since `r_s ≥ r_rule`, this is the spacing invariant for q against
/// everything placed before it. Candidates around an active dot p are drawn at distance
/// uniform in [r_s(p), 2 r_s(p)] in a uniformly random direction.
///
/// Allocation: the new-dot and active arrays grow geometrically (amortised, no per-dot heap
/// allocation); the grid is allocated once.
func bridsonFill(_ bg: inout BackgroundGrid, radii: SessionRadii, attempts: Int,
                 rng: inout Xoshiro256StarStar) -> [SIMD2<Double>] {
    var placed: [SIMD2<Double>] = []
    var active: [SIMD2<Double>] = []
    placed.reserveCapacity(bg.width * bg.height / 3)
    active.reserveCapacity(1024)

    @inline(__always)
    func tryInsert(_ q: SIMD2<Double>) -> Bool {
        let r = radii.at(q)
        guard r > 0 else { return false }
        let c = Int(((q.x - bg.minX) * bg.invCell).rounded(.down))
        let row = Int(((q.y - bg.minY) * bg.invCell).rounded(.down))
        guard c >= 0, c < bg.width, row >= 0, row < bg.height else { return false }
        guard bg.fits(q, radius: r, column: c, row: row) else { return false }
        bg.slots[row * bg.width + c] = q
        placed.append(q)
        active.append(q)
        return true
    }

    let cell = bg.cell
    for row in 0..<bg.height {
        for col in 0..<bg.width {
            guard bg.slots[row * bg.width + col].x.isNaN else { continue }
            let q = SIMD2(bg.minX + (Double(col) + rng.nextUnit()) * cell,
                          bg.minY + (Double(row) + rng.nextUnit()) * cell)
            guard tryInsert(q) else { continue }
            // Grow a Bridson front from this seed until it is exhausted.
            while !active.isEmpty {
                let k = rng.nextIndex(below: active.count)
                let p = active[k]
                let rp = radii.at(p)
                var found = false
                for _ in 0..<attempts {
                    // One 64-bit draw gives three 21-bit uniforms: direction (x, y) by rejection
                    // in the unit disc, and distance factor in [1, 2).
                    let bits = rng.next()
                    let ux = Double(bits >> 43) * 0x1p-20 - 1
                    let uy = Double((bits >> 22) & 0x1F_FFFF) * 0x1p-20 - 1
                    let s = ux * ux + uy * uy
                    guard s <= 1, s > 1e-6 else { continue }
                    let dist = rp * (1 + Double((bits >> 1) & 0x1F_FFFF) * 0x1p-21)
                    let scale = dist / s.squareRoot()
                    if tryInsert(SIMD2(p.x + ux * scale, p.y + uy * scale)) { found = true; break }
                }
                if !found {
                    active[k] = active[active.count - 1]
                    active.removeLast()
                }
            }
        }
    }
    return placed
}
