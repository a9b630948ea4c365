import Foundation
import Support

/// Statistics over the replicates of each variant (`variants.csv` and the database's `variants`
/// table): one row per variant with its swept values and, for every numeric result column of
/// the summary, the mean, the sample standard deviation and the 95 % confidence interval of the
/// mean; and the distribution of the touch-up day (min, quartiles, median, max, and how many
/// replicates suggested none).
///
/// Streaming: replicates of a variant are consecutive jobs (`BatchInputs`), so rows arrive
/// grouped by `source` in position order from a run and from a merge alike; a variant's row is
/// emitted when the next variant starts, so memory holds one variant at a time.
///
/// Input cells are the summary's CSV texts, so a run (from stored rows) and a merge (from the
/// shards' CSV) compute the same bytes.
struct VariantStatistics {
    /// Swept fields (the summary's varied columns without `replicate`).
    let sweptColumns: [String]
    /// Result columns averaged over replicates.
    let resultColumns: [String]
    static let touchUpColumn = "touch_up_day"
    static let touchUpStatistics = ["min", "p25", "median", "p75", "max", "missing"]

    /// From the summary's header: swept columns are those between `message` and the first
    /// result column; results are the numeric final and per-session columns.
    init(summaryColumns columns: [String]) {
        let leading = Set(SummaryRow.leadingColumns)
        let finals = Set(SummaryRow.finalColumns)
        sweptColumns = columns.filter { !leading.contains($0) && !finals.contains($0) && !Self.isSessionColumn($0) && $0 != "replicate" }
        resultColumns = columns.filter { (finals.contains($0) || Self.isSessionColumn($0)) && SummaryRow.isStatistic($0) }
    }

    static func isSessionColumn(_ name: String) -> Bool {
        guard name.hasPrefix("s"), let underscore = name.firstIndex(of: "_") else { return false }
        return Int(name[name.index(after: name.startIndex)..<underscore]) != nil
    }

    var columns: [String] {
        ["variant"] + sweptColumns + ["replicates", "succeeded"]
            + resultColumns.flatMap { c in ["mean", "sd", "ci95_low", "ci95_high"].map { "\(c)_\($0)" } }
            + Self.touchUpStatistics.map { "\(Self.touchUpColumn)_\($0)" }
    }

    /// One variant's statistics: column → value (numbers as numbers, the rest as text).
    func row(variant: String, rows: [[String: String]]) -> [String: SummaryRow.SummaryValue] {
        var out: [String: SummaryRow.SummaryValue] = ["variant": .text(variant), "replicates": .number(Double(rows.count))]
        for column in sweptColumns { if let v = rows.first?[column] { out[column] = .text(v) } }
        let ok = rows.filter { $0["status"] == "ok" }
        out["succeeded"] = .number(Double(ok.count))
        for column in resultColumns {
            let values = ok.compactMap { $0[column].flatMap(Double.init) }
            guard let s = Summary(values) else { continue }
            out["\(column)_mean"] = .number(s.mean.rounded(places: 6))
            if let sd = s.sd, let ci = s.ci95 {
                out["\(column)_sd"] = .number(sd.rounded(places: 6))
                out["\(column)_ci95_low"] = .number(ci.low.rounded(places: 6))
                out["\(column)_ci95_high"] = .number(ci.high.rounded(places: 6))
            }
        }
        let days = ok.compactMap { $0[Self.touchUpColumn].flatMap(Double.init) }.sorted()
        out["\(Self.touchUpColumn)_missing"] = .number(Double(ok.count - days.count))
        if !days.isEmpty {
            for (name, q) in [("min", 0.0), ("p25", 0.25), ("median", 0.5), ("p75", 0.75), ("max", 1.0)] {
                out["\(Self.touchUpColumn)_\(name)"] = .number(Self.quantile(sorted: days, q).rounded(places: 6))
            }
        }
        return out
    }

    /// Mean, sample standard deviation (n − 1) and the Student-t 95 % interval of the mean.
    struct Summary {
        let n: Int
        let mean: Double
        /// nil for a single value.
        let sd: Double?

        init?(_ values: [Double]) {
            guard !values.isEmpty else { return nil }
            n = values.count
            mean = values.reduce(0, +) / Double(n)
            let m = mean
            sd = n < 2 ? nil : (values.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(n - 1)).squareRoot()
        }

        var ci95: (low: Double, high: Double)? {
            guard let sd else { return nil }
            let half = StudentT.quantile975(degreesOfFreedom: n - 1) * sd / Double(n).squareRoot()
            return (mean - half, mean + half)
        }
    }

    /// Quantile by linear interpolation between order statistics (Hyndman & Fan type 7, the
    /// default of R's `quantile` and NumPy's `percentile`).
    static func quantile(sorted x: [Double], _ q: Double) -> Double {
        let h = Double(x.count - 1) * q
        let lo = Int(h.rounded(.down)), hi = min(lo + 1, x.count - 1)
        return x[lo] + (h - Double(lo)) * (x[hi] - x[lo])
    }
}

/// The 97.5 % quantile of Student's t distribution, for 95 % confidence intervals of a mean.
enum StudentT {
    /// ν = 1…30 from the standard table (Data/SOURCES.md), three decimals.
    static let table: [Double] = [12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
                                  2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086,
                                  2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042]

    /// Above ν = 30, the Cornish–Fisher expansion about the normal quantile z = 1.959964
    /// (Abramowitz & Stegun 26.7.5), within 10⁻⁴ of the exact value there and closer beyond.
    static func quantile975(degreesOfFreedom nu: Int) -> Double {
        precondition(nu >= 1)
        if nu <= table.count { return table[nu - 1] }
        let z = 1.959963984540054, v = Double(nu)
        let z3 = z * z * z, z5 = z3 * z * z, z7 = z5 * z * z, z9 = z7 * z * z
        return z + (z3 + z) / (4 * v) + (5 * z5 + 16 * z3 + 3 * z) / (96 * v * v)
            + (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / (384 * v * v * v)
            + (79 * z9 + 776 * z7 + 1482 * z5 - 1920 * z3 - 945 * z) / (92160 * v * v * v * v)
    }
}

/// Feeds summary rows (CSV cell texts) in position order and emits one statistics row per
/// variant through `emit` when the variant's last replicate has passed.
struct VariantAccumulator {
    let statistics: VariantStatistics
    let emit: ([String: SummaryRow.SummaryValue]) throws(OutputError) -> Void
    private var current: String?
    private var rows: [[String: String]] = []

    init(statistics: VariantStatistics, emit: @escaping ([String: SummaryRow.SummaryValue]) throws(OutputError) -> Void) {
        self.statistics = statistics
        self.emit = emit
    }

    mutating func add(_ cells: [String: String]) throws(OutputError) {
        let source = cells["source"] ?? ""
        if source != current { try flush() }
        current = source
        rows.append(cells)
    }

    mutating func finish() throws(OutputError) { try flush() }

    private mutating func flush() throws(OutputError) {
        guard let current, !rows.isEmpty else { return }
        try emit(statistics.row(variant: current, rows: rows))
        rows.removeAll(keepingCapacity: true)
    }
}

extension SummaryRow.SummaryValue {
    /// The cell's text as `summary.csv` holds it, unquoted.
    var cellText: String {
        switch self {
        case .number(let v): return CSV.number(v)
        case .text(let t): return t
        }
    }
}
