import Foundation
import Reports
import Simulation
import Support

/// One plan's line in a batch summary: the figures a researcher sorts and plots by.
/// Stored per plan as `row.json` (so resumed and merged batches rebuild the summary from disk)
/// and assembled into `summary.csv` / `summary.json` in job order.
struct SummaryRow: Codable, Sendable, Equatable {
    /// Column name → value; numbers stay numbers in JSON.
    var values: [String: SummaryValue]

    enum SummaryValue: Codable, Sendable, Equatable {
        case number(Double)
        case text(String)

        var csv: String {
            switch self {
            case .number(let v): return CSV.number(v)
            case .text(let t): return CSV.text(t)
            }
        }

        init(from decoder: Decoder) throws {
            let c = try decoder.singleValueContainer()
            if let d = try? c.decode(Double.self) { self = .number(d) } else { self = .text(try c.decode(String.self)) }
        }

        func encode(to encoder: Encoder) throws {
            var c = encoder.singleValueContainer()
            switch self {
            case .number(let v): try c.encode(v)
            case .text(let t): try c.encode(t)
            }
        }
    }

    /// Columns every row has, before the varied fields and per-session columns.
    static let leadingColumns = ["position", "id", "source", "status", "message"]
    /// `final_hair_per_cm2` / `final_perceived_per_cm2`: remaining hair and hair + dots per cm² of
    /// the treated area, for Ludwig/Savin plans (empty for Norwood plans, which have no follicles).
    static let finalColumns = ["sessions", "final_impressions", "final_density_per_cm2", "final_target_per_cm2",
                               "final_hair_per_cm2", "final_perceived_per_cm2",
                               "final_nn_mean_mm", "final_nn_min_mm", "final_clark_evans_r", "final_merge_pairs",
                               "final_coverage", "final_coverage_fraction", "final_healed_hex", "final_de00_to_skin", "final_undertone",
                               "last_follow_up_day", "last_follow_up_perceived_fraction", "last_follow_up_merge_pairs",
                               "last_follow_up_de00_to_healed", "touch_up_day", "plan_seed"]
    /// Final columns that are not results to average over replicates (text, or the seed).
    /// `final_coverage` and `s<k>_coverage` are kept for existing scripts beside their `_fraction`
    /// twins (same values, the unit in the name); statistics use the twins.
    static let nonStatisticColumns: Set<String> = ["final_healed_hex", "final_undertone", "plan_seed", "final_coverage"]

    static func isStatistic(_ column: String) -> Bool {
        !nonStatisticColumns.contains(column) && !(column.hasPrefix("s") && column.hasSuffix("_coverage"))
    }
    static func sessionColumns(_ k: Int) -> [String] {
        ["s\(k)_density_per_cm2", "s\(k)_nn_mean_mm", "s\(k)_merge_pairs", "s\(k)_coverage", "s\(k)_de00_to_skin",
         "s\(k)_coverage_fraction"]
    }

    /// The row of a simulated plan. Its numbers are report.json's records (`ReportFiles`), as
    /// rounded there: the summary repeats the report's figures, it does not round them again.
    init(result: SimulationResult) {
        var v: [String: SummaryValue] = [:]
        let sessions = ReportFiles.sessionRecords(result)
        v["sessions"] = .number(Double(sessions.count))
        // Exact below 10¹⁵ (replicate seeds are below 2⁴⁹); report.json has every seed exactly.
        v["plan_seed"] = .number(Double(result.plan.seed))
        if let last = sessions.last {
            let m = last.all, c = last.colour
            v["final_impressions"] = .number(Double(last.totalImpressions))
            v["final_density_per_cm2"] = .number(m.impressionsPerCM2)
            v["final_target_per_cm2"] = .number(m.targetPerCM2)
            if let p = last.perceived {
                v["final_hair_per_cm2"] = .number(p.hairPerCM2)
                v["final_perceived_per_cm2"] = .number(p.perceivedPerCM2)
            }
            if let nn = m.nearestNeighbourMeanMM { v["final_nn_mean_mm"] = .number(nn) }
            if let nn = m.nearestNeighbourMinMM { v["final_nn_min_mm"] = .number(nn) }
            if let r = m.clarkEvansR { v["final_clark_evans_r"] = .number(r) }
            v["final_merge_pairs"] = .number(Double(m.mergePairs))
            v["final_coverage"] = .number(m.coveredFraction)
            v["final_coverage_fraction"] = .number(m.coveredFraction)
            v["final_healed_hex"] = .text(c.healedHex)
            v["final_de00_to_skin"] = .number(c.deltaE00ToSkin)
            v["final_undertone"] = .text(c.undertone)
        }
        if let f = ReportFiles.followUpRecords(result).last {
            v["last_follow_up_day"] = .number(f.day)
            v["last_follow_up_perceived_fraction"] = .number(f.all.perceivedFractionOfTarget)
            v["last_follow_up_merge_pairs"] = .number(Double(f.all.mergePairs))
            if let look = f.sessions.last { v["last_follow_up_de00_to_healed"] = .number(look.deltaE00ToHealed) }
        }
        if let day = result.outlook?.touchUp.suggestion?.day { v["touch_up_day"] = .number(day) }
        for s in sessions {
            let cols = Self.sessionColumns(s.session)
            v[cols[0]] = .number(s.all.impressionsPerCM2)
            if let nn = s.all.nearestNeighbourMeanMM { v[cols[1]] = .number(nn) }
            v[cols[2]] = .number(Double(s.all.mergePairs))
            v[cols[3]] = .number(s.all.coveredFraction)
            v[cols[4]] = .number(s.colour.deltaE00ToSkin)
            v[cols[5]] = .number(s.all.coveredFraction)
        }
        values = v
    }

    init(values: [String: SummaryValue]) {
        self.values = values
    }

    func encoded() -> [UInt8] {
        // Keys as declared: they are the summary's column names, not Swift properties.
        ((try? StippleJSON.bytes(self, .compact, keys: .asDeclared)) ?? []) + [UInt8(ascii: "\n")]
    }
}
