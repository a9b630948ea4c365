import Testing
@testable import SkinOptics

@Suite("Kubelka–Munk layers and Saunderson correction")
struct KubelkaMunkTests {
    @Test("no absorption: R∞ = 1; finite conservative layer R = SX/(1+SX), R + T = 1")
    func conservative() {
        #expect(KubelkaMunk.infiniteReflectance(K: 0, S: 10) == 1)
        let (r, t) = KubelkaMunk.layer(K: 0, S: 10, thickness: 0.3)
        #expect(abs(r - 3.0 / 4.0) < 1e-15 && abs(r + t - 1) < 1e-15)
        // The general branch approaches the conservative limit as K → 0.
        let near = KubelkaMunk.layer(K: 1e-9, S: 10, thickness: 0.3)
        #expect(abs(near.R - 0.75) < 1e-6)
    }

    @Test("no scattering: R = 0, T = exp(−KX); infinite layer R∞ = 0")
    func pureAbsorber() {
        let (r, t) = KubelkaMunk.layer(K: 2, S: 0, thickness: 0.5)
        #expect(r == 0 && abs(t - Foundation.exp(-1)) < 1e-15)
        #expect(KubelkaMunk.infiniteReflectance(K: 3, S: 0) == 0)
    }

    @Test("infinite thickness: R → 1 + K/S − √((K/S)² + 2K/S), T → 0")
    func infiniteThickness() {
        for (k, s) in [(1.0, 10.0), (5.0, 5.0), (0.1, 40.0), (30.0, 2.0)] {
            let q = k / s
            let rInf = 1 + q - (q * q + 2 * q).squareRoot()
            #expect(abs(KubelkaMunk.infiniteReflectance(K: k, S: s) - rInf) < 1e-12)
            let thick = KubelkaMunk.layer(K: k, S: s, thickness: 100)
            #expect(abs(thick.R - rInf) < 1e-12 && thick.T < 1e-12)
        }
    }

    @Test("closed form agrees with the hyperbolic textbook form; stacking a layer split in two gives the whole layer")
    func hyperbolicAndAdding() {
        let k = 3.0, s = 20.0, x = 0.07
        let a = 1 + k / s, b = (a * a - 1).squareRoot()
        let sh = Foundation.sinh(b * s * x), ch = Foundation.cosh(b * s * x)
        let whole = KubelkaMunk.layer(K: k, S: s, thickness: x)
        #expect(abs(whole.R - sh / (a * sh + b * ch)) < 1e-14)
        #expect(abs(whole.T - b / (a * sh + b * ch)) < 1e-14)
        let half = KubelkaMunk.layer(K: k, S: s, thickness: x / 2)
        let stacked = KubelkaMunk.stack(top: half, bottom: half)
        #expect(abs(stacked.R - whole.R) < 1e-14 && abs(stacked.T - whole.T) < 1e-14)
        // A layer over its own infinite substrate is still the infinite substrate.
        let rInf = KubelkaMunk.infiniteReflectance(K: k, S: s)
        #expect(abs(KubelkaMunk.reflectance(layerR: whole.R, layerT: whole.T, over: rInf) - rInf) < 1e-14)
    }

    @Test("Saunderson for n = 1.4: k1 = 0.0278, k2 in 0.4–0.6, monotone, maps 0 → 0")
    func saunderson() {
        let s = Saunderson(refractiveIndex: 1.4)
        #expect(abs(s.k1 - 0.4 * 0.4 / (2.4 * 2.4)) < 1e-15)
        #expect(s.k2 > 0.4 && s.k2 < 0.6, "k2 = \(s.k2)")
        #expect(s.measured(0) == 0)
        #expect(s.measured(0.5) < s.measured(0.6) && s.measured(1) < 1)
        #expect(Saunderson(refractiveIndex: 1.0).k2 < 1e-6)
    }
}

import Foundation
