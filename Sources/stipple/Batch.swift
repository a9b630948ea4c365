import ArgumentParser
import CommandOptions
import Foundation
import Batch
import Figures
import Plans
import Simulation

struct Batch: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run many plans: files, folders of plans and sweep files, on all cores, resumable and shardable.",
        discussion: """
            Each plan's results go to OUT/<id>/ (id = a hash of the plan's content, stable across runs
            and shards). OUT/summary.csv and summary.json have one row per plan in input order;
            OUT/errors.csv lists plans that failed (the rest still run). Rerunning into the same
            folder reuses every plan whose outputs are complete (--resume says so explicitly;
            --force recomputes). --keep reports keeps only each plan's report.json; --keep summary
            keeps no per-plan files at all (each finished plan's summary row is appended to
            OUT/rows.jsonl, which is what a rerun resumes from), for sweeps of many plans. Exit status: 0 all plans succeeded, 2 some failed, 1 the batch
            could not run.

            Sharding: --shard K/N (K = 0…N−1) runs every N-th plan starting at K; with no --shard,
            SLURM_ARRAY_TASK_ID / SLURM_ARRAY_TASK_COUNT are used when set. Join shard outputs
            with `stipple merge`.
            """)

    @Argument(help: "Plan files, folders of plans, sweep files.")
    var inputs: [String]

    @Option(name: .long, help: "Output folder.")
    var out: String

    @Option(name: .long, help: "Plans simulated at once (default: all cores).")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(name: .long, help: ArgumentHelp("Run slice K of N (0 ≤ K < N), e.g. 0/4.", valueName: "K/N"))
    var shard: BatchOptions.Shard?

    @Option(name: .long, help: "Images per plan: none, summary (last session's density and appearance), all.")
    var images: PlanOutputs.Selection.Images = .none

    @Option(name: .long, help: ArgumentHelp(
        "How pictures are stored: webp (sheets lossy at quality 90, a quarter to a half of png's bytes; maps lossless) or png (256-colour palette, lossless after the palette).",
        valueName: "webp|png"))
    var sheetFormat: SheetFormat = .webp

    @OptionGroup(title: "Charts") var figures: FigureOptions

    @Flag(name: .long, help: "Also write dots.csv for every plan.")
    var dots = false

    @Option(name: .long, help: ArgumentHelp(
        "What to keep per plan: all (a folder with every file), reports (report.json only), summary (no per-plan files; rows in rows.jsonl).",
        valueName: "all|reports|summary"))
    var keep: BatchOptions.Keep = .all

    @Option(name: .long, help: ArgumentHelp(
        "Run every plan file and sweep variant N times with derived seeds and write variants.csv (mean, sd, 95 % CI per variant); overrides a sweep's replicates:.",
        valueName: "N"))
    var replicates: Int?

    @Option(name: .long, help: ArgumentHelp(
        "Also write the results into this SQLite database (tables plans, sessions, regions, follow_ups, variants, runs; docs/database.md); sharded runs write FILE-shard-K-of-N.sqlite.",
        valueName: "FILE"))
    var db: String?

    @Flag(name: .long, help: "Reuse complete results from an earlier run into --out (the default behaviour, stated).")
    var resume = false

    @Flag(name: .long, help: "Recompute every plan even if its outputs are complete.")
    var force = false

    @OptionGroup var verbosity: QuietOption

    @OptionGroup var shared: DataOption

    func validate() throws {
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
        if let replicates, replicates < 1 { throw ValidationError("--replicates must be at least 1, got \(replicates)") }
        guard !(resume && force) else { throw ValidationError("--resume and --force contradict each other") }
        if keep != .all, images != .none || dots {
            throw ValidationError("--keep \(keep.rawValue) writes no per-plan \(dots ? "dots.csv" : "images"); drop --\(dots ? "dots" : "images") or use --keep all")
        }
    }

    /// --shard, else Slurm's array variables (task ids 0…count−1, as `--array=0-(N-1)` sets them).
    func resolvedShard() throws -> BatchOptions.Shard? {
        if let shard { return shard }
        let env = ProcessInfo.processInfo.environment
        guard let id = env["SLURM_ARRAY_TASK_ID"], let count = env["SLURM_ARRAY_TASK_COUNT"] else { return nil }
        let minimum = Int(env["SLURM_ARRAY_TASK_MIN"] ?? "0") ?? 0
        guard let k = Int(id), let n = Int(count) else {
            throw ValidationError("SLURM_ARRAY_TASK_ID/COUNT are not numbers: '\(id)', '\(count)'")
        }
        guard let shard = BatchOptions.Shard(argument: "\(k - minimum)/\(n)") else {
            throw ValidationError("SLURM_ARRAY_TASK_ID \(id) (minimum \(minimum)) is not a task of an array of \(count)")
        }
        return shard
    }

    func run() async throws {
        try await reportingErrorsAsync {
            let engine = try SimulationEngine(data: shared.library()).recordingProvenance()
            var options = BatchOptions(
                outputDirectory: URL(fileURLWithPath: out), jobs: jobs, shard: try resolvedShard(),
                selection: .init(images: images, dots: dots, sharedPictures: "../" + BatchOptions.picturesFolder, reportLayout: .compact,
                                 // Vector charts by default: a fraction of the PNG's bytes in every plan.
                                 figureFormat: figures.format ?? .svg, figureWidth: figures.width, sheetFormat: sheetFormat),
                keep: keep, force: force)
            options.replicates = replicates
            options.database = db.map { URL(fileURLWithPath: $0) }
            let reporter = ProgressReporter(quiet: verbosity.quiet)
            let interrupt = InterruptFlag()
            let outcome: BatchOutcome
            do {
                outcome = try await BatchRunner(engine: engine, inputs: inputs, options: options)
                    .run(progress: { reporter.update($0) }, shouldStop: { interrupt.isSet })
            } catch BatchError.interrupted(let finished, let total) {
                reporter.finish()
                note("stipple: interrupted: \(finished) of \(total) plans are finished and saved in \(out); "
                     + "run the same command again (or add --resume) to do the rest")
                throw ExitCode(130)
            }
            reporter.finish()
            noteFontFallback(drewPictures: images != .none)
            var line = "\(outcome.succeeded) of \(outcome.total) plans succeeded"
            if outcome.reused > 0 { line += " (\(outcome.reused) reused from an earlier run)" }
            if outcome.duplicates > 0 { line += ", \(outcome.duplicates) duplicate plans run once" }
            line += outcome.failed > 0 ? ", \(outcome.failed) failed: see \(outcome.errorsCSV.path)" : ""
            line += "; summary: \(outcome.summaryCSV.path)"
            if let database = options.databaseURL { line += "; database: \(database.path)" }
            if !verbosity.quiet || outcome.failed > 0 { note(line) }
            if outcome.failed > 0 { throw ExitCode(2) }
        }
    }
}
