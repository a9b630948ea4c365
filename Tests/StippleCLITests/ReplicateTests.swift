import Foundation
import StippleTestSupport
import Support
import Testing

/// Replicates (`replicates: N`, `--replicates N`) and `variants.csv`, checked against the
/// statistics computed here directly from `summary.csv`.
@Suite("replicates and variants.csv", .serialized)
struct ReplicateTests {
    /// A 2-variant sweep of the demo plan with 4 replicates each (8 plans).
    static func sweep(in dir: URL, replicates: Int = 4) throws -> URL {
        try CLIRunner.demoSweep(in: dir, name: "reps", """
              vary:
                client.skin: [monk-2, monk-10]
              replicates: \(replicates)
            """)
    }

    /// Rows of a CSV file as column → cell.
    static func table(_ url: URL) throws -> [[String: String]] {
        let records = try CSV.records(String(contentsOf: url, encoding: .utf8))
        let header = records[0].fields
        return records.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, $0.fields)) }
    }

    static func header(_ url: URL) throws -> [String] { try CSV.records(String(contentsOf: url, encoding: .utf8))[0].fields }

    @Test("each variant runs N seeds (replicate 0 = the plan's seed); variants.csv equals a direct computation")
    func statisticsMatchDirectComputation() throws {
        let dir = try CLIRunner.scratch("replicates")
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("out")
        let run = try CLIRunner.run(["batch", try Self.sweep(in: dir).path, "--out", out.path, "--keep", "summary", "--quiet"])
        #expect(run.status == 0, "\(run.stderr)")
        let summary = try Self.table(out.appendingPathComponent("summary.csv"))
        #expect(summary.count == 8)
        #expect(summary.map { $0["replicate"]! } == ["0", "1", "2", "3", "0", "1", "2", "3"])
        #expect(summary[0]["plan_seed"] == "42" && summary[4]["plan_seed"] == "42")
        #expect(Set(summary.prefix(4).map { $0["plan_seed"]! }).count == 4, "replicates must have distinct seeds")
        // Replicates of one variant differ (different dots) but share the swept value and source.
        #expect(Set(summary.prefix(4).map { $0["final_nn_mean_mm"]! }).count > 1)
        #expect(Set(summary.prefix(4).map { $0["source"]! }).count == 1)

        let variantsURL = out.appendingPathComponent("variants.csv")
        let variants = try Self.table(variantsURL)
        #expect(variants.count == 2)
        #expect(variants.map { $0["client.skin"]! } == ["monk-2", "monk-10"])
        let columns = try Self.header(variantsURL)
        let numeric = ["final_density_per_cm2", "final_nn_mean_mm", "final_nn_min_mm", "final_coverage_fraction", "final_de00_to_skin",
                       "last_follow_up_perceived_fraction", "touch_up_day", "s2_merge_pairs"]
        for name in numeric {
            for stat in ["mean", "sd", "ci95_low", "ci95_high"] { #expect(columns.contains("\(name)_\(stat)"), "\(name)_\(stat)") }
        }
        let t3 = 3.182  // Student t, 97.5 %, 3 degrees of freedom
        var checked = 0
        for (k, variant) in variants.enumerated() {
            #expect(variant["replicates"] == "4" && variant["succeeded"] == "4")
            let group = summary[(4 * k)..<(4 * k + 4)]
            for name in numeric {
                let x = group.compactMap { $0[name].flatMap(Double.init) }
                guard x.count == 4 else { continue }
                let mean = x.reduce(0, +) / 4
                let sd = (x.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 3).squareRoot()
                let half = t3 * sd / 2
                let got = ["mean": mean, "sd": sd, "ci95_low": mean - half, "ci95_high": mean + half]
                for (stat, expected) in got {
                    let value = try #require(Double(variant["\(name)_\(stat)"] ?? ""), "\(name)_\(stat) missing")
                    #expect(abs(value - expected) <= 1e-6 * max(1, abs(expected)), "\(name)_\(stat): \(value) vs \(expected)")
                }
                checked += 1
            }
            // Touch-up day distribution: type-7 quantiles of the four days.
            let days = group.compactMap { $0["touch_up_day"].flatMap(Double.init) }.sorted()
            #expect(variant["touch_up_day_missing"] == String(4 - days.count))
            if days.count == 4 {
                #expect(Double(variant["touch_up_day_min"]!) == days[0] && Double(variant["touch_up_day_max"]!) == days[3])
                #expect(Double(variant["touch_up_day_median"]!) == (days[1] + days[2]) / 2)
                #expect(abs(Double(variant["touch_up_day_p25"]!)! - (days[0] + 0.75 * (days[1] - days[0]))) < 1e-9)
            }
        }
        #expect(checked >= 12, "too few columns had values to check")
        // summary.json: swept and replicate values are numbers or text as they read, seeds numbers.
        let json = try #require(JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("summary.json"))) as? [String: Any])
        let rows = try #require(json["rows"] as? [[String: Any]])
        #expect(rows[1]["replicate"] as? Int == 1 && rows[1]["client.skin"] as? String == "monk-2")
    }

    @Test("--replicates N overrides the sweep's count; replicates shard and merge to the unsharded variants.csv")
    func replicatesFlagAndShards() throws {
        let dir = try CLIRunner.scratch("replicates-shards")
        defer { try? FileManager.default.removeItem(at: dir) }
        let sweep = try Self.sweep(in: dir, replicates: 9)
        let whole = dir.appendingPathComponent("whole"), shards = dir.appendingPathComponent("shards")
        #expect(try CLIRunner.run(["batch", sweep.path, "--replicates", "3", "--out", whole.path, "--keep", "summary", "--quiet"]).status == 0)
        #expect(try Self.table(whole.appendingPathComponent("summary.csv")).count == 6)
        #expect(try Self.table(whole.appendingPathComponent("variants.csv")).map { $0["replicates"]! } == ["3", "3"])
        for k in 0..<2 {
            let r = try CLIRunner.run(["batch", sweep.path, "--replicates", "3", "--out", shards.path, "--keep", "summary",
                                       "--shard", "\(k)/2", "--quiet"])
            #expect(r.status == 0, "\(r.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: shards.appendingPathComponent("variants.csv").path))
        let merged = dir.appendingPathComponent("merged")
        let m = try CLIRunner.run(["merge", shards.path, "--out", merged.path])
        #expect(m.status == 0, "\(m.stderr)")
        #expect(try Data(contentsOf: merged.appendingPathComponent("variants.csv")) == Data(contentsOf: whole.appendingPathComponent("variants.csv")))
        // A bad count is one clear error.
        let bad = try CLIRunner.run(["batch", sweep.path, "--replicates", "0", "--out", dir.appendingPathComponent("bad").path])
        #expect(bad.status != 0 && bad.stderr.contains("--replicates"), "\(bad.stderr)")
    }
}
