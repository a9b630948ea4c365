import Foundation
import Plans
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

    /// The summary files a run with this shard `suffix` writes (index.html aside).
    static func fileNames(suffix: String) -> [String] {
        ["summary\(suffix).csv", "summary\(suffix).json", "errors\(suffix).csv", "manifest\(suffix).json"]
    }

    /// Writes the files; when any of them fails, the temporaries of all of them are removed, so a
    /// failed run leaves the previous complete files (or none), never a partial one.
    func write(_ batch: BatchInputs, failures: [Int: (id: String, source: String, message: String)],
               progress: BatchProgress) throws(OutputError) -> BatchOutcome {
        do {
            return try writeFiles(batch, failures: failures, progress: progress)
        } catch {
            BatchRunner.removeStaleTemporaries(in: options.outputDirectory, suffix: options.suffix, pid: getpid())
            throw error
        }
    }

    private func writeFiles(_ batch: BatchInputs, failures: [Int: (id: String, source: String, message: String)],
                            progress: BatchProgress) throws(OutputError) -> BatchOutcome {
        let dir = options.outputDirectory
        let files = Self.fileNames(suffix: options.suffix)
        let names = (csv: files[0], json: files[1], errors: files[2], manifest: files[3])
        let columns = layout.columns
        var csv = try StreamingFile(dir.appendingPathComponent(names.csv))
        var json = try StreamingFile(dir.appendingPathComponent(names.json))
        var errors = try StreamingFile(dir.appendingPathComponent(names.errors))
        try csv.append(columns.map(CSV.text).joined(separator: ",") + "\n")
        try json.append("{\"schema\":\"stipple.batch-summary\",\"schema_version\":1,\"rows\":[\n")
        try errors.append("position,id,source,message\n")
        var succeeded = 0, failed = 0, first = true
        var jobs = layout.uniqueJobs(batch)
        let decoder = JSONDecoder()
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
            row.values["position"] = .number(Double(position))
            row.values["id"] = .text(job.id)
            row.values["source"] = .text(job.source)
            row.values["status"] = .text(message == nil ? "ok" : "failed")
            if let message { row.values["message"] = .text(message) }
            for (field, value) in job.varied { row.values[field] = .text(value) }
            if let message {
                failed += 1
                try errors.append([String(position), job.id, CSV.text(job.source), CSV.text(message)].joined(separator: ",") + "\n")
            } else {
                succeeded += 1
            }
            try csv.append(columns.map { row.values[$0]?.csv ?? "" }.joined(separator: ",") + "\n")
            try json.append((first ? "" : ",\n") + Self.jsonObject(row, columns: columns))
            first = false
        }
        try json.append("\n]}\n")
        let manifest = """
            {"schema":"stipple.batch-manifest","schema_version":1,"unique_jobs":\(layout.uniqueJobs),\
            "shard_index":\(options.shard?.index ?? 0),"shard_count":\(options.shard?.count ?? 1),\
            "jobs_in_shard":\(layout.shardJobs),"succeeded":\(succeeded),"failed":\(failed),\
            "summary":"\(names.csv)","errors":"\(names.errors)"}

            """
        var manifestFile = try StreamingFile(dir.appendingPathComponent(names.manifest))
        try manifestFile.append(manifest)
        // Commit order: rows first, the manifest (which marks a finished run) last.
        try csv.commit()
        try json.commit()
        try errors.commit()
        try manifestFile.commit()
        // Shards leave the page to `stipple merge`, which sees every plan.
        if options.shard == nil { try BatchIndex.write(into: dir) { $0 } }
        return BatchOutcome(total: layout.shardJobs, succeeded: succeeded, failed: failed, reused: progress.reused,
                            duplicates: layout.duplicates, summaryCSV: dir.appendingPathComponent(names.csv),
                            summaryJSON: dir.appendingPathComponent(names.json), errorsCSV: dir.appendingPathComponent(names.errors))
    }

    static func jsonObject(_ row: SummaryRow, columns: [String]) -> String {
        var parts: [String] = []
        for column in columns {
            guard let value = row.values[column] else { continue }
            let rendered: String
            switch value {
            case .number(let v): rendered = CSV.number(v)
            case .text(let t): rendered = JSONText.quote(t)
            }
            parts.append("\(JSONText.quote(column)):\(rendered)")
        }
        return "{" + parts.joined(separator: ",") + "}"
    }
}

/// JSON string quoting (RFC 8259) without going through an encoder per value.
enum JSONText {
    static func quote(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case let c where c.value < 0x20: out += String(format: "\\u%04x", c.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
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
