import Foundation
import ScalpModel
import Simulation
import SkinOptics
import Support

/// One treatment area in report.json (`areas`, present only when the plan lists areas): the
/// area as read, the density it reached inside its shape, and for scars the colour match and
/// retention of the camouflage (`Simulation.AreaOutcome`).
struct AreaRecord: Encodable {
    let index: Int
    let kind: String
    let shape: String
    let centreMM: [Double]?
    let radiusMM: Double?
    let pointsMM: [[Double]]?
    let transitionMM: Double
    let remainingHairFraction: Double?
    @Rounded<3> var shapeAreaCM2: Double
    @Rounded<2> var targetInsidePerCM2: Double
    let dotsInside: Int
    @Rounded<2> var densityInsidePerCM2: Double
    @Rounded<4> var fractionOfTarget: Double
    let dotsInTransition: Int
    let scar: ScarRecord?

    init(_ o: AreaOutcome, area: TreatmentArea) {
        index = o.index
        kind = o.kind.rawValue
        switch area.shape {
        case .circle(let c, let r):
            shape = "circle"; centreMM = [c.x, c.y]; radiusMM = r; pointsMM = nil
        case .polygon(let p):
            shape = "polygon"; centreMM = nil; radiusMM = nil; pointsMM = p.map { [$0.x, $0.y] }
        }
        transitionMM = area.transitionMM
        remainingHairFraction = area.remainingHairFraction
        shapeAreaCM2 = o.shapeAreaCM2
        targetInsidePerCM2 = o.targetInsidePerCM2
        dotsInside = o.dotsInside
        densityInsidePerCM2 = o.densityInsidePerCM2
        fractionOfTarget = o.fractionOfTarget
        dotsInTransition = o.dotsInTransition
        scar = o.scar.map(ScarRecord.init)
    }
}

struct ScarRecord: Encodable {
    @Rounded<3> var scarTissueCM2: Double
    let fueScarCount: Int
    let dotsOnScar: Int
    let skinLab: LabRecord
    let scarLab: LabRecord
    let scarHex: String
    @Rounded<3> var scarVsSkinDeltaE00: Double
    let sessionsOnScar: [LabRecord]
    @Rounded<3> var dotOnScarVsSkinDeltaE00: Double
    @Rounded<3> var untreatedDeltaE00: Double
    @Rounded<3> var camouflagedDeltaE00: Double
    let tissue: ScarTissue
    let followUps: [ScarFollowUpRecord]

    init(_ s: ScarOutcome) {
        scarTissueCM2 = s.scarTissueCM2
        fueScarCount = s.fueScarCount
        dotsOnScar = s.dotsOnScar
        skinLab = LabRecord(s.skinLab)
        scarLab = LabRecord(s.scarLab)
        scarHex = Colorimetry.srgb(s.scarLab).rgb.hex
        scarVsSkinDeltaE00 = s.scarVsSkinDeltaE00
        sessionsOnScar = s.sessionsOnScar.map(LabRecord.init)
        dotOnScarVsSkinDeltaE00 = s.dotOnScarVsSkinDeltaE00
        untreatedDeltaE00 = s.untreatedDeltaE00
        camouflagedDeltaE00 = s.camouflagedDeltaE00
        tissue = s.tissue
        followUps = s.followUps.map(ScarFollowUpRecord.init)
    }
}

struct ScarFollowUpRecord: Encodable {
    let day: Double
    @Rounded<4> var retainedOnScar: Double
    @Rounded<4> var retainedOnSkin: Double
    @Rounded<3> var dotOnScarVsSkinDeltaE00: Double

    init(_ f: ScarFollowUp) {
        day = f.day
        retainedOnScar = f.retainedOnScar
        retainedOnSkin = f.retainedOnSkin
        dotOnScarVsSkinDeltaE00 = f.dotOnScarVsSkinDeltaE00
    }
}

extension ReportFiles {
    static func areaRecords(_ r: SimulationResult) -> [AreaRecord]? {
        guard !r.areaOutcomes.isEmpty else { return nil }
        return r.areaOutcomes.map { AreaRecord($0, area: r.plan.areas[$0.index]) }
    }

    /// One line per area for the terminal summary (empty without areas).
    static func areaLines(_ r: SimulationResult) -> [String] {
        r.areaOutcomes.flatMap { o -> [String] in
            var lines = [String(format: "area %d (%@): %.1f cm², %d dots inside = %.1f/cm² of %.1f target (%.0f%%), %d in the %@ mm edge",
                                o.index, o.kind.rawValue, o.shapeAreaCM2, o.dotsInside, o.densityInsidePerCM2, o.targetInsidePerCM2,
                                o.fractionOfTarget * 100, o.dotsInTransition, CSV.number(r.plan.areas[o.index].transitionMM))]
            if let s = o.scar {
                var line = String(format: "  scar: ΔE00 scar vs skin %.1f, healed dot on scar vs on skin %.1f; vs its surroundings %.1f untreated → %.1f camouflaged",
                                  s.scarVsSkinDeltaE00, s.dotOnScarVsSkinDeltaE00, s.untreatedDeltaE00, s.camouflagedDeltaE00)
                if let f = s.followUps.last {
                    line += String(format: "; day %@: %.0f%% pigment left on scar vs %.0f%% on skin",
                                   CSV.number(f.day), f.retainedOnScar * 100, f.retainedOnSkin * 100)
                }
                lines.append(line)
            }
            return lines
        }
    }
}
