import Foundation
import Simulation
import SkinOptics
import Support

/// The report page's "Treatment areas" section (plans with `areas:`): density reached per
/// area, and for each scar its colour match before and after camouflage and its retention.
extension ReportSections {
    static func areas(_ r: SimulationResult) -> HTML {
        let rows = r.areaOutcomes.map { o in
            [String(o.index), o.kind.rawValue, E.number(o.shapeAreaCM2, 2), E.number(o.targetInsidePerCM2, 1),
             E.number(o.densityInsidePerCM2, 1), E.percent(o.fractionOfTarget, 0), E.count(o.dotsInTransition),
             E.number(r.plan.areas[o.index].transitionMM, 1)]
        }
        var out = E.table(["area", "kind", "cm²", "target /cm²", "dots /cm²", "reached", "dots in edge", "edge mm"], text: rows,
                          numeric: [0, 2, 3, 4, 5, 6, 7], caption: "density inside each area's shape after the last session")
        for o in r.areaOutcomes {
            guard let s = o.scar else { continue }
            let hex = { (lab: Lab) in Colorimetry.srgb(lab).rgb.hex }
            let rows: [[HTML]] = [
                ["scar tissue", "\(E.number(s.scarTissueCM2, 2)) cm²" + (s.fueScarCount > 0 ? " in \(E.count(s.fueScarCount)) FUE scars" : HTML())],
                ["dots on scar", HTML(text: E.count(s.dotsOnScar))],
                ["skin → scar", E.swatch(hex(s.skinLab)) + " " + E.swatch(hex(s.scarLab)) + " ΔE00 \(E.number(s.scarVsSkinDeltaE00, 1))"],
                ["healed dot on skin → on scar", E.swatch(hex(r.colours.sessions.last!.lab)) + " " + E.swatch(hex(s.sessionsOnScar.last!))
                    + " ΔE00 \(E.number(s.dotOnScarVsSkinDeltaE00, 1))"],
                ["scar vs its surroundings", "ΔE00 \(E.number(s.untreatedDeltaE00, 1)) untreated → \(E.number(s.camouflagedDeltaE00, 1)) camouflaged"],
            ] + s.followUps.map { f -> [HTML] in
                ["day \(CSV.number(f.day))", "\(E.percent(f.retainedOnScar, 0)) pigment left on scar vs \(E.percent(f.retainedOnSkin, 0)) on skin; dot ΔE00 \(E.number(f.dotOnScarVsSkinDeltaE00, 1))"]
            }
            out += E.table(["", "value"], rows, caption: "area \(o.index) (\(o.kind.rawValue)): scar colour and retention (Data/skin/scar.json; ΔE ≈ 4.4 reads as a match, 9.6 slight, 17.8 obvious: Cheon et al. 2010)")
        }
        return out
    }
}
