import Figures
import Foundation
import Plans
import Reports
import Results
import Simulation
import Support

/// Options of a batch run.
public struct BatchOptions: Sendable {
    /// The folder in `--out` holding every plan's pictures once, by content (`PlanOutputs.Selection.sharedPictures`).
    public static let picturesFolder = "pictures"
    public var outputDirectory: URL
    /// Plans simulated at once (default: all cores).
    public var jobs: Int
    /// Run only slice `index` (0-based) of `count`: jobs whose position p has p % count == index.
    public var shard: Shard?
    public var selection: PlanOutputs.Selection
    /// What stays on disk per plan (the summaries are always written).
    public var keep: Keep
    /// Recompute plans even when their outputs are complete.
    public var force: Bool
    /// `--replicates N`: every plan file and sweep variant runs N times with derived seeds.
    public var replicates: Int? = nil
    /// `--db FILE`: also write the results into this SQLite database (per shard:
    /// `FILE` with `-shard-K-of-N` before its extension).
    public var database: URL? = nil

    /// What a batch keeps per plan, so a sweep's disk use follows what the researcher asked for
    /// rather than the plan count.
    public enum Keep: String, Sendable, CaseIterable {
        /// A folder per plan with everything `simulate` writes (per `selection`) plus `row.json`.
        case all
        /// A folder per plan with only `report.json` and `row.json`.
        case reports
        /// No per-plan folders: each plan's summary row goes to the row journal
        /// (`rows[-shard-K-of-N].jsonl`), which also makes the batch resumable.
        case summary
    }

    public struct Shard: Sendable, Equatable {
        public var index: Int
        public var count: Int
        public init(index: Int, count: Int) {
            self.index = index
            self.count = count
        }
    }

    public init(outputDirectory: URL, jobs: Int = ProcessInfo.processInfo.activeProcessorCount,
                shard: Shard? = nil, selection: PlanOutputs.Selection = .init(images: .none, dots: false),
                keep: Keep = .all, force: Bool = false) {
        self.outputDirectory = outputDirectory
        self.jobs = max(1, jobs)
        self.shard = shard
        self.selection = selection
        self.keep = keep
        self.force = force
    }

    /// The database this run writes: `database`, or its shard's file when sharded.
    public var databaseURL: URL? {
        database.map { url in shard.map { ResultsDatabase.shardURL(url, index: $0.index, count: $0.count) } ?? url }
    }

    /// File-name suffix of this run's summary files: "" or "-shard-K-of-N".
    package var suffix: String { shard.map { "-shard-\($0.index)-of-\($0.count)" } ?? "" }
}

/// Progress of a running batch, reported after every finished plan.
public struct BatchProgress: Sendable {
    public var total: Int
    public var done: Int
    public var failed: Int
    /// Plans whose complete outputs were found from an earlier run.
    public var reused: Int
    public var elapsedSeconds: Double
}

/// What a batch did, and where its summary and errors are.
public struct BatchOutcome: Sendable {
    public var total: Int
    public var succeeded: Int
    public var failed: Int
    public var reused: Int
    public var duplicates: Int
    public var summaryCSV: URL
    public var summaryJSON: URL
    public var errorsCSV: URL
}

/// Why a whole batch could not run (single plans failing are not batch errors).
public enum BatchError: Error, CustomStringConvertible, Sendable {
    case input(PlanError)
    case output(OutputError)
    case merge(String)
    case database(ResultsError)
    /// Stopped on request after saving the plans in flight.
    case interrupted(finished: Int, total: Int)

    public var description: String {
        switch self {
        case .interrupted(let finished, let total):
            return "interrupted: \(finished) of \(total) plans are finished and saved; run the same command again to do the rest"
        case .input(let e): return e.description
        case .output(let e): return e.description
        case .merge(let m): return m
        case .database(let e): return e.description
        }
    }
}

extension BatchError {
    /// Runs `body` and turns what it throws into a `BatchError`: file and database errors keep
    /// their own case, anything else is a merge failure. The summary writer and `merge` share it.
    static func mapping<T>(_ body: () throws -> T) throws(BatchError) -> T {
        do {
            return try body()
        } catch let e as BatchError {
            throw e
        } catch let e as OutputError {
            throw .output(e)
        } catch let e as ResultsError {
            throw .database(e)
        } catch {
            throw .merge("\(error)")
        }
    }
}

/// Runs many plans: enumerates the inputs, skips plans already complete, simulates the rest on
/// all cores, and assembles the summary in job order so it is identical for any `jobs`.
///
/// Memory stays bounded for very large sweeps: jobs are generated lazily, at most `jobs` plans
/// are in flight, per-plan results go straight to disk, and the summary is assembled by
/// streaming the per-plan `row.json` files. Only the set of 8-byte ids (for de-duplication)
/// and the failures grow with the batch.
public struct BatchRunner: Sendable {
    public let engine: SimulationEngine
    public let inputs: [String]
    public let options: BatchOptions

    public init(engine: SimulationEngine, inputs: [String], options: BatchOptions) {
        var engine = engine
        engine.parallelWithinPlan = false
        self.engine = engine
        self.inputs = inputs
        self.options = options
    }

    static let rowFile = "row.json"
    /// A finished plan: its summary row when it is journalled rather than kept in a folder.
    typealias Finished = (position: Int, id: String, source: String, error: String?, row: [UInt8]?, record: PlanRecord?)

    /// Runs the batch. `progress` is called after each finished plan. When `shouldStop` turns
    /// true (e.g. on Ctrl-C), no new plan starts, the plans in flight finish and are saved, and
    /// the run ends with `BatchError.interrupted` without writing a summary; rerunning the same
    /// command picks up from there.
    public func run(progress: @Sendable (BatchProgress) -> Void = { _ in },
                    shouldStop: @Sendable () -> Bool = { false }) async throws(BatchError) -> BatchOutcome {
        let batch: BatchInputs
        do { batch = try BatchInputs(paths: inputs, replicates: options.replicates) } catch { throw .input(error) }
        do { try AtomicOutput(directory: options.outputDirectory).prepare() } catch { throw .output(error) }
        Self.removeStaleTemporaries(in: options.outputDirectory, suffix: options.suffix)
        let layout = BatchLayout(scanning: batch, shard: options.shard)
        let started = Date()
        var state = BatchProgress(total: layout.shardJobs, done: 0, failed: 0, reused: 0, elapsedSeconds: 0)
        var failures: [Int: (id: String, source: String, message: String)] = [:]
        let reader = engine.planReader
        let journal: RowJournal?
        do {
            journal = options.keep == .summary
                ? try RowJournal(options.outputDirectory.appendingPathComponent(RowJournal.fileName(suffix: options.suffix)),
                                 reset: options.force)
                : nil
        } catch { throw .output(error) }
        var journalError: OutputError?
        let database: ResultsDatabase?
        let stored: Set<String>
        do {
            database = try options.databaseURL.map { url throws(ResultsError) in
                try ResultsDatabase(url: url, planColumns: layout.columns, swept: layout.variedFields, reset: options.force)
            }
            stored = try database?.finishedIDs() ?? []
        } catch { throw .database(error) }
        var pending: [PlanRecord] = []
        var lastFlush = Date()
        var databaseError: ResultsError?
        let swept = Set(layout.variedFields)
        /// Plans go to the database in transactions of many plans (one per plan would spend
        /// its time in fsync); a crash loses at most the plans since the last flush, which a
        /// rerun recomputes.
        func flush(force: Bool) {
            guard let database, !pending.isEmpty, force || pending.count >= 256 || Date().timeIntervalSince(lastFlush) > 2 else { return }
            do { try database.write(pending) } catch { databaseError = databaseError ?? error }
            pending.removeAll(keepingCapacity: true)
            lastFlush = Date()
        }

        await withTaskGroup(of: Finished.self) { group in
            var inFlight = 0
            /// Swept values of the plans in flight, for their database rows.
            var varied: [Int: [(field: String, value: String)]] = [:]
            func collect(_ f: Finished) {
                inFlight -= 1
                state.done += 1
                if let message = f.error {
                    state.failed += 1
                    failures[f.position] = (f.id, f.source, message)
                } else if let row = f.row, let journal {
                    do { try journal.append(id: f.id, row: row) } catch {
                        // The disk is failing: record the plan as failed and stop starting new ones.
                        state.failed += 1
                        failures[f.position] = (f.id, f.source, error.description)
                        journalError = journalError ?? error
                    }
                }
                if database != nil, databaseError == nil {
                    var jobColumns = SummaryRow(values: [:])
                    jobColumns.complete(position: f.position, id: f.id, source: f.source, varied: varied[f.position] ?? [], message: f.error)
                    var record = f.error == nil ? f.record ?? PlanRecord(id: f.id, plan: [:]) : PlanRecord(id: f.id, plan: [:])
                    record.plan.merge(PlanRecords.planValues(jobColumns, swept: swept)) { _, job in job }
                    pending.append(record)
                    flush(force: false)
                }
                varied[f.position] = nil
                state.elapsedSeconds = Date().timeIntervalSince(started)
                progress(state)
            }
            var jobs = layout.uniqueJobs(batch)
            while let (position, job) = jobs.next() {
                if shouldStop() || journalError != nil || databaseError != nil { break }
                guard layout.isMine(position) else { continue }
                let folder = options.outputDirectory.appendingPathComponent(job.id)
                if !options.force, database == nil || stored.contains(job.id),
                   journal?.contains(job.id) == true || Self.isComplete(folder) {
                    state.done += 1
                    state.reused += 1
                    state.elapsedSeconds = Date().timeIntervalSince(started)
                    progress(state)
                    continue
                }
                // Plan validation reads the (non-Sendable) tree here; the task gets a `Plan`.
                let prepared = job.plan(reader: reader, defaultName: job.id)
                let (id, source, engine, selection, keep) = (job.id, job.source, self.engine, options.selection, options.keep)
                let recording = database != nil
                if recording { varied[position] = job.varied }
                group.addTask {
                    switch prepared {
                    case .failure(let error): return (position, id, source, error.description, nil, nil)
                    case .success(let plan):
                        do {
                            let (row, record) = try Self.runOne(plan, id: id, source: source, engine: engine, selection: selection,
                                                                keep: keep, folder: folder, recording: recording)
                            return (position, id, source, nil, row, record)
                        } catch {
                            return (position, id, source, "\(error)", nil, nil)
                        }
                    }
                }
                inFlight += 1
                if inFlight >= options.jobs, let finished = await group.next() { collect(finished) }
            }
            while let finished = await group.next() { collect(finished) }
        }
        journal?.synchronize()
        flush(force: true)
        if let journalError { throw .output(journalError) }
        if let databaseError { throw .database(databaseError) }
        if shouldStop() { throw .interrupted(finished: state.done, total: state.total) }
        do {
            return try BatchSummaryWriter(options: options, layout: layout, journal: journal, provenance: engine.provenance,
                                          database: database)
                .write(batch, failures: failures, progress: state)
        } catch { throw error }
    }

    /// Simulates one plan. With `keep: .summary` it returns the summary row for the journal and
    /// writes nothing; otherwise it commits the plan's folder atomically (row.json, then
    /// report.json last) and returns no row. With `recording` (`--db`) it also returns the
    /// plan's database rows.
    static func runOne(_ plan: Plan, id: String, source: String, engine: SimulationEngine, selection: PlanOutputs.Selection,
                       keep: BatchOptions.Keep, folder: URL, recording: Bool) throws -> (row: [UInt8]?, record: PlanRecord?) {
        let result = try engine.simulate(plan, source: source)
        let summary = SummaryRow(result: result)
        let row = summary.encoded()
        let record = recording ? PlanRecords.record(id: id, summary: summary, result: result) : nil
        var files: [(name: String, bytes: [UInt8])]
        switch keep {
        case .summary: return (row, record)
        case .reports: files = [(PlanOutputs.reportFileName, try ReportFiles.reportJSON(result, outputs: [PlanOutputs.reportFileName],
                                                                                                     layout: selection.reportLayout))]
        case .all: files = try PlanOutputs.files(for: result, selection: selection).map { file in
            file.name.hasSuffix(".csv") ? (file.name, Self.prefixingPlanID(id, to: file.bytes)) : file
        }
        }
        files.append((rowFile, row))
        if let shared = selection.sharedPictures {
            // Shared pictures go in first, so a plan whose report is in place has them all.
            let prefix = shared + "/"
            try storeSharedPictures(files.filter { $0.name.hasPrefix(prefix) }, folder: folder)
            files.removeAll { $0.name.hasPrefix(prefix) }
        }
        let output = AtomicOutput(directory: folder)
        output.removeStaleStaging()
        try output.commit(files, commitLast: PlanOutputs.reportFileName)
        return (nil, record)
    }

    /// Writes each content-addressed picture (`name` relative to the plan's `folder`) unless a
    /// plan before it already did: the name is the content's hash, so an existing file holds the
    /// same bytes. Each write is atomic with its own temporary name, so two plans storing the
    /// same picture at once both leave the one complete file.
    static func storeSharedPictures(_ pictures: [(name: String, bytes: [UInt8])], folder: URL) throws {
        let fm = FileManager.default
        for picture in pictures {
            let url = URL(fileURLWithPath: folder.path + "/" + picture.name).standardizedFileURL
            if fm.fileExists(atPath: url.path) { continue }
            try AtomicOutput(directory: url.deletingLastPathComponent()).prepare()
            try AtomicOutput.writeAtomically(picture.bytes, to: url)
        }
    }

    /// A per-plan CSV with `plan_id` (the batch id, = the folder name) as its first column, so
    /// the files of many plans concatenated (or loaded together) still say which plan a row is.
    static func prefixingPlanID(_ id: String, to csv: [UInt8]) -> [UInt8] {
        let lines = csv.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        var out: [UInt8] = []
        out.reserveCapacity(csv.count + lines.count * (id.utf8.count + 1))
        for (k, line) in lines.enumerated() {
            if k == lines.count - 1 && line.isEmpty { break }
            out += k == 0 ? Array("plan_id,".utf8) : Array(id.utf8) + [UInt8(ascii: ",")]
            out += line
            out.append(UInt8(ascii: "\n"))
        }
        return out
    }

    /// Removes hidden temporaries of this run's summary files (`suffix`: this shard's) left by a
    /// run that was killed while writing them. Only this shard's: other shards may be writing
    /// theirs into the same folder at this moment. `pid` limits it to one process's temporaries.
    static func removeStaleTemporaries(in directory: URL, suffix: String, pid: Int32? = nil) {
        let fm = FileManager.default
        let mine = BatchSummaryWriter.fileNames(suffix: suffix).map { ".\($0).tmp-" + (pid.map(String.init) ?? "") }
        for name in (try? fm.contentsOfDirectory(atPath: directory.path)) ?? []
        where mine.contains(where: { pid == nil ? name.hasPrefix($0) && Int(name.dropFirst($0.count)) != nil : name == $0 }) {
            try? fm.removeItem(at: directory.appendingPathComponent(name))
        }
    }

    /// A plan folder is complete when its report (renamed last) and summary row are present.
    static func isComplete(_ folder: URL) -> Bool {
        let fm = FileManager.default
        return fm.fileExists(atPath: folder.appendingPathComponent(PlanOutputs.reportFileName).path)
            && fm.fileExists(atPath: folder.appendingPathComponent(rowFile).path)
    }
}
