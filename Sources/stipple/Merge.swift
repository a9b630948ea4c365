import ArgumentParser
import Foundation
import Batch

struct Merge: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Join the summaries of a sharded batch into one summary.csv, summary.json, errors.csv and index.html.",
        discussion: "Fails, naming what is wrong, if a shard is missing or duplicated or a plan is missing.")

    @Argument(help: "Folders holding shard outputs (manifest-shard-K-of-N.json and summaries).")
    var directories: [String]

    @Option(name: .long, help: "Where to write the merged files (default: the first folder).")
    var out: String?

    @Option(name: .long, help: ArgumentHelp("Also merge the shards' databases of `batch --db FILE` (FILE-shard-K-of-N.sqlite, beside FILE or in the folders) into FILE.", valueName: "FILE"))
    var db: String?

    func run() throws {
        try reportingErrors {
            let dirs = directories.map { URL(fileURLWithPath: $0) }
            let target = out.map { URL(fileURLWithPath: $0) } ?? dirs[0]
            let outcome = try BatchMerge.merge(directories: dirs, into: target, database: db.map { URL(fileURLWithPath: $0) })
            print("merged \(outcome.shards) shards: \(outcome.plans) plans, \(outcome.failed) failed; wrote \(target.appendingPathComponent("summary.csv").path)")
            if outcome.failed > 0 { throw ExitCode(2) }
        }
    }
}
