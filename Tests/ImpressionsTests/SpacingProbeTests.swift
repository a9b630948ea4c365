import Testing
import ScalpModel
import Support
@testable import Impressions

/// `SpacingProbe` replaces the sampler's straightforward lookups with faster ones (no division
/// for uniform fields, a pruned and reordered neighbourhood search). These tests hold it to the
/// straightforward definitions on adversarial inputs: dots and candidates on and within 10⁻¹² mm
/// of cell edges, search reaches from 1.4 to 12 cells (the grid pads only 8).
@Suite("Spacing probe agrees with brute force")
struct SpacingProbeTests {
    /// A coordinate in about [−2 step, extent]: a multiple k · step (computed as the grids compute
    /// their edges), a hair either side of one, or random.
    static func edgy(_ rng: inout Xoshiro256StarStar, step: Double, extent: Double) -> Double {
        let k = Double(rng.nextIndex(below: Int(extent / step) + 3) - 2)
        switch rng.nextIndex(below: 4) {
        case 0: return k * step
        case 1: return k * step - 1e-12
        case 2: return k * step + 1e-12
        default: return (rng.nextUnit() * (extent / step + 2) - 2) * step
        }
    }

    @Test("fits(q, r) ⇔ no stored dot closer than r, for reaches 1.4–12 cells (beyond the padding too)", arguments: [UInt64(1), 2, 3])
    func fitsMatchesBruteForce(seed: UInt64) {
        let side = 20.0, rMin = 0.5, rMax = 12 * rMin / 2.0.squareRoot()
        let target = Fixtures.uniform(side: side, perCM2: 110)
        let radii = SessionRadii(target: target, fraction: 1, rule: SpacingRule(), options: PoissonDiskOptions())!
        var bg = BackgroundGrid(minX: 0, minY: 0, maxX: side, maxY: side, cell: rMin / 2.0.squareRoot(), reach: rMax)
        var rng = Xoshiro256StarStar(seed: seed)
        var stored: [SIMD2<Double>] = []
        for _ in 0..<500 {
            let p = SIMD2(Self.edgy(&rng, step: bg.cell, extent: side), Self.edgy(&rng, step: bg.cell, extent: side))
            let c = Int(((p.x - bg.minX) * bg.invCell).rounded(.down)), r = Int(((p.y - bg.minY) * bg.invCell).rounded(.down))
            guard c >= 0, c < bg.width, r >= 0, r < bg.height, bg.isEmpty(column: c, row: r) else { continue }
            bg.slots[bg.slotIndex(column: c, row: r)] = p
            stored.append(p)
        }
        #expect(stored.count > 300)
        var disagreements = 0, fitting = 0, checked = 0
        let grid = bg
        radii.perCell.withUnsafeBufferPointer { radius in
            bg.slots.withUnsafeMutableBufferPointer { slots in
                var probe = SpacingProbe(grid: grid, slots: slots.baseAddress!, radii: radii, radius: radius.baseAddress!)
                for _ in 0..<20_000 {
                    let q = SIMD2(Self.edgy(&rng, step: grid.cell, extent: side), Self.edgy(&rng, step: grid.cell, extent: side))
                    let r = rMin + (rMax - rMin) * rng.nextUnit()
                    guard let (c, row) = probe.cell(of: q) else { continue }
                    let brute = stored.allSatisfy { p in let d = p - q; return d.x * d.x + d.y * d.y >= r * r }
                    let fast = probe.fits(q, radius: r, column: c, row: row)
                    checked += 1
                    if brute { fitting += 1 }
                    if brute != fast { disagreements += 1 }
                }
            }
        }
        #expect(checked > 15_000)
        #expect(fitting > 100)            // both outcomes exercised
        #expect(fitting < checked - 100)
        #expect(disagreements == 0)
    }

    @Test("a lone dot at about distance r, in any direction, conflicts iff closer than r (reaches 1.4–12 cells)")
    func loneDotAtTheRim() {
        let side = 20.0, rMin = 0.5, rMax = 12 * rMin / 2.0.squareRoot()
        let target = Fixtures.uniform(side: side, perCM2: 110)
        let radii = SessionRadii(target: target, fraction: 1, rule: SpacingRule(), options: PoissonDiskOptions())!
        var bg = BackgroundGrid(minX: 0, minY: 0, maxX: side, maxY: side, cell: rMin / 2.0.squareRoot(), reach: rMax)
        var rng = Xoshiro256StarStar(seed: 77)
        var disagreements = 0, fitting = 0, checked = 0
        let grid = bg
        radii.perCell.withUnsafeBufferPointer { radius in
            bg.slots.withUnsafeMutableBufferPointer { slots in
                var probe = SpacingProbe(grid: grid, slots: slots.baseAddress!, radii: radii, radius: radius.baseAddress!)
                for _ in 0..<50_000 {
                    let p = SIMD2(Self.edgy(&rng, step: grid.cell, extent: side), Self.edgy(&rng, step: grid.cell, extent: side))
                    let u = SIMD2(rng.nextUnit() - 0.5, rng.nextUnit() - 0.5)
                    let q = p + u * ((rMin + (rMax - rMin) * rng.nextUnit()) / (u.x * u.x + u.y * u.y).squareRoot())
                    guard let (pc, pr) = probe.cell(of: p), let (c, row) = probe.cell(of: q) else { continue }
                    let d = p - q, d2 = d.x * d.x + d.y * d.y
                    // r = |p − q| exactly, or a hair (1 ulp-ish or 10⁻⁹) either side: ties and both outcomes.
                    let r = d2.squareRoot() * [1, 1 - 1e-15, 1 + 1e-15, 1 - 1e-9, 1 + 1e-9][rng.nextIndex(below: 5)]
                    probe.store(p, at: probe.slotIndex(column: pc, row: pr))
                    let fast = probe.fits(q, radius: r, column: c, row: row)
                    probe.store(BackgroundGrid.empty, at: probe.slotIndex(column: pc, row: pr))
                    let brute = d2 >= r * r
                    checked += 1
                    if brute { fitting += 1 }
                    if brute != fast { disagreements += 1 }
                }
            }
        }
        #expect(checked > 30_000)
        #expect(fitting > 5_000)
        #expect(fitting < checked - 5_000)
        #expect(disagreements == 0)
    }

    @Test("radius(at:) and cell(of:) match ChartGrid.index and floor, uniform and graded fields")
    func lookupsMatchDefinitions() {
        let uniform = Fixtures.uniform(side: 7, perCM2: 110, cell: 0.7)
        let graded = Fixtures.ramp(width: 7, height: 7, low: 20, high: 180, cell: 0.7)
        var rng = Xoshiro256StarStar(seed: 9)
        var mismatches = 0, inside = 0
        for target in [uniform, graded] {
            let radii = SessionRadii(target: target, fraction: 0.7, rule: SpacingRule(), options: PoissonDiskOptions())!
            var bg = BackgroundGrid(minX: target.grid.minX, minY: target.grid.minY, maxX: target.grid.maxX,
                                    maxY: target.grid.maxY, cell: radii.minimum / 2.0.squareRoot(), reach: radii.maximum)
            let grid = bg
            radii.perCell.withUnsafeBufferPointer { radius in
                bg.slots.withUnsafeMutableBufferPointer { slots in
                    let probe = SpacingProbe(grid: grid, slots: slots.baseAddress!, radii: radii, radius: radius.baseAddress!)
                    for _ in 0..<20_000 {
                        // Around the chart, edges of chart cells and of background cells included.
                        let step = rng.nextIndex(below: 2) == 0 ? 0.7 : grid.cell
                        let q = SIMD2(Self.edgy(&rng, step: step, extent: 7 + 2 * step),
                                      Self.edgy(&rng, step: step, extent: 7 + 2 * step))
                        if probe.radius(at: q) != radii.at(q) { mismatches += 1 }
                        if radii.at(q) > 0 { inside += 1 }
                        let u = (q - SIMD2(grid.minX, grid.minY)) * grid.invCell
                        let c = Int(u.x.rounded(.down)), r = Int(u.y.rounded(.down))
                        let expected = c >= 0 && c < grid.width && r >= 0 && r < grid.height ? (c, r) : nil
                        let got = probe.cell(of: q)
                        if got?.column != expected?.0 || got?.row != expected?.1 { mismatches += 1 }
                    }
                }
            }
        }
        #expect(inside > 15_000)
        #expect(mismatches == 0)
    }
}
