import Foundation
import Impressions
import Rendering
import ScalpModel
import Simulation
import Support

/// Previews of a diffuse-thinning plan (Ludwig, Savin), where impressions sit among hair.
///
/// The close-up draws the plan's own follicles (the points the dots were spaced against) as
/// shaved stubble, and the rest of the native hair the same way on the usual jittered lattice.
/// Stubble is drawn as a short shaft, not a round dot, so a trainer can tell hair from
/// impressions: a shaved hair leaves the skin at an angle, so its cut stub reads as a dash
/// about 0.35 mm long and 0.07 mm wide pointing along the hair's growth (**assumptions**, drawn
/// to look like trichoscopy of shaved scalp; direction away from a crown whorl ± 25°).
///
/// The whole-head views take the area mean of this drawing, as for every plan
/// (`surfaceCells`): the stubs by `shaftLoss`, the dots by their absorbance profile.
extension AppearanceRenderer {
    static let shaftLengthMM = 0.35, shaftRadiusMM: Float = 0.035
    /// Crown whorl, reference-head chart mm (**assumption**: on the midline, 40 mm behind the vertex).
    static let whorlReferenceMM = (x: 0.0, y: 165.0)

    /// Stubble of a thinning plan: follicles in treated cells, lattice hair elsewhere.
    func hairStubbleLayers(centre: (x: Double, y: Double)) -> [SplatLayer]? {
        guard let hair = result.hair else { return nil }
        var shadow = SplatLayer(colour: hairColour, softnessMM: 0.08, opacity: 0.25)
        var shaft = SplatLayer(colour: hairColour, softnessMM: 0.015, opacity: 0.9)
        var rng = Xoshiro256StarStar.stream(seed: result.plan.seed, 8)
        let halfW = Self.patchWidthMM / 2 + 1, halfH = Self.patchHeightMM / 2 + 1
        func inside(_ x: Double, _ y: Double) -> Bool { abs(x - centre.x) < halfW && abs(y - centre.y) < halfH }
        let scale = result.chart.referenceScale
        let whorl = (x: Self.whorlReferenceMM.x * scale, y: Self.whorlReferenceMM.y * scale)
        func stub(_ x: Double, _ y: Double, _ rng: inout Xoshiro256StarStar) {
            var dx = x - whorl.x, dy = y - whorl.y
            let n = max(1e-9, (dx * dx + dy * dy).squareRoot())
            dx /= n; dy /= n
            let turn = (rng.nextUnit() - 0.5) * 2 * 25 * Double.pi / 180
            let (c, s) = (cos(turn), sin(turn))
            let ux = dx * c - dy * s, uy = dx * s + dy * c
            shadow.append(x: x, y: y, radiusMM: 0.15)
            for k in 0..<5 {
                let t = Self.shaftLengthMM * Double(k) / 4
                shaft.append(x: x + ux * t, y: y + uy * t, radiusMM: Self.shaftRadiusMM)
            }
        }
        for f in hair.follicles where inside(f.x, f.y) { stub(f.x, f.y, &rng) }
        // Native hair outside the treated cells, as in Norwood previews but as shafts.
        let unitsPerMM2 = hair.nativeUnitsPerCM2 / 100
        if unitsPerMM2 > 0 {
            Self.forEachLatticeSite(around: centre, step: 1 / unitsPerMM2.squareRoot(), rng: &rng) { jx, jy, keep, rng in
                if result.target.value(x: jx, y: jy) <= 0, keep < Double(result.scalp.residualHair.value(x: jx, y: jy)) {
                    stub(jx, jy, &rng)
                }
            }
        }
        return [shadow, shaft]
    }

    /// E per channel (mm²) of one stub as `hairStubbleLayers` draws it: the shadow disc
    /// (opacity 0.25, radius 0.15, rim 0.08) and the shaft (opacity 0.9, a 0.35 mm dash of
    /// radius 0.035 with a 0.015 rim), so the whole-head views take the same area mean as the
    /// close-up (`surfaceCells`).
    var shaftLoss: LinearRGB {
        let r = Double(Self.shaftRadiusMM), rim = 0.015
        let shaft = Self.shaftLengthMM * 2 * (r + rim) + Double.pi * (r * r + rim * rim)
        return hairLoss(area: 0.25 * Double.pi * (0.15 * 0.15 + 0.08 * 0.08) + 0.9 * shaft)
    }

    /// Close-up centre of a thinning plan: inside the treated region (its deepest interior
    /// point), unless the preview asks for the hairline, which these stages keep.
    static func thinningPatchCentre(_ result: SimulationResult) -> (x: Double, y: Double)? {
        guard result.hair != nil, result.plan.previewPosition != .hairline else { return nil }
        return ChartRaster(result.target.grid, result.target.values).interiorPoint(where: { $0 > 0 })
    }
}
