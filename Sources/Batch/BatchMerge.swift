import Foundation
import Plans
import Reports
import Results
import Support

/// Joins the summaries of a sharded batch (`summary-shard-K-of-N.*` in one or more folders)
/// into one `summary.csv`, `summary.json`, `errors.csv` and `index.html`, identical to what an unsharded run
/// writes. Refuses, naming the files, when a shard is missing or present twice, when shards
/// disagree about the batch, or when any plan position is missing or duplicated.
public enum BatchMerge {
    public struct Outcome: Sendable {
        public var plans: Int
        public var failed: Int
        public var shards: Int
    }

    struct ShardFiles {
        var index: Int
        var count: Int
        var uniqueJobs: Int
        var directory: URL
        var suffix: String { "-shard-\(index)-of-\(count)" }
    }

    /// `database`: also merge the shard databases of `--db database` (found beside it or in
    /// `directories`, as `ResultsDatabase.shardURL` names them) into that file.
    public static func merge(directories: [URL], into output: URL, database: URL? = nil) throws(BatchError) -> Outcome {
        let shards = try findShards(directories)
        guard let first = shards.first else {
            throw .merge("no shard manifests (manifest-shard-K-of-N.json) found in \(directories.map(\.path).joined(separator: ", "))")
        }
        let n = first.count
        for s in shards where s.count != n || s.uniqueJobs != first.uniqueJobs {
            throw .merge("shards disagree: \(s.directory.path) has shard \(s.index) of \(s.count) over \(s.uniqueJobs) plans, "
                         + "\(first.directory.path) has \(first.count) shards over \(first.uniqueJobs) plans")
        }
        var byIndex: [Int: ShardFiles] = [:]
        for s in shards {
            if let other = byIndex[s.index] {
                throw .merge("shard \(s.index) of \(n) appears twice: in \(other.directory.path) and \(s.directory.path)")
            }
            byIndex[s.index] = s
        }
        let missing = (0..<n).filter { byIndex[$0] == nil }
        guard missing.isEmpty else {
            throw .merge("missing shard(s) \(missing.map(String.init).joined(separator: ", ")) of \(n); run them, then merge again")
        }
        let ordered = (0..<n).map { byIndex[$0]! }
        return try BatchError.mapping {
            // The CSVs through the one CSV reader (a quoted field may hold a line break); summary.json
            // by lines, one plan a line between the envelope's first and last (`SummaryJSON`).
            let csv = try ordered.map { s throws -> [[String]] in try records(s.directory.appendingPathComponent("summary\(s.suffix).csv")) }
            let json = try ordered.map { s throws -> [Substring] in try lines(s.directory.appendingPathComponent("summary\(s.suffix).json")) }
            let errors = try ordered.map { s throws -> [[String]] in try records(s.directory.appendingPathComponent("errors\(s.suffix).csv")) }
            guard Set(csv.map { $0.first ?? [] }).count == 1 else { throw BatchError.merge("shard summaries have different columns") }
            func line(_ fields: [String]) -> String { fields.map(CSV.text).joined(separator: ",") }
            // Plan p sits in shard p % n at row p / n: interleave, checking every position.
            var outCSV = line(csv[0][0]) + "\n"
            var outJSON = String(json[0][0]) + "\n"
            var failed = 0
            var folderOf: [String: String] = [:]
            let shardFolders = ordered.map { BatchIndex.relativePath(from: output, to: $0.directory) }
            for p in 0..<first.uniqueJobs {
                let shard = p % n, row = p / n
                guard row + 1 < csv[shard].count, row + 1 < json[shard].count - 1 else {
                    throw BatchError.merge("plan at position \(p) is missing from shard \(shard) (\(ordered[shard].directory.path))")
                }
                let fields = csv[shard][row + 1]
                guard fields.first == String(p) else {
                    throw BatchError.merge("shard \(shard): expected plan position \(p), found '\(fields.first ?? "")' (duplicate or missing plan)")
                }
                outCSV += line(fields) + "\n"
                let id = fields.count > 1 ? fields[1] : ""
                folderOf[id] = shardFolders[shard].isEmpty ? id : shardFolders[shard] + "/" + id
                var object = json[shard][row + 1]
                if object.hasSuffix(",") { object = object.dropLast() }
                outJSON += (p == 0 ? "" : ",\n") + object
                if fields.dropFirst().dropLast().contains("failed") { failed += 1 }
            }
            for (k, shardLines) in csv.enumerated() where shardLines.count - 1 != (first.uniqueJobs - k + n - 1) / n {
                throw BatchError.merge("shard \(k) has \(shardLines.count - 1) plans, expected \((first.uniqueJobs - k + n - 1) / n) (duplicate plans?)")
            }
            outJSON += "\n" + json[0][json[0].count - 1] + "\n"
            let errorRows = errors.flatMap { $0.dropFirst() }.sorted { Int($0.first ?? "") ?? 0 < Int($1.first ?? "") ?? 0 }
            let outErrors = "position,id,source,message\n" + errorRows.map { line($0) + "\n" }.joined()
            try AtomicOutput(directory: output).prepare()
            try AtomicOutput.writeAtomically(Array(outCSV.utf8), to: output.appendingPathComponent("summary.csv"))
            try AtomicOutput.writeAtomically(Array(outJSON.utf8), to: output.appendingPathComponent("summary.json"))
            try AtomicOutput.writeAtomically(Array(outErrors.utf8), to: output.appendingPathComponent("errors.csv"))
            try BatchIndex.write(into: output) { folderOf[$0] ?? $0 }
            let variants = try writeVariants(summaryCSV: outCSV, into: output)
            if let database {
                let found = try (0..<n).map { k throws(BatchError) -> URL in
                    let name = ResultsDatabase.shardURL(database, index: k, count: n).lastPathComponent
                    let places = [database.deletingLastPathComponent()] + directories
                    guard let url = places.map({ $0.appendingPathComponent(name) }).first(where: { FileManager.default.fileExists(atPath: $0.path) }) else {
                        throw BatchError.merge("shard database \(name) not found beside \(database.path) or in the merged folders; run that shard with --db \(database.lastPathComponent)")
                    }
                    return url
                }
                // A ResultsError becomes BatchError.database in `mapping`.
                try ResultsDatabase.merge(shards: found, into: database, variantColumns: variants?.columns,
                                          variants: variants?.written.map(PlanRecords.variantValues) ?? [])
            }
            return Outcome(plans: first.uniqueJobs, failed: failed, shards: n)
        }
    }

    /// variants.csv from the merged summary, when the batch ran replicates (its summary has a
    /// `replicate` column): the same rows an unsharded run writes, since both read the cells.
    static func writeVariants(summaryCSV: String, into output: URL) throws -> VariantsFile? {
        guard let records = try? CSV.records(summaryCSV), let header = records.first?.fields, header.contains("replicate") else { return nil }
        var file = try VariantsFile(output, summaryColumns: header)
        for record in records.dropFirst() {
            var values: [String: SummaryRow.SummaryValue] = [:]
            for (column, cell) in zip(header, record.fields) where !cell.isEmpty { values[column] = .text(cell) }
            try file.add(SummaryRow(values: values))
        }
        try file.commit()
        return file
    }

    /// The records of a shard's CSV, each as its fields.
    static func records(_ url: URL) throws -> [[String]] {
        guard let text = try? String(contentsOf: url, encoding: .utf8) else {
            throw BatchError.merge("cannot read \(url.path); was the shard run to the end?")
        }
        do { return try CSV.records(text).map(\.fields) } catch {
            throw BatchError.merge("\(url.path): a quoted field opened on line \(error.line) never closes")
        }
    }

    package static func lines(_ url: URL) throws -> [Substring] {
        guard let text = try? String(contentsOf: url, encoding: .utf8) else {
            throw BatchError.merge("cannot read \(url.path); was the shard run to the end?")
        }
        return text.split(separator: "\n", omittingEmptySubsequences: true)
    }

    static func findShards(_ directories: [URL]) throws(BatchError) -> [ShardFiles] {
        var shards: [ShardFiles] = []
        for dir in directories {
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: dir.path) else {
                throw .merge("cannot read folder \(dir.path)")
            }
            for name in names.sorted() where name.hasPrefix("manifest-shard-") && name.hasSuffix(".json") {
                let url = dir.appendingPathComponent(name)
                guard let data = try? Data(contentsOf: url),
                      let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
                      let index = object["shard_index"] as? Int, let count = object["shard_count"] as? Int,
                      let unique = object["unique_jobs"] as? Int else {
                    throw .merge("\(url.path): not a Stipple batch manifest")
                }
                shards.append(ShardFiles(index: index, count: count, uniqueJobs: unique, directory: dir))
            }
        }
        return shards
    }
}
