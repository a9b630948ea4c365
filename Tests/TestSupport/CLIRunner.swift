import Foundation

/// Runs the built `stipple` executable (SwiftPM builds it with the tests, next to the test bundle):
/// the one process runner of the CLI, fading and golden-output tests.
public enum CLIRunner {
    public struct Outcome: Sendable {
        public let status: Int32
        public let stdout: String
        public let stderr: String

        public init(status: Int32, stdout: String, stderr: String) {
            self.status = status
            self.stdout = stdout
            self.stderr = stderr
        }
    }

    /// The executable was not built beside the test bundle (a test run that skipped it).
    public struct ExecutableNotFound: Error, CustomStringConvertible {
        public var description: String { "stipple executable not found beside \(Bundle.main.bundleURL.path)" }
    }

    public static let repository = Repository.root

    public static var executable: URL? {
        let candidates = [Bundle.main.bundleURL, Bundle.main.bundleURL.deletingLastPathComponent()]
            .map { $0.appendingPathComponent("stipple") }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    /// Runs stipple in `directory` (default: the repository, so `Data/…` paths resolve), with
    /// `environment` added to this process's.
    public static func run(_ arguments: [String], in directory: URL? = nil, environment: [String: String] = [:]) throws -> Outcome {
        guard let executable else { throw ExecutableNotFound() }
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory ?? repository
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Outcome(status: process.terminationStatus,
                       stdout: String(decoding: stdout, as: UTF8.self),
                       stderr: String(decoding: stderr, as: UTF8.self))
    }

    /// 5 when the tests run under AddressSanitizer or ThreadSanitizer (their runtime is linked
    /// in), else 1: time limits are scaled by it.
    public static let sanitizerSlowdown: Double = {
        let handle = dlopen(nil, RTLD_NOW)
        defer { if let handle { dlclose(handle) } }
        return dlsym(handle, "__asan_init") != nil || dlsym(handle, "__tsan_init") != nil ? 5 : 1
    }()

    /// How a time-limited run ended.
    public struct LimitedOutcome: Sendable {
        public let outcome: Outcome
        /// Killed after the time limit.
        public let timedOut: Bool
        /// Ended by a signal (a trap, abort or segfault, or our kill after the time limit).
        public let signalled: Bool
    }

    /// Runs stipple, killing it (SIGKILL) after `seconds`; stdout and stderr are drained
    /// concurrently so a chatty process cannot block on a full pipe.
    public static func run(_ arguments: [String], timeLimit seconds: Double) throws -> LimitedOutcome {
        guard let executable else { throw ExecutableNotFound() }
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = repository
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let drained = DispatchGroup()
        let stdout = DataBox(), stderr = DataBox()
        for (pipe, box) in [(out, stdout), (err, stderr)] {
            DispatchQueue.global().async(group: drained) { box.data = pipe.fileHandleForReading.readDataToEndOfFile() }
        }
        // Polled rather than a terminationHandler: the handler keeps Process and its pipes alive
        // (LeakSanitizer reports them).
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning && Date() < deadline { usleep(10_000) }
        let timedOut = process.isRunning
        if timedOut { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        drained.wait()
        return LimitedOutcome(
            outcome: Outcome(status: process.terminationStatus, stdout: String(decoding: stdout.data, as: UTF8.self),
                             stderr: String(decoding: stderr.data, as: UTF8.self)),
            timedOut: timedOut, signalled: process.terminationReason == .uncaughtSignal)
    }

    private final class DataBox: @unchecked Sendable {
        var data = Data()
    }

    /// A fresh scratch folder for one test.
    public static func scratch(_ name: String) throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("stipple-cli-\(name)-\(getpid())")
        try? FileManager.default.removeItem(at: dir)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    /// Writes `dir/<name>.yaml`, a sweep over the demo plan whose `sweep:` block ends with
    /// `lines` (the `vary:` block and any `replicates:`, indented under `sweep:`), and returns it.
    public static func demoSweep(in dir: URL, name: String, _ lines: String) throws -> URL {
        let base = repository.appendingPathComponent("Data/plans/norwood-v-three-sessions.yaml").path
        let url = dir.appendingPathComponent("\(name).yaml")
        try Data("sweep:\n  name: \(name)\n  base: \(base)\n\(lines)\n".utf8).write(to: url)
        return url
    }

    /// The shipped demo plan's outputs (`shippedPlanOutputs("norwood-v-three-sessions.yaml")`).
    public static func demoOutputs() throws -> URL { try shippedPlanOutputs("norwood-v-three-sessions.yaml") }

    /// What `stipple simulate Data/plans/FILE --out DIR --quiet` writes (every picture, the page,
    /// dots.csv), run once per test process and plan: the golden test and the suites that only read
    /// a shipped plan's files share it (one full run of the demo costs about 2.5 CPU seconds, and
    /// seven suites read it). Treat the folder as read-only; all of them are removed when the test
    /// process exits.
    public static func shippedPlanOutputs(_ file: String) throws -> URL {
        try SharedRuns.shared.outputs(key: file) { dir in
            let run = try run(["simulate", "Data/plans/\(file)", "--out", dir.path, "--quiet"])
            guard run.status == 0 else { throw SharedRunFailed(description: "stipple simulate Data/plans/\(file) failed: \(run.stderr)") }
        }
    }

    /// What `stipple init --template TEMPLATE plan.yaml` then `stipple simulate plan.yaml --out out
    /// --quiet --images none`, run inside the returned folder, write (plan.yaml and out/): once per
    /// test process and template, shared by the golden test and the suites that read a template's
    /// numbers. Read-only, like `shippedPlanOutputs`.
    public static func templateOutputs(_ template: String) throws -> URL {
        try SharedRuns.shared.outputs(key: "template-\(template)") { dir in
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            let written = try run(["init", "--template", template, "plan.yaml"], in: dir)
            guard written.status == 0 else { throw SharedRunFailed(description: "stipple init --template \(template) failed: \(written.stderr)") }
            let run = try run(["simulate", "plan.yaml", "--out", "out", "--quiet", "--images", "none"], in: dir)
            guard run.status == 0 else { throw SharedRunFailed(description: "stipple simulate of template \(template) failed: \(run.stderr)") }
        }
    }

    /// What `stipple batch Data/sweeps/FILE --out DIR --images IMAGES [--jobs JOBS] --quiet` writes,
    /// once per test process and command: the golden test and the suites that read a shipped
    /// sweep's outputs without changing them share it (stage-series with summary pictures costs
    /// about 3.6 CPU s). Read-only, like `shippedPlanOutputs`.
    public static func sweepOutputs(_ file: String, images: String = "none", jobs: Int? = nil) throws -> URL {
        try batchOutputs("Data/sweeps/\(file)", images: images, jobs: jobs)
    }

    /// `sweepOutputs` for any batch input (a sweep, a plan, a folder of plans), repository-relative.
    public static func batchOutputs(_ input: String, images: String = "none", jobs: Int? = nil) throws -> URL {
        try SharedRuns.shared.outputs(key: "batch-\(input.replacingOccurrences(of: "/", with: "_"))-\(images)-\(jobs.map(String.init) ?? "default")") { dir in
            let run = try run(["batch", input, "--out", dir.path, "--images", images]
                              + (jobs.map { ["--jobs", "\($0)"] } ?? []) + ["--quiet"])
            guard run.status == 0 else { throw SharedRunFailed(description: "stipple batch \(input) failed: \(run.stderr)") }
        }
    }

    public struct SharedRunFailed: Error, CustomStringConvertible {
        public let description: String
    }

    /// One folder per key, written by the first caller while later callers of the same key wait.
    private final class SharedRuns: @unchecked Sendable {
        static let shared = SharedRuns()
        private final class Cell: @unchecked Sendable {
            let lock = NSLock()
            var result: Result<URL, any Error>?
        }
        private let lock = NSLock()
        private var cells: [String: Cell] = [:]
        private static var root: URL {
            FileManager.default.temporaryDirectory.appendingPathComponent("stipple-cli-shared-\(getpid())")
        }

        private init() {
            try? FileManager.default.removeItem(at: Self.root)
            atexit { try? FileManager.default.removeItem(at: SharedRuns.root) }
        }

        func outputs(key: String, write: (URL) throws -> Void) throws -> URL {
            let cell = lock.withLock {
                if let cell = cells[key] { return cell }
                let cell = Cell()
                cells[key] = cell
                return cell
            }
            cell.lock.lock()
            defer { cell.lock.unlock() }
            if cell.result == nil {
                let dir = Self.root.appendingPathComponent(key)
                cell.result = Result { try write(dir); return dir }
            }
            return try cell.result!.get()
        }
    }

    public static func files(in dir: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []).sorted()
    }
}
