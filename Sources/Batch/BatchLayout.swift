import Plans

/// What a first, cheap pass over a batch's jobs learns: how many unique plans there are, which
/// fields vary (the summary's columns), the most sessions any plan has, and this shard's share.
/// Only content ids are kept, 8 bytes of hash per plan.
struct BatchLayout: Sendable {
    let uniqueJobs: Int
    let duplicates: Int
    let shardJobs: Int
    let maxSessions: Int
    let variedFields: [String]
    let shard: BatchOptions.Shard?

    init(scanning batch: BatchInputs, shard: BatchOptions.Shard?) {
        self.shard = shard
        var seen = Set<UInt64>(), fields: [String] = [], fieldSet = Set<String>()
        var unique = 0, duplicates = 0, mine = 0, sessions = 0
        var iterator = batch.makeIterator()
        while let job = iterator.next() {
            guard seen.insert(job.key).inserted else { duplicates += 1; continue }
            if shard.map({ unique % $0.count == $0.index }) ?? true { mine += 1 }
            unique += 1
            sessions = max(sessions, job.sessionCount)
            for (field, _) in job.varied where fieldSet.insert(field).inserted { fields.append(field) }
        }
        uniqueJobs = unique
        self.duplicates = duplicates
        shardJobs = mine
        maxSessions = sessions
        variedFields = fields
    }

    func isMine(_ position: Int) -> Bool {
        shard.map { position % $0.count == $0.index } ?? true
    }

    /// Unique jobs with their positions, in order (a repeated plan keeps its first position).
    func uniqueJobs(_ batch: BatchInputs) -> UniqueJobs { UniqueJobs(inner: batch.makeIterator()) }

    struct UniqueJobs: IteratorProtocol {
        var inner: BatchInputs.JobIterator
        var seen = Set<UInt64>()
        var position = 0

        mutating func next() -> (Int, BatchJob)? {
            while let job = inner.next() {
                guard seen.insert(job.key).inserted else { continue }
                defer { position += 1 }
                return (position, job)
            }
            return nil
        }
    }

    /// Summary columns: fixed leading columns, varied fields, final-session figures, per session.
    var columns: [String] {
        SummaryRow.leadingColumns + variedFields + SummaryRow.finalColumns
            + (0..<maxSessions).flatMap { SummaryRow.sessionColumns($0 + 1) }
    }
}
