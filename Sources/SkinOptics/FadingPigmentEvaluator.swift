/// One pigment in one skin, evaluated again and again as its components fade (a plan's fade
/// curves, follow-ups and weekly touch-up search: about a thousand looks per plan).
///
/// A faded pigment is the same blend with each component's mass scaled
/// (`Pigment.scaled(remaining:)`); building an evaluator for it samples every component's
/// spectral model (power laws and exponentials) at 81 wavelengths, which cost more than the
/// optics. Here each component is sampled once and a faded evaluator only re-weights the samples,
/// summing in the blend's component order exactly as `Pigment.massAbsorption` does, so the result
/// is bit-identical to `base.replacingPigment(base.pigment.scaled(remaining:))` (tests).
public struct FadingPigmentEvaluator: Sendable {
    public let base: PigmentedSkinEvaluator
    /// Per component: mass absorption and reduced scattering on the wavelength grid, m²/g.
    let absorption: [[Double]]
    let scattering: [[Double]]

    public init(_ base: PigmentedSkinEvaluator) {
        self.base = base
        let parts = base.pigment.components
        absorption = parts.map { c in WavelengthGrid.wavelengths.map { c.component.absorption.value(at: $0) } }
        scattering = parts.map { c in WavelengthGrid.wavelengths.map { c.component.scattering.value(at: $0) } }
    }

    /// The evaluator of the pigment with `remaining[name]` of each component left (missing
    /// names stay at 1).
    public func faded(remaining: [String: Double]) -> PigmentedSkinEvaluator {
        let pigment = base.pigment.scaled(remaining: remaining)
        let eta = pigment.packingEfficiency
        let fractions = pigment.components.map(\.massFraction)
        // Component by component over flat storage: each wavelength's sum still adds the
        // components in the blend's order, starting from 0, as `Pigment.massAbsorption` does.
        let n = WavelengthGrid.count
        func weighted(_ table: [[Double]]) -> [Double] {
            [Double](unsafeUninitializedCapacity: n) { out, count in
                out.initialize(repeating: 0)
                for k in fractions.indices {
                    let f = fractions[k]
                    table[k].withUnsafeBufferPointer { t in
                        for w in 0..<n { out[w] = out[w] + f * t[w] }
                    }
                }
                for w in 0..<n { out[w] = eta * out[w] * 10 }
                count = n
            }
        }
        let muA = weighted(absorption), muS = weighted(scattering)
        return PigmentedSkinEvaluator(replacingPigmentOf: base, with: pigment, muA: muA, muS: muS)
    }
}
