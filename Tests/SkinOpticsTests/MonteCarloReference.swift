import Foundation
@testable import SkinOptics
import Support

/// A small photon-packet Monte Carlo for layered slabs, written for the tests as the reference
/// the two-stream transport is checked against. It follows MCML (Wang, Jacques & Zheng 1995,
/// Comput. Methods Programs Biomed. 47:131): packets enter normally, lose the specular
/// reflection at the surface, take exponential steps in units of optical depth (a step that
/// reaches a layer boundary continues in the next layer with the rest of its optical depth),
/// deposit μa/μt of their weight at each interaction, scatter by the Henyey–Greenstein phase
/// function, meet the outer surfaces with an all-or-nothing Fresnel choice, and are ended by
/// Russian roulette below weight 1e-4. All layers share one refractive index.
///
/// Seeded (SplitMix64), so every run of a test sees the same numbers.
struct MonteCarloSlab {
    struct Layer {
        var muA: Double, muS: Double, g: Double
        /// cm; the last layer may be `.infinity` (semi-infinite).
        var thickness: Double
    }

    var layers: [Layer]
    var nTissue: Double
    var nAbove = 1.0
    var nBelow = 1.0

    struct Result {
        /// Diffuse reflectance (specular excluded), diffuse transmittance, specular reflectance,
        /// each per incident packet, with their standard errors.
        var diffuseReflectance: Double, diffuseReflectanceError: Double
        var transmittance: Double
        var specular: Double
    }

    func run(photons: Int, seed: UInt64) -> Result {
        var rng = SplitMix64(seed: seed)
        func uniform() -> Double { Double(rng.next() >> 11) * 0x1.0p-53 }
        let tops: [Double] = layers.indices.map { i in layers[..<i].reduce(0) { $0 + $1.thickness } }
        let rsp = ((nAbove - nTissue) / (nAbove + nTissue)) * ((nAbove - nTissue) / (nAbove + nTissue))
        var rSum = 0.0, rSumSq = 0.0, tSum = 0.0
        for _ in 0..<photons {
            var w = 1 - rsp
            var x = 0.0, y = 0.0, z = 0.0
            var ux = 0.0, uy = 0.0, uz = 1.0
            var layer = 0
            var escapedUp = 0.0
            alive: while true {
                var remaining = -Foundation.log(max(uniform(), 1e-300))  // optical depth to travel
                // Move, crossing internal boundaries, until an interaction or an outer surface.
                while true {
                    let l = layers[layer]
                    let mut = l.muA + l.muS
                    let s = remaining / mut
                    let top = tops[layer], bottom = top + l.thickness
                    var dBoundary = Double.infinity
                    if uz > 0 { dBoundary = (bottom - z) / uz } else if uz < 0 { dBoundary = (top - z) / uz }
                    if s < dBoundary {
                        x += s * ux; y += s * uy; z += s * uz
                        break
                    }
                    x += dBoundary * ux; y += dBoundary * uy; z = uz > 0 ? bottom : top
                    remaining -= dBoundary * mut
                    let goingDown = uz > 0
                    let next = goingDown ? layer + 1 : layer - 1
                    if next >= 0 && next < layers.count { layer = next; continue }
                    // An outer surface: Fresnel reflection or escape.
                    let nOut = goingDown ? nBelow : nAbove
                    let r = Self.fresnel(n1: nTissue, n2: nOut, cosI: abs(uz))
                    if uniform() <= r {
                        uz = -uz
                    } else {
                        if goingDown { tSum += w } else { escapedUp += w }
                        break alive
                    }
                }
                // Interaction: absorb, then scatter.
                let l = layers[layer]
                w *= l.muS / (l.muA + l.muS)
                (ux, uy, uz) = Self.scatter(ux, uy, uz, g: l.g, xi1: uniform(), xi2: uniform())
                if w < 1e-4 {
                    if uniform() < 0.1 { w *= 10 } else { break alive }
                }
            }
            rSum += escapedUp; rSumSq += escapedUp * escapedUp
        }
        let n = Double(photons)
        let mean = rSum / n
        return Result(diffuseReflectance: mean, diffuseReflectanceError: ((rSumSq / n - mean * mean) / n).squareRoot(),
                      transmittance: tSum / n, specular: rsp)
    }

    /// Fresnel reflectance and Henyey–Greenstein spin: the same formulas as the column Monte
    /// Carlo's (one home, `ColumnMonteCarlo`); both Monte Carlos are held to the MCML / van de
    /// Hulst slab in `TwoStreamTests` and `ColumnMonteCarloTests`.
    static func fresnel(n1: Double, n2: Double, cosI: Double) -> Double { ColumnMonteCarlo.fresnel(n1: n1, n2: n2, cosI: cosI) }

    static func scatter(_ ux: Double, _ uy: Double, _ uz: Double, g: Double, xi1: Double, xi2: Double) -> (Double, Double, Double) {
        ColumnMonteCarlo.scatter(ux, uy, uz, g: g, xi1: xi1, xi2: xi2)
    }
}
