import Foundation
import Impressions
import Plans
import Rendering
import Reports
import ScalpModel
import Simulation
import SkinOptics
import Support

/// Appearance previews: what the scalp looks like after a session, in true colour.
///
/// The close-up (40 × 30 mm at 20 px/mm) draws skin, scar tissue and the remaining native hair as
/// shaved stubble, then every healed dot as light leaves the skin around its pigment column: the
/// column's per-channel transmission at each distance from its axis (`SkinOptics.DotLook`, from
/// the 3-D Monte Carlo table), applied as absorbance so overlapping dots multiply and a merge
/// reads as one darker blot. Colours are as seen (3 % surface reflection added,
/// `SurfaceReflection`). The macro and distance views (`AppearanceRenderer+Scales.swift`) draw the
/// same way at other scales, and the whole-head view is the area mean of the same drawing
/// (`surfaceCells`). Assumptions (labelled, see `Data/SOURCES.md`): stubble is one shaved
/// follicular unit per 2 native hairs, drawn as a 0.1 mm dark core with a faint 0.3 mm shadow of
/// the shaft under the skin.
struct AppearanceRenderer: Sendable {
    let result: SimulationResult
    /// At a follow-up: each placed session's faded look (colour, dot growth). nil = as healed.
    var faded: [SessionLook]? = nil
    /// The follow-up day being drawn (nil = as healed); picks the scar's faded colours.
    var followUpDay: Double? = nil
    /// How the sheets are written (`SheetEncoding`): true-colour PNG, or a batch's WebP or
    /// palette PNG; the `…PNG` functions return these bytes whichever it is.
    var encoding = SheetEncoding()
    /// The appearance sheets show the close-up only, without the whole head from above: a batch
    /// with `--images summary` links the head views beside it, whose top panel is that view, so
    /// the panel would be stored twice per plan (issue 27, item 6). `simulate` keeps both panels.
    var closeUpOnly = false
    /// Each session's own dot density (impressions/cm², 1.5 mm smoothing) for the whole-head
    /// view, computed once and shared by every preview of the plan.
    let sessionDensity: [ScalarField]

    init(result: SimulationResult) {
        self.result = result
        sessionDensity = result.sessions.indices.map { s in
            let layer = result.impressions.filter { Int($0.session) == s + 1 }
            return densityField(of: layer, on: result.scalp.grid, smoothingMM: 1.5, mask: result.scalp.scalp)
        }
    }
    static let patchWidthMM = 40.0, patchHeightMM = 30.0, patchPixelsPerMM = 20.0
    static let overviewPixelsPerMM = 2.0

    /// Close-up centre for the plan's preview position.
    static func patchCentre(_ result: SimulationResult, position: Plan.PreviewPosition) -> (x: Double, y: Double) {
        if let centre = thinningPatchCentre(result) { return centre }
        let scalp = result.scalp
        switch position {
        case .hairline:
            let midline = scalp.hairline.min { abs($0.x) < abs($1.x) }
            // A third of the patch in front of the line, two thirds behind it.
            return (0, (midline?.y ?? 70) + patchHeightMM / 6)
        case .midScalp, .crown:
            let name = position == .crown ? "crown" : "mid-scalp"
            let label = Float((scalp.regions.names.firstIndex(of: name) ?? 0) + 1)
            let raster = ChartRaster(scalp.regions.grid, scalp.regions.labels.map { Float($0) })
            let p = raster.interiorPoint { $0 == label }
            return p ?? (0, 150)
        case .area:
            return areaCentre(result)
        }
    }

    func sessionColour(_ index: Int) -> RGB {
        let hex = faded?[index].hex ?? result.colours.sessions[index].srgbHex
        return Self.display(RGB8(hex: hex) ?? RGB8(r: 0, g: 0, b: 0))
    }
    func diameterScale(_ index: Int) -> Float { Float(faded?[index].diameterScale ?? 1) }
    var skinColour: RGB { Self.display(Colorimetry.srgb(result.colours.skinLab).rgb) }
    var hairColour: RGB { Self.display(Colorimetry.srgb(result.colours.hairLab ?? Lab(L: 22, a: 3, b: 5.5)).rgb) }

    /// SkinOptics' sRGB colour as Rendering's (the same 8-bit values; the modules stay independent).
    static func display(_ c: RGB8) -> RGB { RGB(c.r, c.g, c.b) }

    /// The close-up after `session` (1-based), centred at `centre`.
    func patch(after session: Int, centre: (x: Double, y: Double)) -> RGBImage {
        render(after: session, centre: centre, widthMM: Self.patchWidthMM, heightMM: Self.patchHeightMM, pixelsPerMM: Self.patchPixelsPerMM)
    }

    /// Skin, scar tissue and stubble, then every session's dots as absorbers (`dotAbsorbers`),
    /// then the dots on scar, and the surface reflection over all of it (colour as seen).
    func render(after session: Int, centre: (x: Double, y: Double), widthMM: Double, heightMM: Double, pixelsPerMM: Double) -> RGBImage {
        let layers = scarTissueLayers(centre: centre) + (hairStubbleLayers(centre: centre) ?? stubbleLayers(centre: centre))
        let dots = result.impressions.prefix(result.sessions[session - 1].totalImpressions)
        var absorbers: [AbsorberLayer] = []
        let halfW = widthMM / 2 + 1.5, halfH = heightMM / 2 + 1.5
        for s in 0..<session {
            var layer = dotAbsorber(session: s)
            for dot in dots where Int(dot.session) == s + 1 && !onScar(dot)
                && abs(dot.x - centre.x) < halfW && abs(dot.y - centre.y) < halfH {
                layer.append(x: dot.x, y: dot.y)
            }
            absorbers.append(layer)
            absorbers += scarDotAbsorbers(session: s, dots: dots)
        }
        return SkinPatchRenderer.render(background: skinColour, layers: layers, absorbers: absorbers,
                                        surfaceReflectance: Float(SurfaceReflection.viewingShare),
                                        centreX: centre.x, centreY: centre.y, widthMM: widthMM, heightMM: heightMM,
                                        pixelsPerMM: pixelsPerMM)
    }

    /// Session `s`'s dot (healed, or faded and grown at the follow-up being drawn) as an
    /// absorbance profile A_c(ρ) = −ln t_c(ρ), from the dot's per-channel transmission over the
    /// skin (`DotLook`), sampled every 0.01 mm. A faded dot is the same column at the pigment
    /// left (`SessionColour.dotAt`); its undertone shift (blends whose iron oxides fade first)
    /// scales each channel's absorbance by the 1-D model's: k_c = ln(faded_c/skin_c) ÷
    /// ln(patch_c/skin_c) with the patch at the same pigment left. On scar, `base`/`target` are
    /// the scar tissue's and the scar dot's colours, and `strength` scales for the uneven take.
    func dotAbsorber(session s: Int, base: LinearRGB? = nil, target: LinearRGB? = nil, strength: Double = 1) -> AbsorberLayer {
        let colours = result.colours.sessions[s]
        let look = faded.flatMap { f in colours.dotAt(f[s].retained, f[s].diameterScale) } ?? colours.dot
        let skin = LinearRGB(skinColour)
        let reference = LinearRGB(Self.display(Colorimetry.srgb(look.patchLab1D).rgb))
        let wanted = target ?? (faded == nil ? reference : LinearRGB(sessionColour(s)))
        let under = base ?? skin
        func scale(_ want: Float, _ under: Float, _ ref: Float, _ skin: Float) -> Double {
            let num = Foundation.log(Double(max(want, 1e-5)) / Double(max(under, 1e-5)))
            let den = Foundation.log(Double(max(ref, 1e-5)) / Double(max(skin, 1e-5)))
            guard abs(den) > 1e-4 else { return 1 }
            return min(4, max(0.25, num / den)) * strength
        }
        let step = 0.01
        let count = Int((look.radiiMM.last! / step).rounded(.up)) + 1
        func profile(_ t: [Double], _ k: Double) -> [Float] {
            (0..<count).map { i in
                let r = Double(i) * step
                var j = 0
                while j + 2 < look.radiiMM.count && look.radiiMM[j + 1] < r { j += 1 }
                let f = min(1, max(0, (r - look.radiiMM[j]) / (look.radiiMM[j + 1] - look.radiiMM[j])))
                let v = t[j] + (t[j + 1] - t[j]) * f
                return Float(-Foundation.log(max(0.01, v)) * k)
            }
        }
        var r = profile(look.transmissionR, scale(wanted.r, under.r, reference.r, skin.r))
        var g = profile(look.transmissionG, scale(wanted.g, under.g, reference.g, skin.g))
        var b = profile(look.transmissionB, scale(wanted.b, under.b, reference.b, skin.b))
        // The tail where every channel's absorbance is below 0.002 (a 0.2 % change, under one
        // 8-bit step) is cut: it costs most of the pixels and shows nothing.
        let keep = max(2, ((0..<count).last { max(abs(r[$0]), abs(g[$0]), abs(b[$0])) >= 0.002 } ?? 0) + 2)
        if keep < count { r.removeLast(count - keep); g.removeLast(count - keep); b.removeLast(count - keep) }
        return AbsorberLayer(absorbanceR: r, absorbanceG: g, absorbanceB: b, stepMM: step)
    }

    /// Shaved native hair where the stage leaves it: follicular units on a jittered lattice,
    /// kept with probability = residual hair (seeded, so the same stubble in every preview).
    func stubbleLayers(centre: (x: Double, y: Double)) -> [SplatLayer] {
        let unitsPerMM2 = result.plan.client.nativeHairDensity / 2 / 100
        guard unitsPerMM2 > 0 else { return [] }
        let step = 1 / unitsPerMM2.squareRoot()
        var shadow = SplatLayer(colour: hairColour, softnessMM: 0.08, opacity: 0.25)
        var core = SplatLayer(colour: hairColour, softnessMM: 0.02, opacity: 0.9)
        var rng = Xoshiro256StarStar.stream(seed: result.plan.seed, 7)
        Self.forEachLatticeSite(around: centre, step: step, rng: &rng) { jx, jy, keep, _ in
            if keep < Double(result.scalp.residualHair.value(x: jx, y: jy)) {
                shadow.append(x: jx, y: jy, radiusMM: 0.15)
                core.append(x: jx, y: jy, radiusMM: 0.05)
            }
        }
        return [shadow, core]
    }

    /// The jittered lattice native hair is drawn on in the close-up around `centre` (spacing
    /// `step` mm): each site is jittered ±40 % of a step and comes with a uniform `keep` draw,
    /// kept by the caller where keep < the residual hair there. `body` gets the generator after
    /// the site's three draws, for any draws of its own.
    static func forEachLatticeSite(around centre: (x: Double, y: Double), step: Double, rng: inout Xoshiro256StarStar,
                                   _ body: (Double, Double, Double, inout Xoshiro256StarStar) -> Void) {
        let halfW = patchWidthMM / 2 + 1, halfH = patchHeightMM / 2 + 1
        var y = ((centre.y - halfH) / step).rounded(.down) * step
        while y < centre.y + halfH {
            var x = ((centre.x - halfW) / step).rounded(.down) * step
            while x < centre.x + halfW {
                let jx = x + (rng.nextUnit() - 0.5) * step * 0.8, jy = y + (rng.nextUnit() - 0.5) * step * 0.8
                let keep = rng.nextUnit()
                body(jx, jy, keep, &rng)
                x += step
            }
            y += step
        }
    }

    /// The scalp's colour seen whole, after `session`, per chart cell (linear light): the area
    /// mean of what the close-up draws there, so the views agree in what is darker than what.
    /// Shaved residual hair darkens the skin by its units' area-integrated contrast
    /// (`stubbleLoss`, or `shaftLoss` for the hair among a thinning plan's dots), each session's dots by their mean transmission exp(−λ·E) with
    /// E = ∫(1 − e^−A(ρ)) 2πρ dρ of the dot's absorbance profile (`dotLoss`) — the mean of a field
    /// of independently placed absorbers (a Boolean model), which counts overlaps as the close-up
    /// does. A sound plan then matches the shaved hair around it, an over-dense or merged one
    /// reads darker (a flat "helmet"), a lost deep one not at all.
    ///
    /// **Display assumption** (`toneGain`): at the whole-head scale (0.5 mm a pixel) the texture
    /// of stubble and dots, which the eye reads as "hair" at conversational distance, cannot be
    /// drawn; its mean alone would darken the skin by 2–3 %, which shows nothing. Every
    /// absorbance (stubble's and every dot's alike) is multiplied by the same gain, so the order
    /// and the ratios that teach (dots vs shaved hair vs too dense) are kept while the tone
    /// becomes visible: 12 makes a fully haired shaved scalp about 25 % darker than bare skin,
    /// the "shadow" of a shaved head. The macro sheet's distance view is drawn without it.
    func surfaceCells(after session: Int) -> [LinearRGB] {
        let grid = result.scalp.grid
        let skin = LinearRGB(skinColour)
        let stubble = result.hair == nil ? stubbleLoss : shaftLoss
        let unitsPerMM2 = Float((result.hair?.nativeUnitsPerCM2 ?? result.plan.client.nativeHairDensity / 2) / 100)
        var cells = [LinearRGB](repeating: skin, count: grid.count)
        for i in 0..<grid.count {
            let n = Self.toneGain * unitsPerMM2 * result.scalp.residualHair.values[i]
            cells[i] = LinearRGB(r: skin.r * Foundation.exp(-n * stubble.r), g: skin.g * Foundation.exp(-n * stubble.g),
                                 b: skin.b * Foundation.exp(-n * stubble.b))
        }
        applyScarTissue(to: &cells)
        for s in 0..<session {
            let density = sessionDensity[s]
            let e = dotLoss(session: s)
            for i in 0..<grid.count where density.values[i] > 0 {
                let lambda = Self.toneGain * density.values[i] / 100
                cells[i].r *= Foundation.exp(-lambda * e.r); cells[i].g *= Foundation.exp(-lambda * e.g); cells[i].b *= Foundation.exp(-lambda * e.b)
            }
        }
        let lift = Float(SurfaceReflection.viewingShare)
        return cells.map { LinearRGB(r: $0.r + lift, g: $0.g + lift, b: $0.b + lift) }
    }

    /// The whole-head views' texture-to-tone gain on absorbance (see `surfaceCells`).
    static let toneGain: Float = 12

    /// E per channel (mm²) of session `s`'s dot: the area its absorbance removes, ∫(1 − e^−A) 2πρ dρ.
    func dotLoss(session s: Int) -> LinearRGB {
        let layer = dotAbsorber(session: s)
        func integral(_ a: [Float]) -> Float {
            var sum = 0.0
            for k in a.indices { sum += (1 - Foundation.exp(-Double(a[k]))) * 2 * Double.pi * Double(k) * layer.stepMM * layer.stepMM }
            return Float(sum)
        }
        return LinearRGB(r: integral(layer.absorbanceR), g: integral(layer.absorbanceG), b: integral(layer.absorbanceB))
    }

    /// E per channel (mm²) of one shaved follicular unit as the close-up draws it (`stubbleLayers`):
    /// each blurred disc of radius r, rim σ and opacity o covers o·π(r² + σ²) of the skin's
    /// contrast to the hair colour.
    var stubbleLoss: LinearRGB {
        hairLoss(area: 0.25 * Double.pi * (0.15 * 0.15 + 0.08 * 0.08) + 0.9 * Double.pi * (0.05 * 0.05 + 0.02 * 0.02))
    }

    /// E per channel (mm²) of a drawn hair mark covering `area` mm² (opacity-weighted).
    func hairLoss(area: Double) -> LinearRGB {
        let skin = LinearRGB(skinColour), hair = LinearRGB(hairColour)
        func loss(_ s: Float, _ h: Float) -> Float { Float(area) * max(0, 1 - h / max(s, 1e-6)) }
        return LinearRGB(r: loss(skin.r, hair.r), g: loss(skin.g, hair.g), b: loss(skin.b, hair.b))
    }

    /// Whole-head view after `session`, with the close-up's footprint outlined.
    func overview(after session: Int, centre: (x: Double, y: Double)) -> RGBImage {
        let grid = result.scalp.grid
        let cells = surfaceCells(after: session)
        // The head shown: the native scalp (soft at its hairline) and wherever SMP is planned,
        // as a smooth 0…1 field whose 0.02 contour is the edge, so the edge is not cell-stepped.
        let peak = max(1e-9, result.target.values.max() ?? 0)
        let shown = zip(result.scalp.scalp.values, result.target.values).map { max($0, min(1, $1 / peak)) }
        let half = (Self.patchWidthMM / 2, Self.patchHeightMM / 2)
        return HeadOverview.render(cells: cells.map(\.rgb), grid: ChartRaster(grid, shown), edge: 0.02,
                                   outline: result.scalp.outline.map { ($0.x, $0.y) },
                                   pixelsPerMM: Self.overviewPixelsPerMM,
                                   highlight: (centre.x - half.0, centre.y - half.1, centre.x + half.0, centre.y + half.1))
    }

    /// The appearance at a follow-up day: faded colours, grown dots, of the sessions placed by then.
    func appearancePNG(followUp: FollowUp) throws(SimulationError) -> [UInt8] {
        var renderer = self
        renderer.faded = followUp.sessions
        renderer.followUpDay = followUp.day
        return try renderer.appearancePNG(after: followUp.sessions.count, day: followUp.day)
    }

    /// A colour as seen: `SurfaceReflection` added, in 8-bit sRGB.
    static func asSeen(_ lab: Lab) -> RGB { display(Colorimetry.srgb(SurfaceReflection.asSeen(lab)).rgb) }

    /// A colour in a caption or legend: "L*a*b* 41.2, 3.1, 7.9" (one decimal, the CSVs' rule).
    static func lab(_ l: Lab) -> String {
        "L*a*b* \(CSV.number(l.L.rounded(places: 1))), \(CSV.number(l.a.rounded(places: 1))), \(CSV.number(l.b.rounded(places: 1)))"
    }
}
