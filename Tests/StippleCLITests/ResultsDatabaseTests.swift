import Foundation
import GRDB
import StippleTestSupport
import Support
import Testing

/// `stipple batch --db` and `stipple merge --db`: the database holds what the CSV files hold.
@Suite("results database (--db)", .serialized)
struct ResultsDatabaseTests {
    let sweep = "Data/sweeps/stage-series.yaml"

    /// Every row of `table`, ordered by `order`, as text cells (NULL → "", numbers as
    /// `CSV.number` writes them), so tables compare across files.
    static func dump(_ url: URL, _ table: String, order: String) throws -> [[String]] {
        let queue = try DatabaseQueue(path: url.path)
        return try queue.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM \(table) ORDER BY \(order)").map { row in
                row.databaseValues.map { value in
                    switch value.storage {
                    case .null: return ""
                    case .int64(let i): return String(i)
                    case .double(let d): return CSV.number(d)
                    case .string(let s): return s
                    case .blob(let b): return b.base64EncodedString()
                    }
                }
            }
        }
    }

    @Test("plans equals summary.csv cell by cell; sessions, regions and follow-ups carry every plan")
    func databaseEqualsSummary() throws {
        let dir = try CLIRunner.scratch("db")
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("out"), db = dir.appendingPathComponent("results.sqlite")
        let run = try CLIRunner.run(["batch", sweep, "--out", out.path, "--keep", "summary", "--db", db.path, "--quiet"])
        #expect(run.status == 0, "\(run.stderr)")
        let records = try CSV.records(String(contentsOf: out.appendingPathComponent("summary.csv"), encoding: .utf8))
        let header = records[0].fields
        let queue = try DatabaseQueue(path: db.path)
        try queue.read { db in
            #expect(try db.columns(in: "plans").map(\.name) == header)
            let rows = try Row.fetchAll(db, sql: "SELECT * FROM plans ORDER BY position")
            #expect(rows.count == records.count - 1)
            for (record, row) in zip(records.dropFirst(), rows) {
                for (column, cell) in zip(header, record.fields) {
                    let value: DatabaseValue = row[column]
                    switch value.storage {
                    case .null: #expect(cell.isEmpty, "\(column): NULL vs '\(cell)'")
                    case .int64(let i): #expect(Double(cell) == Double(i), "\(column): \(i) vs '\(cell)'")
                    case .double(let d): #expect(Double(cell) == d, "\(column): \(d) vs '\(cell)'")
                    case .string(let s): #expect(s == cell, "\(column): \(s) vs '\(cell)'")
                    case .blob: Issue.record("\(column) is a blob")
                    }
                }
            }
            // Child tables: every plan has its sessions, regions (whole area first) and follow-ups.
            for table in ["sessions", "regions", "follow_ups"] {
                let plans = try Int.fetchOne(db, sql: "SELECT COUNT(DISTINCT plan_id) FROM \(table)")
                #expect(plans == 8, "\(table) covers \(plans ?? 0) plans")
                let orphans = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table) WHERE plan_id NOT IN (SELECT id FROM plans)")
                #expect(orphans == 0)
            }
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM sessions") == 24)
            // The session table's last session agrees with the summary's final columns.
            let mismatch = try Int.fetchOne(db, sql: """
                SELECT COUNT(*) FROM plans p JOIN sessions s ON s.plan_id = p.id AND s.session = p.sessions
                WHERE s.density_per_cm2 != p.final_density_per_cm2 OR s.merge_pairs != p.final_merge_pairs
                """)
            #expect(mismatch == 0)
            let run = try Row.fetchOne(db, sql: "SELECT * FROM runs")
            #expect((run?["succeeded"] as Int?) == 8)
            #expect((run?["command"] as String?)?.hasPrefix("stipple batch Data/sweeps/stage-series.yaml") == true)
        }
        // A rerun finds every plan stored and recomputes none.
        let again = try CLIRunner.run(["batch", sweep, "--out", out.path, "--keep", "summary", "--db", db.path])
        #expect(again.status == 0 && again.stderr.contains("8 reused"), "\(again.stderr)")
        // A database of another batch (other columns) is refused, naming the file.
        let other = try CLIRunner.run(["batch", "Data/sweeps/depth-by-skin.yaml", "--out", dir.appendingPathComponent("o2").path,
                                       "--keep", "summary", "--db", db.path])
        #expect(other.status != 0 && other.stderr.contains("results.sqlite") && other.stderr.contains("another batch"), "\(other.stderr)")
    }

    @Test("shard databases merged equal the unsharded database; a missing shard database is named")
    func shardDatabasesMerge() throws {
        let dir = try CLIRunner.scratch("db-shards")
        defer { try? FileManager.default.removeItem(at: dir) }
        let whole = dir.appendingPathComponent("whole.sqlite")
        let sweepFile = try ReplicateTests.sweep(in: dir, replicates: 3)
        let w = try CLIRunner.run(["batch", sweepFile.path, "--out", dir.appendingPathComponent("w").path, "--keep", "summary",
                                   "--db", whole.path, "--quiet"])
        #expect(w.status == 0, "\(w.stderr)")
        let shards = dir.appendingPathComponent("shards"), db = dir.appendingPathComponent("shards/results.sqlite")
        for k in 0..<3 {
            let r = try CLIRunner.run(["batch", sweepFile.path, "--out", shards.path, "--keep", "summary", "--shard", "\(k)/3",
                                       "--db", db.path, "--quiet"])
            #expect(r.status == 0, "\(r.stderr)")
        }
        #expect(FileManager.default.fileExists(atPath: shards.appendingPathComponent("results-shard-2-of-3.sqlite").path))
        let missing = try CLIRunner.run(["merge", shards.path, "--out", dir.appendingPathComponent("m0").path,
                                         "--db", dir.appendingPathComponent("elsewhere.sqlite").path])
        #expect(missing.status != 0 && missing.stderr.contains("elsewhere-shard-0-of-3.sqlite"), "\(missing.stderr)")
        // The shard files are found beside --db FILE (or in the merged folders) by FILE's name.
        let ok = try CLIRunner.run(["merge", shards.path, "--out", dir.appendingPathComponent("m").path, "--db", db.path])
        #expect(ok.status == 0, "\(ok.stderr)")
        for (table, order) in [("plans", "position"), ("sessions", "plan_id, session"), ("regions", "plan_id, session, region"),
                               ("follow_ups", "plan_id, day, region"), ("variants", "variant")] {
            let a = try Self.dump(whole, table, order: order), b = try Self.dump(db, table, order: order)
            #expect(a.count > 0 && a == b, "\(table) differs between merged shards and the unsharded run")
        }
        #expect(try Self.dump(db, "runs", order: "shard_index").count == 3)
    }
}
