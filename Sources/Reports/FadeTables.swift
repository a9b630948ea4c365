import Fading
import Foundation
import Support

/// The tables `stipple fade fit`, `fade benchmark` and `fade simulate` print: the fit table (CSV, one
/// row per series × model × parameter), the benchmark leaderboard, a fade curve, and their JSON.
public enum FadeTables {
    /// The fit CSV's columns; the JSON's keys are the same names (`ModelFit`, `ParameterEstimate`).
    public static let columns = ["series", "model", "status", "reason", "aic_rank", "n", "q", "dof", "ssr", "sigma", "rmse", "aic", "bic",
                                 "cv_rmse", "iterations", "condition", "se_reliable", "parameter", "unit", "estimate", "std_error",
                                 "ci95_low", "ci95_high", "ci95_method", "fitted", "at_bound", "message"]
    static let header = columns.joined(separator: ",") + "\n"

    /// A text field, quoted as Stipple's one CSV dialect quotes it.
    static func field(_ s: String) -> String { CSV.text(s) }
    static func number(_ v: Double?) -> String {
        guard let v, v.isFinite else { return "" }
        return v.description
    }

    /// The JSON form of the fade commands: sorted keys, snake_case (the fit types already
    /// name their keys as the CSV columns), non-finite numbers as "inf"/"-inf"/"nan".
    public static func json<T: Encodable>(_ value: T) throws -> String {
        try StippleJSON.text(value)
    }

    public static func csv(_ results: [SeriesFit]) -> String {
        var out = header
        out.reserveCapacity(results.count * 700)
        for r in results {
            let series = field(r.series)
            for f in r.fits {
                var common = series
                common += ","; common += f.model; common += ","; common += f.status.rawValue; common += ","
                common += f.reason?.rawValue ?? ""; common += ","
                if let rank = f.aicRank { common += String(rank) }
                common += ","; common += String(f.observations); common += ","; common += String(f.fittedParameters)
                common += ","; common += String(f.degreesOfFreedom); common += ","; common += number(f.ssr)
                common += ","; common += number(f.sigma)
                common += ","; common += number(f.rmse); common += ","; common += number(f.aic); common += ","; common += number(f.bic)
                common += ","; common += number(f.cvRMSE); common += ","; common += String(f.iterations); common += ","
                if let c = f.condition { common += c.isFinite ? c.description : "inf" }
                common += ","; common += f.standardErrorsReliable.map { $0 ? "true" : "false" } ?? ""; common += ","
                let message = field(f.message ?? "")
                if f.parameters.isEmpty {
                    out += common; out += ",,,,,,,,,"; out += message; out += "\n"
                }
                for p in f.parameters {
                    out += common; out += p.name; out += ","; out += field(p.unit); out += ","; out += number(p.estimate)
                    out += ","; out += number(p.standardError); out += ","; out += number(p.ci95Low); out += ","; out += number(p.ci95High)
                    out += ","; out += p.ci95Method.rawValue
                    out += p.fitted ? ",true" : ",false"; out += p.atBound ? ",true," : ",false,"; out += message; out += "\n"
                }
            }
        }
        return out
    }

    struct Document: Encodable {
        var observation: String
        var series: [SeriesFit]
    }

    /// The fit results as JSON, under the observation kind.
    public static func json(_ results: [SeriesFit], kind: ObservationKind) throws -> String {
        try json(Document(observation: kind.rawValue, series: results))
    }

    static let leaderboardHeader = "model,forecast_rmse,forecast_rmse_low,forecast_rmse_high,forecast_mae,cv_rmse,mean_akaike_weight,wins,failed,"
        + "versus_best_difference,versus_best_low,versus_best_high,versus_best_p,identical_to\n"

    /// The benchmark's leaderboard, one row per model.
    public static func csv(_ rows: [LeaderboardRow]) -> String {
        var out = leaderboardHeader
        for r in rows {
            out += [field(r.model), number(r.forecastRMSE), number(r.forecastRMSELow), number(r.forecastRMSEHigh), number(r.forecastMAE),
                    number(r.cvRMSE), number(r.meanAkaikeWeight), String(r.wins), String(r.failed),
                    number(r.versusBestDifference), number(r.versusBestLow), number(r.versusBestHigh), number(r.versusBestP),
                    field(r.identicalTo.joined(separator: ";"))]
                .joined(separator: ",") + "\n"
        }
        return out
    }

    /// A fade curve: `day,retained` (of `group`), with `diameter_scale,depth_mm` when the depth
    /// response applies.
    public static func curveCSV(_ states: [FadeState], group: String, withDepth: Bool) -> String {
        var csv = withDepth ? "day,retained,diameter_scale,depth_mm\n" : "day,retained\n"
        for s in states {
            csv += "\(s.day),\(s.retained[group]!)"
            if withDepth { csv += ",\(s.diameterScale),\(s.depthMM)" }
            csv += "\n"
        }
        return csv
    }

    /// A model file's curve: `day,value`.
    public static func curveCSV(_ points: [(Double, Double)]) -> String {
        var csv = "day,value\n"
        for (d, v) in points { csv += "\(d),\(v)\n" }
        return csv
    }
}
