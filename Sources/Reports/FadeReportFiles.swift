import Foundation
import Simulation
import SkinOptics
import Support

/// The data files describing fading: timeline.csv (per follow-up day × region),
/// timeline_sessions.csv (per follow-up day × session) and fade_curves.csv. `retained` is the
/// share of the healed dose left (1 once healed), `retained_of_injected` the share of the
/// injected dose (`retained` × what healing left, `HealedDose`). The pictures
/// (fade_curves.png, appearance_day<D>.png) are drawn by `Figures`.
public enum FadeReportFiles {
    static let timelineHeader = "day,region,sessions_placed,impressions,impressions_per_cm2,perceived_density_per_cm2,perceived_fraction_of_target,covered_fraction,boolean_model_coverage,merge_pairs,mean_diameter_um,nn_mean_mm"
    static let sessionsHeader = "day,session,age_days,retained,L,a,b,hex,delta_e00_to_healed,delta_e00_to_hair,delta_e00_to_skin,undertone,diameter_scale,depth_mm,retained_of_injected"

    public static func timelineCSV(_ outlook: FadeOutlook) -> [UInt8] {
        var out = timelineHeader + "\n"
        for f in outlook.followUps {
            let rows = f.metrics.regions + [f.metrics.all]
            for (r, m) in rows.enumerated() {
                // The numbers as report.json's follow-up records round them.
                let spacing = RegionRecord(m, fraction: 1)
                let g = FollowUpRegionRecord(m, perceived: f.perceivedDensity[r], fraction: f.perceivedFraction[r])
                out += [CSV.number(f.day), CSV.text(m.region), String(f.sessions.count), String(g.impressions),
                        CSV.number(spacing.impressionsPerCM2), CSV.number(g.perceivedDensityPerCM2),
                        CSV.number(g.perceivedFractionOfTarget), CSV.number(g.coveredFraction),
                        CSV.number(g.booleanModelCoverage), String(g.mergePairs),
                        CSV.number(g.meanDiameterUM), CSV.number(spacing.nearestNeighbourMeanMM)].joined(separator: ",") + "\n"
            }
        }
        return Array(out.utf8)
    }

    /// One row of timeline_sessions.csv / fade_curves.csv (without its newline), appended field
    /// by field: the same text as joining the fields' strings with commas, without building the
    /// row's array and string (fade_curves.csv has a row per session every 15 days).
    static func appendSessionRow(day: Double, _ look: SessionLook, to out: inout [UInt8]) {
        var first = true
        func field(_ text: String) {
            if !first { out.append(UInt8(ascii: ",")) }
            first = false
            out.append(contentsOf: text.utf8)
        }
        // The numbers as report.json's `LookRecord` rounds them.
        let r = LookRecord(look)
        field(CSV.number(day)); field(String(r.session)); field(CSV.number(r.ageDays))
        field(CSV.number(r.retained))
        field(CSV.number(r.lab.L)); field(CSV.number(r.lab.a)); field(CSV.number(r.lab.b))
        field(r.hex); field(CSV.number(r.deltaE00ToHealed))
        field(CSV.number(r.deltaE00ToHair))
        field(CSV.number(r.deltaE00ToSkin)); field(r.undertone)
        field(CSV.number(r.diameterScale)); field(CSV.number(r.depthMM))
        // Added last so scripts reading the earlier columns by position keep working.
        field(CSV.number(r.retainedOfInjected))
    }

    static func sessionRows(_ rows: [(day: Double, look: SessionLook)]) -> [UInt8] {
        var out = Array((sessionsHeader + "\n").utf8)
        out.reserveCapacity(out.count + rows.count * 96)
        for row in rows {
            appendSessionRow(day: row.day, row.look, to: &out)
            out.append(UInt8(ascii: "\n"))
        }
        return out
    }

    public static func sessionsCSV(_ outlook: FadeOutlook) -> [UInt8] {
        sessionRows(outlook.followUps.flatMap { f in f.sessions.map { (f.day, $0) } })
    }

    public static func curvesCSV(_ result: SimulationResult, _ outlook: FadeOutlook) -> [UInt8] {
        sessionRows(outlook.curves.enumerated().flatMap { i, curve in
            curve.map { (result.plan.sessions[i].day + $0.ageDays, $0) }
        })
    }
}
