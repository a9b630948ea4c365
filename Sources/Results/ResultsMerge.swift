import Foundation
import GRDB

extension ResultsDatabase {
    /// The database file of shard `index` of `count` for `--db url`: `-shard-K-of-N` before the
    /// extension (`results.sqlite` → `results-shard-0-of-4.sqlite`), so every task of a job array
    /// can be given the same `--db`.
    public static func shardURL(_ url: URL, index: Int, count: Int) -> URL {
        let ext = url.pathExtension
        let stem = url.deletingPathExtension().lastPathComponent
        return url.deletingLastPathComponent().appendingPathComponent("\(stem)-shard-\(index)-of-\(count)" + (ext.isEmpty ? "" : ".\(ext)"))
    }

    /// Joins shard databases into one at `target`, identical in its `plans`, `sessions`,
    /// `regions` and `follow_ups` tables to the database of an unsharded run; `variants` (computed
    /// by the caller over all shards) replaces theirs and `runs` keeps each shard's row. Written to
    /// a hidden temporary and renamed, so `target` is complete or untouched. Refuses shards whose
    /// `plans` tables have different columns, and a plan stored by two shards.
    public static func merge(shards: [URL], into target: URL, variantColumns: [String]?,
                             variants: [[String: ResultValue]]) throws(ResultsError) {
        guard let first = shards.first else { throw ResultsError(target.path, message: "no shard databases to merge") }
        let temporary = target.deletingLastPathComponent().appendingPathComponent(".\(target.lastPathComponent).tmp-\(getpid())")
        try? FileManager.default.removeItem(at: temporary)
        do {
            let columns: [String]
            do {
                let probe = try DatabaseQueue(path: first.path, configuration: readOnly)
                columns = try probe.read { db in try db.columns(in: "plans").map(\.name) }
                try probe.close()
            } catch { throw ResultsError(first.path, error) }
            let merged = try ResultsDatabase(url: temporary, planColumns: columns, swept: [], reset: true)
            try merged.queue.writeWithoutTransaction { db in
                // Indexes of swept fields, as the shards have them.
                let indexes = try db.inDatabase(first) { try String.fetchAll(db, sql: "SELECT sql FROM shard.sqlite_master WHERE type = 'index' AND name LIKE 'plans_by_swept_%'") }
                for sql in indexes { try db.execute(sql: sql.replacingOccurrences(of: "CREATE INDEX", with: "CREATE INDEX IF NOT EXISTS")) }
                for shard in shards {
                    try db.execute(sql: "ATTACH DATABASE ? AS shard", arguments: [shard.path])
                    do {
                        let theirs = try Row.fetchAll(db, sql: "PRAGMA shard.table_info(plans)").map { $0["name"] as String }
                        guard theirs == columns else {
                            throw ResultsError(shard.path, message: "its plans table has other columns than \(first.path): not shards of one batch")
                        }
                        try db.inTransaction {
                            let quoted = columns.map(ResultsSchema.quote).joined(separator: ",")
                            try db.execute(sql: "INSERT INTO plans (\(quoted)) SELECT \(quoted) FROM shard.plans")
                            for table in ["sessions", "regions", "follow_ups", "runs"] {
                                try db.execute(sql: "INSERT INTO \(table) SELECT * FROM shard.\(table)")
                            }
                            return .commit
                        }
                    } catch let e as DatabaseError where e.resultCode == .SQLITE_CONSTRAINT {
                        try? db.execute(sql: "DETACH DATABASE shard")
                        throw ResultsError(shard.path, message: "holds a plan another shard holds too (\(e.message ?? "constraint")): the same shard twice?")
                    } catch {
                        try? db.execute(sql: "DETACH DATABASE shard")
                        throw error
                    }
                    try db.execute(sql: "DETACH DATABASE shard")
                }
            }
            if let variantColumns { try merged.writeVariants(columns: variantColumns, rows: variants) }
            try merged.queue.close()
            guard rename(temporary.path, target.path) == 0 else {
                throw ResultsError(target.path, message: "cannot move into place (\(String(cString: strerror(errno))))")
            }
        } catch let e as ResultsError {
            try? FileManager.default.removeItem(at: temporary)
            throw e
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw ResultsError(target.path, error)
        }
    }

    static var readOnly: Configuration {
        var c = Configuration()
        c.readonly = true
        return c
    }
}

extension Database {
    /// Runs `body` with `url` attached as `shard`.
    func inDatabase<T>(_ url: URL, _ body: () throws -> T) throws -> T {
        try execute(sql: "ATTACH DATABASE ? AS shard", arguments: [url.path])
        defer { try? execute(sql: "DETACH DATABASE shard") }
        return try body()
    }
}
