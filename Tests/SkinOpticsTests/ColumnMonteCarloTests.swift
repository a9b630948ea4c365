import Foundation
import Testing
@testable import SkinOptics
import StippleTestSupport

/// The 3-D column Monte Carlo checked against published slab values, an independent 1-D Monte
/// Carlo of the pigmented patch, and the physics a dot must show.
@Suite("Column Monte Carlo")
struct ColumnMonteCarloTests {
    @Test("MCML / van de Hulst slab (μa 1, μs 9 mm⁻¹, g 0.75, 0.2 mm, n = 1): Rd and Tt within 3σ")
    func mcmlSlab() {
        // Wang, Jacques & Zheng (1995) against van de Hulst (1980): Rd = 0.09739, Tt = 0.66096.
        let mc = ColumnMonteCarlo(layers: [.init(muA: 1, muS: 9, g: 0.75, thicknessMM: 0.2)], refractiveIndex: 1)
        let none = ColumnMonteCarlo.Scoring(radiiMM: [0], diametersMM: [0.1], slabEdgesMM: [0, 0.1], profiles: [[10]], opticalDepths: [1])
        let r = mc.run(photons: 100_000, seed: 7, scoring: none)
        #expect(abs(r.bare - 0.09739) < 3 * r.bareError + 1e-4, "Rd \(r.bare) ± \(r.bareError)")
        #expect(abs(r.transmittance - 0.66096) < 0.004, "Tt \(r.transmittance)")
        #expect(r.specular == 0)
    }

    @Test("a broad column reproduces the 1-D Monte Carlo of the pigmented patch within 1 %", arguments: [0.5, 2.0, 8.0])
    func broadColumnIsThePatch(tau: Double) throws {
        let skin = try SkinLibrary(dataDirectory: dataDirectory).model(named: "monk-4")
        let c = skin.basis.constants
        let grid = DotPointSpreadGrid.standard(constants: c)
        let band = 2
        let layers = grid.layers(skin: skin, band: band)
        let profile = grid.depositDensity(kind: .needleTrack, needleDepthMM: 0.6, constants: c)
        let scoring = ColumnMonteCarlo.Scoring(radiiMM: [0], diametersMM: [.infinity], slabEdgesMM: grid.slabEdgesMM,
                                               profiles: [profile], opticalDepths: [tau])
        let column = ColumnMonteCarlo(layers: layers, refractiveIndex: c.refractiveIndex).run(photons: 60_000, seed: 5, scoring: scoring)
        // The same patch as explicit layers: each slab's pigment μa = τ·ρ_j added to its host layer.
        var slabs: [MonteCarloSlab.Layer] = [.init(muA: layers[0].muA * 10, muS: layers[0].muS * 10, g: layers[0].g, thickness: layers[0].thicknessMM / 10)]
        for j in 0..<(grid.slabEdgesMM.count - 1) {
            let host = grid.slabEdgesMM[j] < c.papillaryBottomMM - 1e-9 ? layers[1] : layers[2]
            slabs.append(.init(muA: (host.muA + tau * profile[j]) * 10, muS: host.muS * 10, g: host.g,
                               thickness: (grid.slabEdgesMM[j + 1] - grid.slabEdgesMM[j]) / 10))
        }
        slabs.append(.init(muA: layers[2].muA * 10, muS: layers[2].muS * 10, g: layers[2].g, thickness: .infinity))
        let patch = MonteCarloSlab(layers: slabs, nTissue: c.refractiveIndex).run(photons: 60_000, seed: 6)
        let fromColumn = column.reflectance(radius: 0, diameter: 0, profile: 0, depth: 0)
        let sigma = patch.diffuseReflectanceError / patch.diffuseReflectance + column.bareError / column.bare
        #expect(abs(fromColumn / patch.diffuseReflectance - 1) < 0.01 + 2 * sigma,
                "τ \(tau): column MC \(fromColumn), slab MC \(patch.diffuseReflectance) ± \(patch.diffuseReflectanceError)")
    }
}
