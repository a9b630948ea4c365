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
/// The close-up (40 × 30 mm at 20 px/mm) splats every healed dot at its size in its modelled
/// colour over the modelled skin and draws the remaining native hair as shaved stubble. Each dot
/// is drawn from where its pigment lies (`SkinOptics.dotSpread`): a sharp core carrying the
/// papillary share of the deposit, and a soft halo (Gaussian rim σ = the deeper pigment's
/// half-width ÷ 1.1774) carrying the rest — so a dot placed along a normal track stays a crisp
/// dot and a deep deposit becomes a soft blot. The whole-head view mixes the same colours by the
/// area they cover. Assumptions (labelled, see `Data/SOURCES.md`):
/// - stubble: one shaved follicular unit per 2 native hairs, drawn as a 0.1 mm dark core with a
///   faint 0.3 mm shadow of the shaft under the skin;
/// - whole-head view: each layer covers 1 − exp(−λπ(r + σ)²) of the skin (Boolean model with
///   the softened radius), stubble 45 % × residual hair.
struct AppearanceRenderer: Sendable {
    let result: SimulationResult
    /// At a follow-up: each placed session's faded look (colour, dot growth). nil = as healed.
    var faded: [SessionLook]? = nil
    /// The follow-up day being drawn (nil = as healed); picks the scar's faded colours.
    var followUpDay: Double? = nil
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
    /// Gaussian σ of a session's halo, mm (HWHM ÷ √(2 ln 2)).
    func haloSoftness(_ index: Int) -> Double { result.colours.sessions[index].dotSpread.haloRadiusMM / 1.1774 * Double(diameterScale(index)) }
    func coreShare(_ index: Int) -> Double { result.colours.sessions[index].dotSpread.coreShare }
    /// The softness the whole-head view's coverage uses: the halo's, weighted by its share.
    func softness(_ index: Int) -> Double { (1 - coreShare(index)) * haloSoftness(index) }
    func diameterScale(_ index: Int) -> Float { Float(faded?[index].diameterScale ?? 1) }
    var skinColour: RGB { Self.display(Colorimetry.srgb(result.colours.skinLab).rgb) }
    var hairColour: RGB { Self.display(Colorimetry.srgb(result.colours.hairLab ?? Lab(L: 22, a: 3, b: 5.5)).rgb) }

    /// SkinOptics' sRGB colour as Rendering's (the same 8-bit values; the modules stay independent).
    static func display(_ c: RGB8) -> RGB { RGB(c.r, c.g, c.b) }

    /// The close-up after `session` (1-based), centred at `centre`.
    func patch(after session: Int, centre: (x: Double, y: Double)) -> RGBImage {
        var layers = scarTissueLayers(centre: centre) + (hairStubbleLayers(centre: centre) ?? stubbleLayers(centre: centre))
        let dots = result.impressions.prefix(result.sessions[session - 1].totalImpressions)
        for s in 0..<session {
            var halo = SplatLayer(colour: sessionColour(s), softnessMM: haloSoftness(s), opacity: 1 - coreShare(s))
            var core = SplatLayer(colour: sessionColour(s), softnessMM: 0, opacity: coreShare(s))
            for dot in dots where Int(dot.session) == s + 1 && !onScar(dot) {
                let r = dot.diameterMM / 2 * diameterScale(s)
                halo.append(x: dot.x, y: dot.y, radiusMM: r)
                core.append(x: dot.x, y: dot.y, radiusMM: r)
            }
            if halo.opacity > 0 { layers.append(halo) }
            if core.opacity > 0 { layers.append(core) }
            layers += scarDotLayers(session: s, dots: dots)
        }
        return SkinPatchRenderer.render(background: skinColour, layers: layers, centreX: centre.x, centreY: centre.y,
                                        widthMM: Self.patchWidthMM, heightMM: Self.patchHeightMM,
                                        pixelsPerMM: Self.patchPixelsPerMM)
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

    /// The scalp's colour at conversational distance after `session`, per chart cell (linear
    /// light). Skin first; shaved residual hair shades it 45 % × residual towards the hair colour;
    /// each layer's dots then shade it as shaved follicles would — an impression is made to read
    /// as one shaved follicular unit, so a layer at λ dots/cm² shades 45 % × λ / (native hairs/cm²
    /// ÷ 2) towards its healed colour (capped at 45 %) — or by the area its dots cover,
    /// 1 − exp(−λπ(r + σ)²), when that is more (merged, helmet-like dots). The 45 % and the
    /// follicle equivalence are display **assumptions** (Data/SOURCES.md).
    func surfaceCells(after session: Int) -> [LinearRGB] {
        if result.hair != nil { return thinningSurfaceCells(after: session) }
        let grid = result.scalp.grid
        let skin = LinearRGB(skinColour), hair = LinearRGB(hairColour)
        var cells = [LinearRGB](repeating: skin, count: grid.count)
        for i in 0..<grid.count {
            cells[i] = skin.mixed(with: hair, 0.45 * result.scalp.residualHair.values[i])
        }
        applyScarTissue(to: &cells)
        let unitsPerCM2 = max(1, result.plan.client.nativeHairDensity / 2)
        for s in 0..<session {
            let density = sessionDensity[s]
            let r = result.sessions[s].healedDiameterMM * Double(diameterScale(s)) / 2 + softness(s)
            let colour = LinearRGB(sessionColour(s))
            for i in 0..<grid.count where density.values[i] > 0 {
                let lambda = Double(density.values[i])
                let follicleLike = min(0.45, 0.45 * lambda / unitsPerCM2)
                let coverage = 1 - exp(-lambda / 100 * Double.pi * r * r)
                cells[i] = cells[i].mixed(with: colour, Float(max(follicleLike, coverage)))
            }
        }
        return cells
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

    func appearancePNG(after session: Int, day: Double? = nil) throws(SimulationError) -> [UInt8] {
        let centre = Self.patchCentre(result, position: result.plan.previewPosition)
        let c = result.colours.sessions[session - 1]
        let s = result.sessions[session - 1]
        let panels = [
            AppearanceSheet.Panel(image: patch(after: session, centre: centre), caption: [
                "\(result.plan.previewPosition.rawValue) close-up, 40 × 30 mm (20 px/mm)",
                "latest layer: \(c.pigment), dilution \(CSV.number(c.dilution)), depth \(CSV.number(c.depthMM)) mm, healed \(Int((s.healedDiameterMM * 1000).rounded())) µm",
                result.hair == nil ? "stubble = remaining native hair, shaved"
                    : "dashes = remaining hair (shaved follicles); round dots = impressions",
            ]),
            AppearanceSheet.Panel(image: overview(after: session, centre: centre), caption: [
                "whole head (top view)", "red box: the close-up",
            ]),
        ]
        var swatches = [AppearanceSheet.Swatch(colour: skinColour, label: ["skin \(result.colours.skinName)", lab(result.colours.skinLab)])]
        for k in 0..<session {
            let sc = result.colours.sessions[k]
            if let look = faded?[k] {
                swatches.append(.init(colour: sessionColour(k), label: [
                    "session \(k + 1) now: \(look.hex)", lab(look.lab),
                    "ΔE00 to healed \(CSV.number(look.deltaE00ToHealed.rounded(places: 1))), \(look.undertone.rawValue)",
                    "\(Int((look.retained * 100).rounded()))% pigment left, dots ×\(CSV.number(look.diameterScale.rounded(places: 2)))",
                ]))
            } else {
                swatches.append(.init(colour: sessionColour(k), label: [
                    "session \(k + 1): \(sc.srgbHex)", lab(sc.lab),
                    "ΔE00 to skin \(CSV.number(sc.contrastDeltaE00.rounded(places: 1))), \(sc.undertone.rawValue)",
                ]))
            }
        }
        if let hairLab = result.colours.hairLab {
            swatches.append(.init(colour: hairColour, label: ["hair \(result.colours.hairName ?? "target")", lab(hairLab)]))
        }
        swatches += scarSwatches(after: session)
        let title = day.map { "\(result.plan.name): appearance on day \(CSV.number($0)) (\(Self.age($0 - result.plan.sessions[0].day)) after the first session)" }
            ?? "\(result.plan.name): appearance after session \(s.number)"
        let subtitle = day.map { _ in "faded with the \(result.plan.fading.model.name) model (sun exposure \(CSV.number(result.plan.fading.sunExposure))); \(s.totalImpressions) impressions, skin \(result.colours.skinName)" }
            ?? "day \(CSV.number(s.plan.day)), \(s.totalImpressions) impressions, skin \(result.colours.skinName), \(result.plan.client.hairLoss.label); healed colours from the spectral skin model"
        let image = AppearanceSheet.compose(title: title, subtitle: subtitle, panels: panels, swatches: swatches)
        do { return try PNGCodec.encode(image) } catch { throw .rendering(error.description) }
    }

    /// "6 months", "3 years", "40 days".
    static func age(_ days: Double) -> String {
        if days >= 365 * 1.5 { return "\(CSV.number((days / 365.25).rounded(places: 1))) years" }
        if days >= 60 { return "\(Int((days / 30.44).rounded())) months" }
        return "\(Int(days.rounded())) days"
    }

    private func lab(_ l: Lab) -> String {
        "L*a*b* \(CSV.number(l.L.rounded(places: 1))), \(CSV.number(l.a.rounded(places: 1))), \(CSV.number(l.b.rounded(places: 1)))"
    }
}
