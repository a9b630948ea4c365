import Foundation
import Testing
@testable import SkinOptics

/// The adding–doubling solver against published values (Data/SOURCES.md, "Adding–doubling
/// reference values") and against the identities any exact layered solver must satisfy.
@Suite("Adding–doubling: published values and identities")
struct AddingDoublingTests {
    typealias AD = AddingDoubling

    static func totals(a: Double, b: Double, g: Double, n: Double, points: Int) -> AD.Totals {
        let q = AD.Quadrature(points: points, refractiveIndex: n)
        var s = AD.slab(.init(albedo: a, opticalThickness: b, g: g), q)
        if n != 1 {
            let boundary = AD.airBoundary(q)
            s = AD.add(AD.add(boundary, over: s), over: boundary)
        }
        return AD.Totals(s, q)
    }

    @Test("Prahl: a = 0.5, b = 1, g = 0.9, matched boundaries, 4 directions → UR1, UT1, URU, UTU")
    func prahlMatched() {
        let t = Self.totals(a: 0.5, b: 1, g: 0.9, n: 1, points: 4)
        #expect(abs(t.ur1 - 0.00585) < 1e-5 && abs(t.ut1 - 0.59232) < 1e-5, "\(t)")
        #expect(abs(t.uru - 0.01641) < 1e-5 && abs(t.utu - 0.42287) < 1e-5, "\(t)")
    }

    @Test("Prahl: a = 0.5, b = 1, g = 0.9, n = 1.4 slab in air, 4 directions → UR1, UT1, URU, UTU")
    func prahlInAir() {
        let t = Self.totals(a: 0.5, b: 1, g: 0.9, n: 1.4, points: 4)
        #expect(abs(t.ur1 - 0.03859) < 1e-5 && abs(t.ut1 - 0.54038) < 1e-5, "\(t)")
        #expect(abs(t.uru - 0.06527) < 1e-5 && abs(t.utu - 0.45887) < 1e-5, "\(t)")
    }

    @Test("Prahl's `ad` (tests/cli/expected/ad_basic.txt): a = 0.9, b = 1, g = 0.8, matched, 8 directions → UR1 0.04242, UT1 0.84561")
    func prahlAdBasic() {
        let t = Self.totals(a: 0.9, b: 1, g: 0.8, n: 1, points: 8)
        #expect(abs(t.ur1 - 0.04242) < 1e-5 && abs(t.ut1 - 0.84561) < 1e-5, "\(t)")
    }

    @Test("Prahl: reflection and transmission matrices, a = 0.5, b = 1, g = 0 and 0.9, 4 directions")
    func prahlMatrices() {
        let q = AD.Quadrature(points: 4, refractiveIndex: 1)
        let cases: [(g: Double, r: [Double], t: [Double])] = [
            (0, [0.80010, 0.31085, 0.18343, 0.14931, 0.31085, 0.20307, 0.14031, 0.11912,
                 0.18343, 0.14031, 0.10265, 0.08848, 0.14931, 0.11912, 0.08848, 0.07658],
                [0.01792, 0.06195, 0.07718, 0.07528, 0.06195, 0.37419, 0.09621, 0.08830,
                 0.07718, 0.09621, 0.62536, 0.07502, 0.07528, 0.08830, 0.07502, 3.00924]),
            (0.9, [0.57675, 0.15818, 0.03296, -0.00369, 0.15818, 0.04710, 0.00836, 0.01059,
                   0.03296, 0.00836, 0.00434, 0.00708, -0.00369, 0.01059, 0.00708, -0.00831],
                  [0.01817, 0.06990, 0.03529, 0.00115, 0.06990, 0.71075, 0.06555, 0.02857,
                   0.03529, 0.06555, 0.91100, 0.10190, 0.00115, 0.02857, 0.10190, 4.24324]),
        ]
        for c in cases {
            let s = AD.slab(.init(albedo: 0.5, opticalThickness: 1, g: c.g), q)
            let r = AD.prahlForm(s.reflection, q).values, t = AD.prahlForm(s.transmission, q).values
            #expect(zip(r, c.r).allSatisfy { abs($0 - $1) < 1e-5 }, "g \(c.g) R \(r)")
            #expect(zip(t, c.t).allSatisfy { abs($0 - $1) < 1e-5 }, "g \(c.g) T \(t)")
        }
    }

    @Test("van de Hulst (1980) via MCML: μa 10, μs 90 cm⁻¹, g 0.75, 0.2 mm, n = 1 → Rd 0.09739, Tt 0.66096")
    func vanDeHulstSlab() {
        let t = Self.totals(a: 0.9, b: 2, g: 0.75, n: 1, points: 16)
        #expect(abs(t.ur1 - 0.09739) < 2e-4 && abs(t.ut1 - 0.66096) < 2e-4, "\(t)")
    }

    @Test("A non-absorbing slab conserves energy (R + T = 1 for every incident direction), with and without an index step")
    func conservation() {
        for n in [1.0, 1.4] {
            let q = AD.Quadrature(points: 16, refractiveIndex: n)
            for g in [0.0, 0.8, 0.9] {
                let s = AD.slab(.init(albedo: 1, opticalThickness: 3, g: g), q)
                for j in 0..<q.count {
                    let sum = s.reflection.columnSum(j, rows: 0..<q.count) + s.transmission.columnSum(j, rows: 0..<q.count)
                    #expect(abs(sum - 1) < 1e-9, "n \(n) g \(g) direction \(j): \(sum)")
                }
                let b = AD.airBoundary(q)
                let t = AD.Totals(AD.add(AD.add(b, over: s), over: b), q)
                #expect(abs(t.ur1 + t.ut1 - 1) < 1e-9 && abs(t.uru + t.utu - 1) < 1e-9, "n \(n) g \(g): \(t)")
            }
        }
    }

    @Test("Two identical layers added equal one layer of twice the thickness")
    func addingEqualsDoubling() {
        let q = AD.Quadrature(points: 16, refractiveIndex: 1.4)
        for (a, g) in [(0.5, 0.0), (0.95, 0.9), (0.99, 0.8)] {
            let half = AD.slab(.init(albedo: a, opticalThickness: 0.7, g: g), q)
            let whole = AD.slab(.init(albedo: a, opticalThickness: 1.4, g: g), q)
            let sum = AD.add(half, over: half)
            let dr = zip(sum.reflection.values, whole.reflection.values).map { abs($0 - $1) }.max()!
            let dt = zip(sum.transmission.values, whole.transmission.values).map { abs($0 - $1) }.max()!
            #expect(dr < 1e-12 && dt < 1e-12, "a \(a) g \(g): ΔR \(dr) ΔT \(dt)")
        }
    }

    @Test("Layer order: A over B seen from below is B over A seen from above; diffuse transmission is the same both ways")
    func layerOrder() {
        let q = AD.Quadrature(points: 16, refractiveIndex: 1)
        let a = AD.slab(.init(albedo: 0.6, opticalThickness: 0.5, g: 0.8), q)
        let b = AD.slab(.init(albedo: 0.98, opticalThickness: 4, g: 0.9), q)
        let ab = AD.add(a, over: b), ba = AD.add(b, over: a)
        let d = zip(ab.reflectionBelow.values, ba.reflection.values).map { abs($0 - $1) }.max()!
        #expect(d < 1e-12, "max |ρ̃_AB − ρ_BA| \(d)")
        #expect(abs(AD.Totals(ab, q).utu - AD.Totals(ba, q).utu) < 1e-12)
    }

    @Test("A half-space is the limit of a thick slab")
    func halfSpaceLimit() {
        let q = AD.Quadrature(points: 16, refractiveIndex: 1.4)
        let inf = AD.slab(.init(albedo: 0.99, opticalThickness: .infinity, g: 0.8), q)
        let thick = AD.slab(.init(albedo: 0.99, opticalThickness: 4000, g: 0.8), q)
        let d = zip(inf.reflection.values, thick.reflection.values).map { abs($0 - $1) }.max()!
        #expect(d < 1e-9, "\(d)")
        #expect(thick.transmission.values.allSatisfy { abs($0) < 1e-12 })
    }
}
