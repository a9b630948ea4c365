import Foundation
import Simulation
import SkinOptics
import Support

/// The data files describing fading: timeline.csv (per follow-up day × region),
/// timeline_sessions.csv (per follow-up day × session) and fade_curves.csv. The pictures
/// (fade_curves.png, appearance_day<D>.png) are drawn by `Figures`.
public enum FadeReportFiles {
    static let timelineHeader = "day,region,sessions_placed,impressions,impressions_per_cm2,perceived_density_per_cm2,perceived_fraction_of_target,covered_fraction,boolean_model_coverage,merge_pairs,mean_diameter_um,nn_mean_mm"
    static let sessionsHeader = "day,session,age_days,retained,L,a,b,hex,delta_e00_to_healed,delta_e00_to_hair,delta_e00_to_skin,undertone,diameter_scale,depth_mm"

    public static func timelineCSV(_ outlook: FadeOutlook) -> [UInt8] {
        var out = timelineHeader + "\n"
        for f in outlook.followUps {
            let rows = f.metrics.regions + [f.metrics.all]
            for (r, m) in rows.enumerated() {
                out += [CSV.number(f.day), CSV.text(m.region), String(f.sessions.count), String(m.impressions),
                        CSV.number(m.impressionsPerCM2.rounded(places: 2)), CSV.number(f.perceivedDensity[r].rounded(places: 2)),
                        CSV.number(f.perceivedFraction[r].rounded(places: 4)), CSV.number(m.coveredFraction.rounded(places: 5)),
                        CSV.number(m.booleanModelCoverage.rounded(places: 5)), String(m.mergePairs),
                        CSV.number(m.meanHealedDiameterMM.map { ($0 * 1000).rounded(places: 1) }),
                        CSV.number(m.nearestNeighbourMeanMM?.rounded(places: 4))].joined(separator: ",") + "\n"
            }
        }
        return Array(out.utf8)
    }

    static func sessionRow(day: Double, _ look: SessionLook) -> String {
        [CSV.number(day), String(look.session), CSV.number(look.ageDays), CSV.number(look.retained.rounded(places: 4)),
         CSV.number(look.lab.L.rounded(places: 2)), CSV.number(look.lab.a.rounded(places: 2)), CSV.number(look.lab.b.rounded(places: 2)),
         look.hex, CSV.number(look.deltaE00ToHealed.rounded(places: 3)), CSV.number(look.deltaE00ToHair?.rounded(places: 3)),
         CSV.number(look.deltaE00ToSkin.rounded(places: 3)), look.undertone.rawValue,
         CSV.number(look.diameterScale.rounded(places: 4)), CSV.number(look.depthMM.rounded(places: 3))].joined(separator: ",")
    }

    public static func sessionsCSV(_ outlook: FadeOutlook) -> [UInt8] {
        var out = sessionsHeader + "\n"
        for f in outlook.followUps { for look in f.sessions { out += sessionRow(day: f.day, look) + "\n" } }
        return Array(out.utf8)
    }

    public static func curvesCSV(_ result: SimulationResult, _ outlook: FadeOutlook) -> [UInt8] {
        var out = sessionsHeader + "\n"
        for (i, curve) in outlook.curves.enumerated() {
            for look in curve { out += sessionRow(day: result.plan.sessions[i].day + look.ageDays, look) + "\n" }
        }
        return Array(out.utf8)
    }
}
