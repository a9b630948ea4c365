import Foundation
import Rendering
import SkinOptics
import Support

/// Files describing fading: timeline.csv (per follow-up day × region), timeline_sessions.csv
/// (per follow-up day × session), fade_curves.csv and fade_curves.png, appearance_day<D>.png.
enum FadeOutputs {
    static let timelineHeader = "day,region,sessions_placed,impressions,impressions_per_cm2,perceived_density_per_cm2,perceived_fraction_of_target,covered_fraction,boolean_model_coverage,merge_pairs,mean_diameter_um,nn_mean_mm"
    static let sessionsHeader = "day,session,age_days,retained,L,a,b,hex,delta_e00_to_healed,delta_e00_to_hair,delta_e00_to_skin,undertone,diameter_scale,depth_mm"

    static func timelineCSV(_ outlook: FadeOutlook) -> [UInt8] {
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

    static func sessionsCSV(_ outlook: FadeOutlook) -> [UInt8] {
        var out = sessionsHeader + "\n"
        for f in outlook.followUps { for look in f.sessions { out += sessionRow(day: f.day, look) + "\n" } }
        return Array(out.utf8)
    }

    static func curvesCSV(_ result: SimulationResult, _ outlook: FadeOutlook) -> [UInt8] {
        var out = sessionsHeader + "\n"
        for (i, curve) in outlook.curves.enumerated() {
            for look in curve { out += sessionRow(day: result.plan.sessions[i].day + look.ageDays, look) + "\n" }
        }
        return Array(out.utf8)
    }

    /// Two stacked charts: colour change from healed (ΔE00) and retained pigment, vs time,
    /// one line per session, with the touch-up threshold drawn on the ΔE00 chart.
    static func curvesPNG(_ result: SimulationResult, _ outlook: FadeOutlook) throws(SimulationError) -> [UInt8] {
        func years(_ look: SessionLook, _ i: Int) -> Double { (result.plan.sessions[i].day + look.ageDays) / 365.25 }
        var colourSeries = outlook.curves.enumerated().map { i, curve in
            LineChart.Series(label: "session \(i + 1) (\(result.plan.sessions[i].pigment), \(CSV.number(result.plan.sessions[i].depthMM)) mm)",
                             colour: LineChart.palette[i % LineChart.palette.count],
                             points: curve.map { (years($0, i), $0.deltaE00ToHealed) })
        }
        let endYears = (outlook.curves.flatMap { $0 }.map(\.ageDays).max() ?? 1825) / 365.25 + result.plan.sessions[0].day / 365.25
        colourSeries.append(LineChart.Series(label: "touch-up threshold ΔE00 \(CSV.number(result.plan.touchUp.maxDeltaE00))",
                                             colour: RGB(150, 150, 150), points: [(0, result.plan.touchUp.maxDeltaE00), (endYears, result.plan.touchUp.maxDeltaE00)]))
        let retainedSeries = outlook.curves.enumerated().map { i, curve in
            LineChart.Series(label: "session \(i + 1)", colour: LineChart.palette[i % LineChart.palette.count],
                             points: curve.map { (years($0, i), $0.retained * 100) })
        }
        let top = LineChart(title: "\(result.plan.name): colour change since healing (\(outlook.model) fade model)",
                            xLabel: "years after the first session", yLabel: "ΔE00 to healed colour",
                            series: colourSeries, width: 900, height: 420).render()
        var bottomChart = LineChart(title: "pigment retained", xLabel: "years after the first session", yLabel: "retained (%)",
                                    series: retainedSeries, width: 900, height: 420)
        bottomChart.yRange = 0...100
        let bottom = bottomChart.render()
        var canvas = RGBCanvas(width: max(top.width, bottom.width), height: top.height + bottom.height + 10)
        canvas.blit(top, x: 0, y: 0)
        canvas.blit(bottom, x: 0, y: top.height + 10)
        do { return try PNGCodec.encode(canvas.image) } catch { throw .rendering(error.description) }
    }
}
