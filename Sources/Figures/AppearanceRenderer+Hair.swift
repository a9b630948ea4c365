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
/// The whole-head view adds hair and dots linearly as follicle-like marks: each shades the skin
/// 45 % × (its density ÷ native units) towards its colour, at most 45 % together (the same
/// display **assumption** as Norwood plans, but summed, so that hair + dots at the design
/// density look like full hair rather than compounding as independent layers).
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

    /// Whole-head colours of a thinning plan after `session` (see the type's comment).
    func thinningSurfaceCells(after session: Int) -> [LinearRGB] {
        let grid = result.scalp.grid
        let skin = LinearRGB(skinColour), hairRGB = LinearRGB(hairColour)
        let units = Float(max(1, result.plan.client.nativeHairDensity / 2))
        let colours = (0..<session).map { LinearRGB(sessionColour($0)) }
        let losses = (0..<session).map { dotLoss(session: $0) }
        var cells = [LinearRGB](repeating: skin, count: grid.count)
        for i in 0..<grid.count {
            var weight = 0.45 * result.scalp.residualHair.values[i]
            var r = weight * hairRGB.r, g = weight * hairRGB.g, b = weight * hairRGB.b
            var coverage: Float = 0
            for s in 0..<session where sessionDensity[s].values[i] > 0 {
                let lambda = sessionDensity[s].values[i]
                let w = 0.45 * lambda / units
                weight += w
                r += w * colours[s].r; g += w * colours[s].g; b += w * colours[s].b
                coverage = max(coverage, 1 - Foundation.exp(-Self.toneGain * lambda / 100 * (losses[s].r + losses[s].g + losses[s].b) / 3))
            }
            guard weight > 0 else { continue }
            let mark = LinearRGB(r: r / weight, g: g / weight, b: b / weight)
            cells[i] = skin.mixed(with: mark, max(min(0.45, weight), coverage))
        }
        return cells
    }

    /// Close-up centre of a thinning plan: inside the treated region (its deepest interior
    /// point), unless the preview asks for the hairline, which these stages keep.
    static func thinningPatchCentre(_ result: SimulationResult) -> (x: Double, y: Double)? {
        guard result.hair != nil, result.plan.previewPosition != .hairline else { return nil }
        return ChartRaster(result.target.grid, result.target.values).interiorPoint(where: { $0 > 0 })
    }
}
