import Foundation
import Impressions
import Rendering
import ScalpModel
import Simulation
import SkinOptics
import Support

/// Scar tissue and its camouflage in the appearance previews (plans with scar `areas:`).
///
/// The scar is painted under everything else in its modelled colour (`ScarOutcome.scarLab`,
/// the client's skin through `ScarTissue`): each generated FUE scar as a disc with a 0.08 mm
/// soft rim, a strip (or a scar area without generated scars) as its shape filled with soft
/// 0.12 mm splats on a 0.15 mm lattice (finer would not show at 20 px/mm). Dots whose centre lies on scar are drawn in their colour
/// on scar (dose × uptake; faded on the scar's faster clock at follow-ups), and — since scar
/// takes pigment unevenly — each such dot is given one of three strengths (opacity × 0.55,
/// 0.85 or 1 for the default variation 0.3: 1 − 1.5 v, 1 − 0.5 v, 1), chosen per dot from the
/// plan seed. The three strengths are a display **assumption** standing for `uptakeVariation`.
extension AppearanceRenderer {
    /// The close-up centre for `preview: {position: area}`: a point well inside the first area
    /// (its centroid unless that lies outside or near the edge, as for an arc-shaped band).
    static func areaCentre(_ result: SimulationResult) -> (x: Double, y: Double) {
        guard let area = result.plan.areas.first else { return (0, 150) }
        let c = area.shape.interiorPoint
        return (c.x, c.y)
    }

    var scarOutcome: ScarOutcome? { result.areaOutcomes.lazy.compactMap(\.scar).first }

    /// Whether a dot sits on scar tissue (then it is drawn by `scarDotLayers`).
    func onScar(_ dot: Impression) -> Bool { result.scalp.areas?.scarArea(x: dot.x, y: dot.y) != nil }

    var scarColour: RGB? { scarOutcome.map { Self.display(Colorimetry.srgb($0.scarLab).rgb) } }

    /// The scar tissue inside the close-up window, as splat layers in the scar's colour.
    func scarTissueLayers(centre: (x: Double, y: Double)) -> [SplatLayer] {
        guard let layout = result.scalp.areas, let colour = scarColour else { return [] }
        var discs = SplatLayer(colour: colour, softnessMM: 0.08)
        var fill = SplatLayer(colour: colour, softnessMM: 0.06)
        let halfW = Self.patchWidthMM / 2 + 1, halfH = Self.patchHeightMM / 2 + 1
        for (i, area) in layout.areas.enumerated() where area.kind.isScar {
            if layout.fueScars[i].isEmpty {
                let step = 0.15
                let b = area.shape.bounds
                var y = max(b.minY, centre.y - halfH)
                while y <= min(b.maxY, centre.y + halfH) {
                    var x = max(b.minX, centre.x - halfW)
                    while x <= min(b.maxX, centre.x + halfW) {
                        if area.shape.signedDistance(x: x, y: y) <= -0.06 { fill.append(x: x, y: y, radiusMM: 0.12) }
                        x += step
                    }
                    y += step
                }
            } else {
                for s in layout.fueScars[i] { discs.append(x: s.centre.x, y: s.centre.y, radiusMM: Float(s.radiusMM)) }
            }
        }
        return [fill, discs].filter { !$0.x.isEmpty }
    }

    /// The dots of session `s` (0-based) that lie on scar, as absorbers over the scar tissue:
    /// the session's dot profile (`dotAbsorber`) reaching the scar's own dot colour, split into
    /// three strengths for the uneven take.
    func scarDotAbsorbers(session s: Int, dots: ArraySlice<Impression>) -> [AbsorberLayer] {
        guard let scar = scarOutcome, let tissue = scarColour else { return [] }
        let lab = scarLook(session: s, day: followUpDay)?.lab ?? scar.sessionsOnScar[s]
        let scarDot = LinearRGB(Self.display(Colorimetry.srgb(lab).rgb)), base = LinearRGB(tissue)
        let v = scar.tissue.uptakeVariation
        let strengths = [max(0.05, 1 - 1.5 * v), max(0.05, 1 - 0.5 * v), 1.0]
        var layers = strengths.map { k in dotAbsorber(session: s, base: base, target: scarDot, strength: k) }
        for (n, dot) in zip(dots.indices, dots) where Int(dot.session) == s + 1 && onScar(dot) {
            layers[Int(SeedStreams.seed(result.plan.seed, stream: SeedStreams.scarUptake(impression: n)) % 3)].append(x: dot.x, y: dot.y)
        }
        return layers.filter { !$0.x.isEmpty }
    }

    /// Legend entries for the scar: the bare scar tissue, and the latest layer's dot on scar
    /// (healed, or faded at the follow-up being drawn, with the pigment left on scar vs skin).
    func scarSwatches(after session: Int) -> [AppearanceSheet.Swatch] {
        guard let scar = scarOutcome, let colour = scarColour else { return [] }
        var out = [AppearanceSheet.Swatch(colour: colour, label: [
            "scar tissue", Self.lab(scar.scarLab), "ΔE00 to skin \(CSV.number(scar.scarVsSkinDeltaE00.rounded(places: 1)))"])]
        let k = session - 1
        if let look = scarLook(session: k, day: followUpDay), let normal = faded?[k] {
            out.append(.init(colour: Self.display(Colorimetry.srgb(look.lab).rgb), label: [
                "session \(session) on scar now", Self.lab(look.lab),
                "\(Int((look.retained * 100).rounded()))% pigment left (skin \(Int((normal.retained * 100).rounded()))%)"],
                key: SessionPalette.colour(session: session)))
        } else {
            let onScar = scar.sessionsOnScar[k]
            out.append(.init(colour: Self.display(Colorimetry.srgb(onScar).rgb), label: [
                "session \(session) on scar", Self.lab(onScar),
                "ΔE00 to same dot on skin \(CSV.number(deltaE2000(onScar, result.colours.sessions[k].lab).rounded(places: 1)))"],
                key: SessionPalette.colour(session: session)))
        }
        return out
    }

    /// The look on scar of session `s` at the follow-up being drawn.
    func scarLook(session s: Int, day: Double?) -> SessionLook? {
        guard let day, let f = scarOutcome?.followUps.first(where: { $0.day == day }), s < f.sessions.count else { return nil }
        return f.sessions[s]
    }

    /// Whole-head view: scar tissue shades each cell towards the scar colour by the share of
    /// the cell it covers (3 × 3 samples per cell).
    func applyScarTissue(to cells: inout [LinearRGB]) {
        guard let layout = result.scalp.areas, let colour = scarColour else { return }
        let scar = LinearRGB(colour)
        let grid = result.scalp.grid
        for area in layout.areas where area.kind.isScar {
            let b = area.shape.bounds
            guard let lo = grid.index(x: max(grid.minX, b.minX), y: max(grid.minY, b.minY)),
                  let hi = grid.index(x: min(grid.maxX - 1e-9, b.maxX), y: min(grid.maxY - 1e-9, b.maxY)) else { continue }
            for r in (lo / grid.width)...(hi / grid.width) {
                for c in (lo % grid.width)...(hi % grid.width) {
                    let (x, y) = grid.center(column: c, row: r)
                    var hits = 0
                    for sy in -1...1 {
                        for sx in -1...1 where layout.scarArea(x: x + Double(sx) * grid.cellSize / 3,
                                                               y: y + Double(sy) * grid.cellSize / 3) != nil { hits += 1 }
                    }
                    if hits > 0 { cells[r * grid.width + c] = cells[r * grid.width + c].mixed(with: scar, Float(hits) / 9) }
                }
            }
        }
    }
}
