import Foundation
import Testing
@testable import SkinOptics

/// The transport the skin model uses, against published benchmark values and against the
/// seeded Monte Carlo of `MonteCarloReference.swift`. Tolerances are stated per case: the
/// δ-Eddington two-stream is an approximation, good to a few per cent for skin-like layers and
/// to about 10 % for a thin, optically moderate slab.
@Suite("δ-Eddington two-stream transport: published benchmarks and Monte Carlo")
struct TwoStreamTests {
    /// Reflectance (collimated incidence, specular excluded) of a stack of layers with the
    /// last one semi-infinite or bounded by `nBelow`, under the surface correction for `n`.
    static func twoStream(_ layers: [MonteCarloSlab.Layer], n: Double, nBelow: Double = 1) -> Double {
        func layer(_ l: MonteCarloSlab.Layer) -> TwoStream.Layer {
            TwoStream.layer(muA: l.muA, muSPrime: l.muS * (1 - l.g), g: l.g, thickness: l.thickness)
        }
        let last = layers.last!
        var sub: (collimated: Double, diffuse: Double)
        if last.thickness.isInfinite {
            sub = TwoStream.halfSpace(muA: last.muA, muSPrime: last.muS * (1 - last.g), g: last.g)
        } else {
            let bottom = Saunderson(refractiveIndex: n / nBelow)
            sub = TwoStream.reflectance(of: layer(last), over: n == nBelow ? (0, 0) : (bottom.k1, bottom.k2))
        }
        for l in layers.dropLast().reversed() { sub = TwoStream.reflectance(of: layer(l), over: sub) }
        return n == 1 ? sub.collimated : Saunderson(refractiveIndex: n).measured(collimated: sub.collimated, diffuse: sub.diffuse)
    }

    @Test("MCML / van de Hulst slab (μa 10, μs 90 cm⁻¹, g 0.75, 0.2 mm, n = 1): Monte Carlo within 3σ, two-stream within 10 %")
    func mcmlSlab() {
        // Wang, Jacques & Zheng (1995), comparison with van de Hulst (1980): Rd = 0.09739, Tt = 0.66096.
        let slab = MonteCarloSlab.Layer(muA: 10, muS: 90, g: 0.75, thickness: 0.02)
        let mc = MonteCarloSlab(layers: [slab], nTissue: 1).run(photons: 100_000, seed: 7)
        #expect(abs(mc.diffuseReflectance - 0.09739) < 3 * mc.diffuseReflectanceError + 1e-4, "MC Rd \(mc.diffuseReflectance) ± \(mc.diffuseReflectanceError)")
        #expect(abs(mc.transmittance - 0.66096) < 0.004, "MC Tt \(mc.transmittance)")
        let ts = TwoStream.layer(muA: 10, muSPrime: 90 * 0.25, g: 0.75, thickness: 0.02)
        #expect(abs(ts.collimatedReflectance / 0.09739 - 1) < 0.10, "two-stream Rd \(ts.collimatedReflectance)")
        #expect(abs(ts.collimatedTotalTransmittance / 0.66096 - 1) < 0.03, "two-stream Tt \(ts.collimatedTotalTransmittance)")
    }

    @Test("thin forward-scattering slab (Prahl's ad: a 0.9, b 1, g 0.8): two-stream within 15 %, Kubelka–Munk over twice too reflective")
    func thinSlabAgainstAddingDoubling() {
        // scottprahl/iad tests/cli/expected/ad_basic.txt: `ad -m -a 0.9 -b 1 -g 0.8 -q 8`
        // → UR1 0.04242, UT1 0.84561 (normal incidence, matched boundaries, unit thickness).
        let muS = 0.9, muA = 0.1, g = 0.8
        let ts = TwoStream.layer(muA: muA, muSPrime: muS * (1 - g), g: g, thickness: 1)
        #expect(abs(ts.collimatedReflectance / 0.04242 - 1) < 0.15, "two-stream UR1 \(ts.collimatedReflectance)")
        #expect(abs(ts.collimatedTotalTransmittance / 0.84561 - 1) < 0.03, "two-stream UT1 \(ts.collimatedTotalTransmittance)")
        let km = KubelkaMunk.layer(K: 2 * muA, S: 0.75 * muS * (1 - g), thickness: 1)
        #expect(km.R > 2 * 0.04242, "K–M R \(km.R): the thin-layer overestimate the two-stream method removes")
    }

    @Test("van de Hulst slab at oblique light is out of scope, but diffuse incidence obeys reciprocity and energy balance")
    func energyBalance() {
        for (a, s, g, d) in [(0.5, 30.0, 0.9, 0.02), (5.0, 20.0, 0.8, 0.01), (80.0, 15.0, 0.9, 0.005), (0.0, 40.0, 0.8, 0.05)] {
            for c in [TwoStream.Coefficients.eddington, .pifm] {
                let l = TwoStream.layer(muA: a, muSPrime: s, g: g, thickness: d, coefficients: c)
                let total = l.collimatedReflectance + l.collimatedDiffuseTransmittance + l.directTransmittance
                if a == 0 {
                    #expect(abs(total - 1) < 1e-6 && abs(l.diffuseReflectanceTop + l.diffuseTransmittance - 1) < 1e-6, "conservative \(c)")
                } else {
                    #expect(total < 1 && total > 0, "absorbing \(c): \(total)")
                }
                // Splitting a layer in two and adding the halves gives the whole layer.
                let half = TwoStream.layer(muA: a, muSPrime: s, g: g, thickness: d / 2, coefficients: c)
                let whole = TwoStream.stack(half, over: half)
                #expect(abs(whole.collimatedReflectance - l.collimatedReflectance) < 1e-7)
                #expect(abs(whole.collimatedDiffuseTransmittance - l.collimatedDiffuseTransmittance) < 1e-7)
                #expect(abs(whole.diffuseReflectanceTop - l.diffuseReflectanceTop) < 1e-7)
            }
        }
        // A very thick layer is a half-space.
        let thick = TwoStream.layer(muA: 1, muSPrime: 25, g: 0.9, thickness: 10)
        let half = TwoStream.halfSpace(muA: 1, muSPrime: 25, g: 0.9)
        #expect(abs(thick.collimatedReflectance - half.collimated) < 1e-12 && abs(thick.diffuseReflectanceTop - half.diffuse) < 1e-12)
    }

    /// Skin-like stacks (cm⁻¹, cm): light and dark epidermis, a pigment slab just under the
    /// junction, a too-deep slab, and a heavily pigmented (low-albedo) slab, each under n = 1.4.
    static let skinCases: [(name: String, layers: [MonteCarloSlab.Layer], tolerance: Double)] = [
        ("bare light skin", [.init(muA: 3, muS: 125, g: 0.8, thickness: 0.007), .init(muA: 0.8, muS: 180, g: 0.9, thickness: 0.02),
                             .init(muA: 0.8, muS: 150, g: 0.8, thickness: .infinity)], 0.05),
        ("dark epidermis", [.init(muA: 60, muS: 125, g: 0.8, thickness: 0.007), .init(muA: 1, muS: 150, g: 0.8, thickness: .infinity)], 0.20),
        ("pigment under the junction", [.init(muA: 3, muS: 125, g: 0.8, thickness: 0.007), .init(muA: 60, muS: 200, g: 0.9, thickness: 0.01),
                                        .init(muA: 10, muS: 200, g: 0.9, thickness: 0.02), .init(muA: 0.8, muS: 150, g: 0.8, thickness: .infinity)], 0.06),
        ("too-deep pigment", [.init(muA: 3, muS: 125, g: 0.8, thickness: 0.007), .init(muA: 0.8, muS: 180, g: 0.9, thickness: 0.02),
                              .init(muA: 0.8, muS: 150, g: 0.8, thickness: 0.08), .init(muA: 30, muS: 150, g: 0.8, thickness: 0.04),
                              .init(muA: 0.8, muS: 150, g: 0.8, thickness: .infinity)], 0.06),
        ("low-albedo pigment", [.init(muA: 3, muS: 125, g: 0.8, thickness: 0.007), .init(muA: 200, muS: 180, g: 0.9, thickness: 0.01),
                                .init(muA: 0.8, muS: 150, g: 0.8, thickness: .infinity)], 0.25),
    ]

    @Test("skin-like layer stacks: two-stream within the stated tolerance of the Monte Carlo", arguments: 0..<5)
    func skinStacksAgainstMonteCarlo(index: Int) {
        let c = Self.skinCases[index]
        let mc = MonteCarloSlab(layers: c.layers, nTissue: 1.4).run(photons: 40_000, seed: UInt64(11 + index))
        let ts = Self.twoStream(c.layers, n: 1.4)
        let relative = ts / mc.diffuseReflectance - 1
        #expect(abs(relative) < c.tolerance + 3 * mc.diffuseReflectanceError / mc.diffuseReflectance,
                "\(c.name): two-stream \(ts), Monte Carlo \(mc.diffuseReflectance) ± \(mc.diffuseReflectanceError)")
    }

    @Test("known gap: under a dark epidermis (n = 1.4) two-stream returns 18 % less light than the Monte Carlo, not within 10 %")
    func darkEpidermisGap() {
        // The gap is at the surface, not in the layers: the same stack under n = 1 agrees within
        // 5 % (next test). Two-stream + Saunderson assume the light meeting the surface from
        // inside is diffuse, but an absorbing epidermis removes the oblique rays first, so what
        // reaches the surface is forward-peaked and escapes far more often than the diffuse
        // 1 − k₂. An angle-resolved epidermis + surface (adding–doubling with the boundary, after
        // Prahl) would close it. See Data/pigments/CALIBRATION.md.
        let relative = Self.monteCarloGap(1)
        #expect(relative < 0, "two-stream is low here: \(relative)")
        withKnownIssue("δ-Eddington + Saunderson under a thin absorbing epidermis") {
            #expect(abs(relative) < 0.10, "dark epidermis: \(relative)")
        }
    }

    @Test("known gap: a dense (low-albedo) pigment slab backscatters 22 % more under two-stream than the Monte Carlo, not within 10 %")
    func densePigmentSlabGap() {
        // The Eddington layer's backscatter is too high once absorption dominates scattering
        // (its γ₂ turns negative); a more accurate closure for low-albedo layers (adding–doubling
        // for the deposit slabs) would close it.
        let relative = Self.monteCarloGap(4)
        #expect(relative > 0, "two-stream is high here: \(relative)")
        withKnownIssue("δ-Eddington backscatter of a low-albedo slab") {
            #expect(abs(relative) < 0.10, "low-albedo slab: \(relative)")
        }
    }

    /// Two-stream reflectance relative to the Monte Carlo for `skinCases[index]`, minus one.
    static func monteCarloGap(_ index: Int) -> Double {
        let c = skinCases[index]
        let mc = MonteCarloSlab(layers: c.layers, nTissue: 1.4).run(photons: 40_000, seed: UInt64(11 + index))
        return twoStream(c.layers, n: 1.4) / mc.diffuseReflectance - 1
    }

    @Test("the dark-epidermis stack under a matched boundary (n = 1) agrees with Monte Carlo within 5 %: the gap above is the surface")
    func darkEpidermisMatchedBoundary() {
        let layers = Self.skinCases[1].layers
        let mc = MonteCarloSlab(layers: layers, nTissue: 1).run(photons: 40_000, seed: 12)
        let ts = Self.twoStream(layers, n: 1)
        #expect(abs(ts / mc.diffuseReflectance - 1) < 0.05 + 3 * mc.diffuseReflectanceError / mc.diffuseReflectance, "two-stream \(ts), MC \(mc.diffuseReflectance)")
    }

    @Test("the Monte Carlo itself: a non-absorbing slab conserves energy and a matched boundary has no specular loss")
    func monteCarloSanity() {
        let mc = MonteCarloSlab(layers: [.init(muA: 0, muS: 100, g: 0.9, thickness: 0.05)], nTissue: 1.4).run(photons: 20_000, seed: 3)
        #expect(abs(mc.diffuseReflectance + mc.transmittance + mc.specular - 1) < 1e-9)
        let matched = MonteCarloSlab(layers: [.init(muA: 1, muS: 10, g: 0, thickness: 0.1)], nTissue: 1).run(photons: 1000, seed: 3)
        #expect(matched.specular == 0)
    }
}
