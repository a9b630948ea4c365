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
    let shapeAreaCM2: Double
    let targetInsidePerCM2: Double
    let dotsInside: Int
    let densityInsidePerCM2: Double
    let fractionOfTarget: Double
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
        shapeAreaCM2 = o.shapeAreaCM2.rounded(places: 3)
        targetInsidePerCM2 = o.targetInsidePerCM2.rounded(places: 2)
        dotsInside = o.dotsInside
        densityInsidePerCM2 = o.densityInsidePerCM2.rounded(places: 2)
        fractionOfTarget = o.fractionOfTarget.rounded(places: 4)
        dotsInTransition = o.dotsInTransition
        scar = o.scar.map(ScarRecord.init)
    }
}

struct ScarRecord: Encodable {
    let scarTissueCM2: Double
    let fueScarCount: Int
    let dotsOnScar: Int
    let skinLab: LabRecord
    let scarLab: LabRecord
    let scarHex: String
    let scarVsSkinDeltaE00: Double
    let sessionsOnScar: [LabRecord]
    let dotOnScarVsSkinDeltaE00: Double
    let untreatedDeltaE00: Double
    let camouflagedDeltaE00: Double
    let tissue: ScarTissue
    let followUps: [ScarFollowUpRecord]

    init(_ s: ScarOutcome) {
        scarTissueCM2 = s.scarTissueCM2.rounded(places: 3)
        fueScarCount = s.fueScarCount
        dotsOnScar = s.dotsOnScar
        skinLab = LabRecord(s.skinLab)
        scarLab = LabRecord(s.scarLab)
        scarHex = Colorimetry.srgb(s.scarLab).rgb.hex
        scarVsSkinDeltaE00 = s.scarVsSkinDeltaE00.rounded(places: 3)
        sessionsOnScar = s.sessionsOnScar.map(LabRecord.init)
        dotOnScarVsSkinDeltaE00 = s.dotOnScarVsSkinDeltaE00.rounded(places: 3)
        untreatedDeltaE00 = s.untreatedDeltaE00.rounded(places: 3)
        camouflagedDeltaE00 = s.camouflagedDeltaE00.rounded(places: 3)
        tissue = s.tissue
        followUps = s.followUps.map(ScarFollowUpRecord.init)
    }
}

struct ScarFollowUpRecord: Encodable {
    let day: Double
    let retainedOnScar: Double
    let retainedOnSkin: Double
    let dotOnScarVsSkinDeltaE00: Double

    init(_ f: ScarFollowUp) {
        day = f.day
        retainedOnScar = f.retainedOnScar.rounded(places: 4)
        retainedOnSkin = f.retainedOnSkin.rounded(places: 4)
        dotOnScarVsSkinDeltaE00 = f.dotOnScarVsSkinDeltaE00.rounded(places: 3)
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
