import Foundation
import GRDB
import Support

/// One value of a results table, typed as SQLite stores it.
public enum ResultValue: Sendable, Equatable {
    case integer(Int64)
    case real(Double)
    case text(String)
    case null

    /// A number: whole numbers below 10¹⁵ as INTEGER (pandas reads them as int64, as it does
    /// `summary.csv`), the rest as REAL.
    public init(number: Double?) {
        guard let number else { self = .null; return }
        if number == number.rounded(), abs(number) < 1e15 { self = .integer(Int64(number)) } else { self = .real(number) }
    }

    /// A CSV cell: empty → NULL, a number literal → a number, else text (swept values such as
    /// `0.4` stay numbers, `monk-4` text).
    public init(cell: String) {
        if cell.isEmpty { self = .null } else if let d = Double(cell), d.isFinite, cell.first.map({ $0.isNumber || $0 == "-" || $0 == "." }) == true {
            self = ResultValue(number: d)
        } else { self = .text(cell) }
    }

    var database: DatabaseValue {
        switch self {
        case .integer(let i): return i.databaseValue
        case .real(let d): return d.databaseValue
        case .text(let t): return t.databaseValue
        case .null: return .null
        }
    }
}

/// What the database holds of one finished plan: its summary row (the `plans` table, columns
/// as `summary.csv`) and its per-session, per-region and per-follow-up rows.
public struct PlanRecord: Sendable {
    public var id: String
    /// Summary column → value (position, id, source, status, message, swept values, results).
    public var plan: [String: ResultValue]
    /// Values in `ResultsSchema.sessions` order after `plan_id`.
    public var sessions: [[ResultValue]]
    public var regions: [[ResultValue]]
    public var followUps: [[ResultValue]]

    public init(id: String, plan: [String: ResultValue], sessions: [[ResultValue]] = [], regions: [[ResultValue]] = [],
                followUps: [[ResultValue]] = []) {
        self.id = id
        self.plan = plan
        self.sessions = sessions
        self.regions = regions
        self.followUps = followUps
    }
}

/// Why the database could not be used.
public struct ResultsError: Error, CustomStringConvertible, Sendable {
    public let path: String
    public let message: String
    public var description: String { "\(path): \(message)" }

    init(_ path: String, _ error: Error) {
        self.path = path
        message = (error as? DatabaseError).map { "SQLite error \($0.resultCode.rawValue): \($0.message ?? "\($0)")" } ?? "\(error)"
    }

    init(_ path: String, message: String) {
        self.path = path
        self.message = message
    }
}

/// A batch's results in SQLite (through GRDB): the tables of `ResultsSchema`, written in
/// transactions as plans finish, so an interrupted batch keeps every committed plan and a rerun
/// skips them (`finishedIDs`). Each transaction is atomic (SQLite's rollback journal): the
/// file always holds whole plans.
public final class ResultsDatabase: Sendable {
    public let url: URL
    let queue: DatabaseQueue
    /// The `plans` table's columns (the batch's summary columns).
    public let planColumns: [String]

    /// Opens or creates the database for a batch whose summary has `planColumns`; `swept`
    /// columns get an index each. `reset` (`--force`) empties it first. An existing database
    /// written by a different batch (other columns) is refused, naming the file.
    public init(url: URL, planColumns: [String], swept: [String], reset: Bool) throws(ResultsError) {
        self.url = url
        self.planColumns = planColumns
        do {
            if reset { try? FileManager.default.removeItem(at: url) }
            queue = try DatabaseQueue(path: url.path)
            try queue.write { db in
                if try db.tableExists("plans") {
                    let existing = try db.columns(in: "plans").map(\.name)
                    guard existing == planColumns else {
                        throw ResultsError(url.path, message: "holds results of another batch (its plans table has other columns); "
                                           + "use a new --db file, or --force to replace it")
                    }
                }
                for statement in ResultsSchema.create(planColumns: planColumns, swept: swept) { try db.execute(sql: statement) }
            }
        } catch let e as ResultsError {
            throw e
        } catch {
            throw ResultsError(url.path, error)
        }
    }

    /// Ids of plans stored with status `ok` (a rerun skips them; failed plans run again).
    public func finishedIDs() throws(ResultsError) -> Set<String> {
        do { return try queue.read { db in try String.fetchSet(db, sql: "SELECT id FROM plans WHERE status = 'ok'") } } catch {
            throw ResultsError(url.path, error)
        }
    }

    /// Stores `records` in one transaction, replacing earlier rows of the same plans.
    public func write(_ records: [PlanRecord]) throws(ResultsError) {
        guard !records.isEmpty else { return }
        let columns = planColumns
        do {
            try queue.write { db in
                let quoted = columns.map(ResultsSchema.quote).joined(separator: ",")
                let insertPlan = try db.cachedStatement(
                    sql: "INSERT OR REPLACE INTO plans (\(quoted)) VALUES (\(Array(repeating: "?", count: columns.count).joined(separator: ",")))")
                let children = [("sessions", ResultsSchema.sessions), ("regions", ResultsSchema.regions), ("follow_ups", ResultsSchema.followUps)]
                for record in records {
                    try insertPlan.execute(arguments: StatementArguments(columns.map { (record.plan[$0] ?? .null).database }))
                    for (k, (table, schema)) in children.enumerated() {
                        try db.execute(sql: "DELETE FROM \(table) WHERE plan_id = ?", arguments: [record.id])
                        let rows = [record.sessions, record.regions, record.followUps][k]
                        guard !rows.isEmpty else { continue }
                        let insert = try db.cachedStatement(
                            sql: "INSERT INTO \(table) VALUES (\(Array(repeating: "?", count: schema.count + 1).joined(separator: ",")))")
                        for row in rows {
                            try insert.execute(arguments: StatementArguments([record.id.databaseValue] + row.map(\.database)))
                        }
                    }
                }
            }
        } catch {
            throw ResultsError(url.path, error)
        }
    }

    /// Replaces the `variants` table with `rows` (columns as `variants.csv`).
    public func writeVariants(columns: [String], rows: [[String: ResultValue]]) throws(ResultsError) {
        do {
            try queue.write { db in
                try db.execute(sql: "DROP TABLE IF EXISTS variants")
                try db.execute(sql: ResultsSchema.createVariants(columns: columns))
                let insert = try db.makeStatement(
                    sql: "INSERT INTO variants (\(columns.map(ResultsSchema.quote).joined(separator: ","))) VALUES (\(Array(repeating: "?", count: columns.count).joined(separator: ",")))")
                for row in rows { try insert.execute(arguments: StatementArguments(columns.map { (row[$0] ?? .null).database })) }
            }
        } catch {
            throw ResultsError(url.path, error)
        }
    }

    /// Records (or replaces) this run's row of the `runs` table.
    public func writeRun(_ run: [String: ResultValue]) throws(ResultsError) {
        let columns = ResultsSchema.runs.map(\.name)
        do {
            try queue.write { db in
                try db.execute(sql: "INSERT OR REPLACE INTO runs (\(columns.map(ResultsSchema.quote).joined(separator: ","))) VALUES (\(Array(repeating: "?", count: columns.count).joined(separator: ",")))",
                               arguments: StatementArguments(columns.map { (run[$0] ?? .null).database }))
            }
        } catch {
            throw ResultsError(url.path, error)
        }
    }
}
