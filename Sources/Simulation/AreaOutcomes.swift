import Foundation
import Impressions
import Plans
import ScalpModel
import SkinOptics

/// What one treatment area (`areas:` in the plan) received: the density reached inside its
/// shape against what the area asked for there, where the dots went, and for scars how well
/// the camouflage matches and holds.
public struct AreaOutcome: Sendable {
    public let index: Int
    public let kind: TreatmentArea.Kind
    public let shapeAreaCM2: Double
    /// Mean target over the raster cells whose centre lies inside the shape (after the hair
    /// shortfall and the overlap rule), impressions/cm².
    public let targetInsidePerCM2: Double
    /// Impressions inside the shape after the last session, and their density.
    public let dotsInside: Int
    public let densityInsidePerCM2: Double
    /// Density inside ÷ target inside.
    public let fractionOfTarget: Double
    /// Impressions in the feathered edge (outside the shape, within `transition_mm`).
    public let dotsInTransition: Int
    public let scar: ScarOutcome?
}

/// The colour match and retention of a scar area's camouflage.
///
/// All colours are broad-area colours from the spectral skin model (`PigmentedSkin`); the scar
/// is the client's skin through `ScarTissue`. What the scar is compared with at conversational
/// distance is its *surroundings*: for generated FUE scars, the field between them (skin, the
/// hair the area keeps, the dots); for a strip, the skin just beyond the feathered edge (skin
/// and the pattern's hair there, no dots). Mixing is in linear light by the whole-head
/// preview's rules: shaved hair shades 45 % × hair fraction towards the hair colour, and a
/// layer of dots shades towards its colour by 45 % × λ ÷ follicular units/cm² (capped at 45 %),
/// or by its disc coverage 1 − exp(−λπr²) when more. Cheon et al. (2010) graded scar–skin
/// colour differences of ≈ 4.4 as a "perfect match", 9.6 "slight", 17.8 "obvious".
public struct ScarOutcome: Sendable {
    /// Scar tissue inside the area, cm² (the generated FUE scars' discs, or the whole shape).
    public let scarTissueCM2: Double
    /// FUE scars generated (0 when the whole shape is scar).
    public let fueScarCount: Int
    /// Impressions whose centre lies on scar tissue.
    public let dotsOnScar: Int
    public let skinLab: Lab
    public let scarLab: Lab
    /// ΔE00 of the bare scar against the surrounding skin.
    public let scarVsSkinDeltaE00: Double
    /// Each session's healed dot colour on scar (dose × uptake), in plan order.
    public let sessionsOnScar: [Lab]
    /// ΔE00 of the finishing layer's healed dot on scar against the same dot on skin.
    public let dotOnScarVsSkinDeltaE00: Double
    /// ΔE00 of the untreated scar against its untreated surroundings, seen at a distance.
    public let untreatedDeltaE00: Double
    /// ΔE00 of the scar with its dots against its surroundings after the last session.
    public let camouflagedDeltaE00: Double
    public let tissue: ScarTissue
    /// Per follow-up day: each placed session's look on scar, and the retention on scar and
    /// on skin of the finishing layer placed by then.
    public let followUps: [ScarFollowUp]
}

public struct ScarFollowUp: Sendable {
    public let day: Double
    /// Looks on scar of the sessions placed by `day` (colour, retained fraction of the normal dose).
    public let sessions: [SessionLook]
    /// Retained fraction of the latest placed session's dose, on scar and on skin.
    public let retainedOnScar: Double
    public let retainedOnSkin: Double
    /// ΔE00 of that session's faded dot on scar against the same dot on skin.
    public let dotOnScarVsSkinDeltaE00: Double
}

extension SimulationEngine {
    /// Per-area outcomes (empty when the plan lists no areas).
    package func areaOutcomes(for result: SimulationResult) throws(SimulationError) -> [AreaOutcome] {
        guard let layout = result.scalp.areas else { return [] }
        let grid = result.target.grid
        // Looks only (no follow-up metrics here), so no spacing analyses are rebuilt.
        let evaluator = try FadeEvaluator(result: result, engine: self, spacing: [])
        var scarSkin: SkinModel?
        var outcomes: [AreaOutcome] = []
        for (i, area) in layout.areas.enumerated() {
            var inside = 0, transition = 0, onScar = 0
            for dot in result.impressions {
                let d = area.shape.signedDistance(x: dot.x, y: dot.y)
                if d <= 0 { inside += 1 } else if d <= area.transitionMM { transition += 1 }
                if area.kind.isScar, d <= 0, layout.scarArea(x: dot.x, y: dot.y) == i { onScar += 1 }
            }
            var sum = 0.0, cells = 0
            for r in 0..<grid.height {
                for c in 0..<grid.width {
                    let (x, y) = grid.center(column: c, row: r)
                    guard area.shape.contains(x: x, y: y) else { continue }
                    sum += Double(result.target.values[r * grid.width + c]); cells += 1
                }
            }
            let shapeCM2 = area.shape.areaMM2 / 100
            let targetInside = cells > 0 ? sum / Double(cells) : 0
            let density = Double(inside) / shapeCM2
            var scar: ScarOutcome?
            if area.kind.isScar {
                if scarSkin == nil {
                    do { scarSkin = try colourLibrary.scar.skin(from: result.colours.skinModel) } catch { throw .colour(error.description) }
                }
                scar = try scarOutcome(result, evaluator: evaluator, scarSkin: scarSkin!, layout: layout, index: i,
                                       densityPerCM2: density, dotsOnScar: onScar)
            }
            outcomes.append(AreaOutcome(
                index: i, kind: area.kind, shapeAreaCM2: shapeCM2, targetInsidePerCM2: targetInside,
                dotsInside: inside, densityInsidePerCM2: density,
                fractionOfTarget: targetInside > 0 ? density / targetInside : 0, dotsInTransition: transition, scar: scar))
        }
        return outcomes
    }

    private func scarOutcome(_ result: SimulationResult, evaluator: FadeEvaluator, scarSkin: SkinModel, layout: AreaLayout,
                             index: Int, densityPerCM2: Double, dotsOnScar: Int) throws(SimulationError) -> ScarOutcome {
        let tissue = colourLibrary.scar
        let scar = (tissue: tissue, skin: scarSkin)
        let plan = result.plan
        let skinLab = result.colours.skinLab, scarLab = scarSkin.lab
        var onScar: [Lab] = []
        for i in plan.sessions.indices { onScar.append(try evaluator.look(i, age: 0, scar: scar).lab) }
        let last = plan.sessions.count - 1
        let dotSkin = result.colours.sessions[last].lab, dotScar = onScar[last]
        // Shading of the finished work at this density (the whole-head preview's rules).
        let units = max(1, plan.client.nativeHairDensity / 2)
        let r = result.sessions[last].healedDiameterMM / 2
        let cover = max(min(0.45, 0.45 * densityPerCM2 / units), 1 - exp(-densityPerCM2 / 100 * Double.pi * r * r))
        func mixed(_ base: Lab, _ other: Lab, _ t: Double) -> Lab {
            let a = Colorimetry.xyz(base), b = Colorimetry.xyz(other)
            return Colorimetry.lab(XYZ(X: a.X + t * (b.X - a.X), Y: a.Y + t * (b.Y - a.Y), Z: a.Z + t * (b.Z - a.Z)))
        }
        let hairLab = result.colours.hairLab ?? Lab(L: 22, a: 3, b: 5.5)
        let area = layout.areas[index]
        let untreatedSurround: Lab, treatedSurround: Lab
        if layout.fueScars[index].isEmpty {
            let ring = Self.ringHair(result.scalp, area: area)
            untreatedSurround = mixed(skinLab, hairLab, 0.45 * ring)
            treatedSurround = untreatedSurround
        } else {
            untreatedSurround = mixed(skinLab, hairLab, 0.45 * (area.hairInside ?? 0))
            treatedSurround = mixed(untreatedSurround, dotSkin, cover)
        }
        var followUps: [ScarFollowUp] = []
        for day in plan.followUpDays {
            let placed = plan.sessions.indices.filter { plan.sessions[$0].day <= day }
            guard let latest = placed.last else { continue }
            var looks: [SessionLook] = []
            for i in placed { looks.append(try evaluator.look(i, age: day - plan.sessions[i].day, scar: scar)) }
            let normal = try evaluator.look(latest, age: day - plan.sessions[latest].day)
            followUps.append(ScarFollowUp(day: day, sessions: looks, retainedOnScar: looks.last!.retained,
                                          retainedOnSkin: normal.retained,
                                          dotOnScarVsSkinDeltaE00: deltaE2000(looks.last!.lab, normal.lab)))
        }
        return ScarOutcome(
            scarTissueCM2: layout.scarTissueMM2(index) / 100, fueScarCount: layout.fueScars[index].count, dotsOnScar: dotsOnScar,
            skinLab: skinLab, scarLab: scarLab, scarVsSkinDeltaE00: deltaE2000(scarLab, skinLab), sessionsOnScar: onScar,
            dotOnScarVsSkinDeltaE00: deltaE2000(dotScar, dotSkin),
            untreatedDeltaE00: deltaE2000(scarLab, untreatedSurround),
            camouflagedDeltaE00: deltaE2000(mixed(scarLab, dotScar, cover), treatedSurround), tissue: tissue, followUps: followUps)
    }

    /// Mean hair fraction of the pattern in a 5 mm ring just beyond the area's feathered edge.
    static func ringHair(_ scalp: ScalpMap, area: TreatmentArea) -> Double {
        let grid = scalp.grid
        let b = area.shape.bounds, reach = area.transitionMM + 5
        var sum = 0.0, n = 0
        for r in 0..<grid.height {
            for c in 0..<grid.width {
                let (x, y) = grid.center(column: c, row: r)
                guard x > b.minX - reach, x < b.maxX + reach, y > b.minY - reach, y < b.maxY + reach else { continue }
                let d = area.shape.signedDistance(x: x, y: y)
                guard d > area.transitionMM, d <= reach, scalp.scalp.values[r * grid.width + c] > 0.5 else { continue }
                sum += Double(scalp.residualHair.values[r * grid.width + c]); n += 1
            }
        }
        return n > 0 ? sum / Double(n) : 0
    }
}
