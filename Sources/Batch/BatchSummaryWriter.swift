import Foundation
import Plans
import Reports
import Results
import Support

/// Assembles a batch's `summary.csv`, `summary.json`, `errors.csv` and `manifest.json` (with a
/// `-shard-K-of-N` suffix when sharded), and for an unsharded run `index.html`, by streaming over the jobs again and reading each
/// finished plan's `row.json`. Every file is written to a temporary name and renamed.
struct BatchSummaryWriter {
    let options: BatchOptions
    let layout: BatchLayout
    /// The row journal of a `--keep summary` run (rows not found there come from plan folders,
    /// e.g. left by an earlier run that kept them).
    var journal: RowJournal? = nil
    /// The run's provenance, written at the top of summary.json and in manifest.json.
    var provenance: RunProvenance? = nil
    /// `--db`: receives the variants table and this run's row of `runs`.
    var database: ResultsDatabase? = nil

    /// The summary files a run with this shard `suffix` writes (index.html aside).
    static func fileNames(suffix: String) -> [String] {
        ["summary\(suffix).csv", "summary\(suffix).json", "errors\(suffix).csv", "manifest\(suffix).json", "variants\(suffix).csv"]
    }

    /// Writes the files; when any of them fails, the temporaries of all of them are removed, so a
    /// failed run leaves the previous complete files (or none), never a partial one.
    func write(_ batch: BatchInputs, failures: [Int: (id: String, source: String, message: String)],
               progress: BatchProgress) throws(BatchError) -> BatchOutcome {
        do {
            return try writeFiles(batch, failures: failures, progress: progress)
        } catch {
            BatchRunner.removeStaleTemporaries(in: options.outputDirectory, suffix: options.suffix, pid: getpid())
            throw error
        }
    }

    private func writeFiles(_ batch: BatchInputs, failures: [Int: (id: String, source: String, message: String)],
                            progress: BatchProgress) throws(BatchError) -> BatchOutcome {
        try BatchError.mapping { try writeSummaries(batch, failures: failures, progress: progress) }
    }

    private func writeSummaries(_ batch: BatchInputs, failures: [Int: (id: String, source: String, message: String)],
                                progress: BatchProgress) throws -> BatchOutcome {
        let dir = options.outputDirectory
        let files = Self.fileNames(suffix: options.suffix)
        let names = (csv: files[0], json: files[1], errors: files[2], manifest: files[3])
        let columns = layout.columns
        var csv = try StreamingFile(dir.appendingPathComponent(names.csv))
        var json = try StreamingFile(dir.appendingPathComponent(names.json))
        var errors = try StreamingFile(dir.appendingPathComponent(names.errors))
        try csv.append(columns.map(CSV.text).joined(separator: ",") + "\n")
        let record = provenance.map { ProvenanceRecord($0, seed: nil) }
        let envelope = try SummaryJSON.envelope(provenance: record)
        try json.append(envelope.head + "\n")
        try errors.append("position,id,source,message\n")
        // Replicate statistics need every replicate of a variant: unsharded runs here, shards in merge.
        var variants = batch.hasReplicates && options.shard == nil ? try VariantsFile(dir, summaryColumns: columns) : nil
        var succeeded = 0, failed = 0, first = true
        let swept = Set(layout.variedFields)
        var jobs = layout.uniqueJobs(batch)
        let decoder = StippleJSON.decoder()
        while let (position, job) = jobs.next() {
            guard layout.isMine(position) else { continue }
            var row = SummaryRow(values: [:])
            var message: String?
            if let failure = failures[position] {
                message = failure.message
            } else if let data = journal?.row(job.id)
                        ?? (try? Data(contentsOf: dir.appendingPathComponent(job.id).appendingPathComponent(BatchRunner.rowFile))),
                      let stored = try? decoder.decode(SummaryRow.self, from: data) {
                row = stored
            } else {
                message = "no result found (the plan did not finish); rerun the batch to complete it"
            }
            row.complete(position: position, id: job.id, source: job.source, varied: job.varied, message: message)
            if let message {
                failed += 1
                try errors.append([String(position), job.id, CSV.text(job.source), CSV.text(message)].joined(separator: ",") + "\n")
            } else {
                succeeded += 1
            }
            try csv.append(columns.map { row.values[$0]?.csv ?? "" }.joined(separator: ",") + "\n")
            try json.append((first ? "" : ",\n") + (try Self.jsonObject(row, columns: columns, numericText: swept)))
            try variants?.add(row)
            first = false
        }
        try json.append("\n" + envelope.tail + "\n")
        let manifest = SummaryJSON.Manifest(uniqueJobs: layout.uniqueJobs, shardIndex: options.shard?.index ?? 0,
                                            shardCount: options.shard?.count ?? 1, jobsInShard: layout.shardJobs,
                                            succeeded: succeeded, failed: failed, provenance: record,
                                            summary: names.csv, errors: names.errors)
        var manifestFile = try StreamingFile(dir.appendingPathComponent(names.manifest))
        try manifestFile.append(try StippleJSON.text(manifest, .compact) + "\n")
        // Commit order: rows first, the manifest (which marks a finished run) last.
        try csv.commit()
        try json.commit()
        try errors.commit()
        try manifestFile.commit()
        try variants?.commit()
        if let database {
            if let variants { try database.writeVariants(columns: variants.columns, rows: variants.written.map(PlanRecords.variantValues)) }
            let p = record
            try database.writeRun([
                "shard_index": .integer(Int64(options.shard?.index ?? 0)), "shard_count": .integer(Int64(options.shard?.count ?? 1)),
                "unique_jobs": .integer(Int64(layout.uniqueJobs)), "jobs_in_shard": .integer(Int64(layout.shardJobs)),
                "succeeded": .integer(Int64(succeeded)), "failed": .integer(Int64(failed)),
                "stipple_version": .text(StippleInfo.version), "commit": p.map { .text($0.commit) } ?? .null,
                "data_sha256": p.map { .text($0.dataSha256) } ?? .null, "command": p.map { .text($0.command) } ?? .null,
            ])
        }
        // Shards leave the page to `stipple merge`, which sees every plan.
        if options.shard == nil { try BatchIndex.write(into: dir) { $0 } }
        return BatchOutcome(total: layout.shardJobs, succeeded: succeeded, failed: failed, reused: progress.reused,
                            duplicates: layout.duplicates, summaryCSV: dir.appendingPathComponent(names.csv),
                            summaryJSON: dir.appendingPathComponent(names.json), errorsCSV: dir.appendingPathComponent(names.errors))
    }

    /// The row as one line of summary.json (see `SummaryJSON.Row`).
    static func jsonObject(_ row: SummaryRow, columns: [String], numericText: Set<String> = []) throws -> String {
        try StippleJSON.text(SummaryJSON.Row(row: row, columns: columns, numericText: numericText), .compact, keys: .asDeclared)
    }
}

/// A file written in pieces to a hidden temporary name and renamed into place on `commit`,
/// so readers see either the previous complete file or the new complete file.
struct StreamingFile {
    let target: URL
    let temporary: URL
    private var handle: FileHandle
    private var buffer: [UInt8] = []

    init(_ target: URL) throws(OutputError) {
        self.target = target
        temporary = target.deletingLastPathComponent()
            .appendingPathComponent(".\(target.lastPathComponent).tmp-\(getpid())")
        guard FileManager.default.createFile(atPath: temporary.path, contents: nil),
              let h = FileHandle(forWritingAtPath: temporary.path) else {
            throw OutputError(path: target.path, message: "cannot create file (\(String(cString: strerror(errno))))")
        }
        handle = h
    }

    mutating func append(_ text: String) throws(OutputError) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 1 << 20 { try flush() }
    }

    private mutating func flush() throws(OutputError) {
        do { try handle.write(contentsOf: buffer) } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw OutputError(path: target.path, message: "write failed (\(PlanReader.reason(error)))")
        }
        buffer.removeAll(keepingCapacity: true)
    }

    mutating func commit() throws(OutputError) {
        try flush()
        // Its capacity (over 1 MB) would otherwise stay held while index.html is built.
        buffer = []
        do {
            try handle.synchronize()
            try handle.close()
        } catch {
            throw OutputError(path: target.path, message: "cannot finish writing (\(PlanReader.reason(error)))")
        }
        if rename(temporary.path, target.path) != 0 {
            throw OutputError(path: target.path, message: "cannot move into place (\(String(cString: strerror(errno))))")
        }
    }
}

/// `variants.csv`, streamed: one row per variant as its last replicate passes.
struct VariantsFile {
    private var file: StreamingFile
    private var accumulator: VariantAccumulator
    private let box: Box
    /// Every row written, for the database's `variants` table (one per variant, not per plan).
    private(set) var written: [[String: SummaryRow.SummaryValue]] = []
    var columns: [String] { accumulator.statistics.columns }

    /// The accumulator's output, collected between `add` calls.
    final class Box { var rows: [[String: SummaryRow.SummaryValue]] = [] }

    init(_ dir: URL, summaryColumns: [String]) throws(OutputError) {
        file = try StreamingFile(dir.appendingPathComponent("variants.csv"))
        let statistics = VariantStatistics(summaryColumns: summaryColumns)
        let box = Box()
        self.box = box
        accumulator = VariantAccumulator(statistics: statistics) { row throws(OutputError) in box.rows.append(row) }
        try file.append(statistics.columns.map(CSV.text).joined(separator: ",") + "\n")
    }

    mutating func add(_ row: SummaryRow) throws(OutputError) {
        try accumulator.add(row.values.mapValues(\.cellText))
        try drain()
    }

    mutating func commit() throws(OutputError) {
        try accumulator.finish()
        try drain()
        try file.commit()
    }

    private mutating func drain() throws(OutputError) {
        let columns = accumulator.statistics.columns
        for row in box.rows { try file.append(columns.map { row[$0]?.csv ?? "" }.joined(separator: ",") + "\n") }
        written += box.rows
        box.rows.removeAll()
    }
}
