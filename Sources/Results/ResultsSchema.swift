/// The tables of a results database (`docs/database.md` documents each column):
///
/// - `plans`: one row per plan, the columns of `summary.csv` (`id` is the primary key; swept
///   fields keep their names, e.g. `"client.skin"`, quoted in SQL). Indexed by position, status
///   and each swept field.
/// - `sessions`: one row per plan and session (whole treated area).
/// - `regions`: one row per plan, session and region (the rows of the plan's `sessions.csv`).
/// - `follow_ups`: one row per plan, follow-up day and region (the rows of `timeline.csv`).
/// - `variants`: with replicates, one row per variant (the columns of `variants.csv`).
/// - `runs`: one row per batch run or shard: provenance and counts.
///
/// Every per-plan table has `plan_id` (= `plans.id`) and is indexed by it through its primary key.
public enum ResultsSchema {
    public struct Column: Sendable {
        public let name: String
        public let type: String
    }

    static func c(_ name: String, _ type: String) -> Column { Column(name: name, type: type) }

    public static let sessions: [Column] = [
        c("session", "INTEGER"), c("day", "REAL"), c("fraction_of_target", "REAL"), c("needle_mm", "REAL"),
        c("depth_mm", "REAL"), c("pigment", "TEXT"), c("dilution", "REAL"), c("impressions", "INTEGER"),
        c("density_per_cm2", "REAL"), c("target_per_cm2", "REAL"), c("nn_mean_mm", "REAL"), c("nn_min_mm", "REAL"),
        c("clark_evans_r", "REAL"), c("merge_pairs", "INTEGER"), c("coverage_fraction", "REAL"),
        c("healed_hex", "TEXT"), c("de00_to_skin", "REAL"), c("undertone", "TEXT"),
    ]
    /// The columns of a plan's `sessions.csv` (hair columns NULL for Norwood plans).
    public static let regions: [Column] = [
        c("session", "INTEGER"), c("day", "REAL"), c("fraction_of_target", "REAL"), c("region", "TEXT"),
        c("region_area_cm2", "REAL"), c("treated_area_cm2", "REAL"), c("impressions", "INTEGER"),
        c("impressions_per_cm2", "REAL"), c("target_per_cm2", "REAL"), c("nn_mean_mm", "REAL"), c("nn_p5_mm", "REAL"),
        c("nn_min_mm", "REAL"), c("clark_evans_r", "REAL"), c("merge_pairs", "INTEGER"), c("covered_fraction", "REAL"),
        c("boolean_model_coverage", "REAL"), c("mean_healed_diameter_um", "REAL"), c("hair_per_cm2", "REAL"),
        c("perceived_per_cm2", "REAL"),
    ]
    /// The columns of a plan's `timeline.csv`.
    public static let followUps: [Column] = [
        c("day", "REAL"), c("region", "TEXT"), c("sessions_placed", "INTEGER"), c("impressions", "INTEGER"),
        c("impressions_per_cm2", "REAL"), c("perceived_density_per_cm2", "REAL"), c("perceived_fraction_of_target", "REAL"),
        c("covered_fraction", "REAL"), c("boolean_model_coverage", "REAL"), c("merge_pairs", "INTEGER"),
        c("mean_diameter_um", "REAL"), c("nn_mean_mm", "REAL"),
    ]
    public static let runs: [Column] = [
        c("shard_index", "INTEGER"), c("shard_count", "INTEGER"), c("unique_jobs", "INTEGER"), c("jobs_in_shard", "INTEGER"),
        c("succeeded", "INTEGER"), c("failed", "INTEGER"), c("stipple_version", "TEXT"), c("commit", "TEXT"),
        c("data_sha256", "TEXT"), c("command", "TEXT"),
    ]

    /// An SQL identifier in double quotes (swept fields hold dots and brackets).
    public static func quote(_ name: String) -> String { "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }

    static func table(_ name: String, _ columns: [Column], key: [String]) -> String {
        let body = (["plan_id TEXT NOT NULL"] + columns.map { "\(quote($0.name)) \($0.type)" }).joined(separator: ", ")
        return "CREATE TABLE IF NOT EXISTS \(name) (\(body), PRIMARY KEY (\((["plan_id"] + key).joined(separator: ", "))))"
    }

    /// Statements creating every table but `variants` (written whole at the end); `plans` takes
    /// the summary's columns untyped (SQLite stores each value as written: numbers as numbers).
    static func create(planColumns: [String], swept: [String]) -> [String] {
        let planBody = planColumns.map { $0 == "id" ? "id TEXT PRIMARY KEY" : quote($0) }.joined(separator: ", ")
        var out = [
            "CREATE TABLE IF NOT EXISTS plans (\(planBody))",
            "CREATE INDEX IF NOT EXISTS plans_by_position ON plans (position)",
            "CREATE INDEX IF NOT EXISTS plans_by_status ON plans (status)",
            table("sessions", sessions, key: ["session"]),
            table("regions", regions, key: ["session", "region"]),
            "CREATE INDEX IF NOT EXISTS regions_by_region ON regions (region, session)",
            table("follow_ups", followUps, key: ["day", "region"]),
            "CREATE INDEX IF NOT EXISTS follow_ups_by_region_day ON follow_ups (region, day)",
            "CREATE TABLE IF NOT EXISTS runs (\(runs.map { "\(quote($0.name)) \($0.type)" }.joined(separator: ", ")), PRIMARY KEY (shard_index, shard_count))",
        ]
        for (k, field) in swept.enumerated() where planColumns.contains(field) {
            out.append("CREATE INDEX IF NOT EXISTS plans_by_swept_\(k) ON plans (\(quote(field)))")
        }
        return out
    }

    static func createVariants(columns: [String]) -> String {
        "CREATE TABLE variants (" + columns.map { $0 == "variant" ? "variant TEXT PRIMARY KEY" : quote($0) }.joined(separator: ", ") + ")"
    }
}
