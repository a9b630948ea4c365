import Foundation
import Support
import Yams

/// One plan to run in a batch: where it came from, what was varied, and its content id.
/// The plan tree itself stays inside `Plans` (the only module that knows YAML): callers get a
/// validated `Plan` from `plan(reader:defaultName:)`.
public struct BatchJob {
    /// Content id: FNV-1a 64 of the plan's canonical YAML, 16 hex digits. The same plan always
    /// gets the same id, so reruns, resumes and shards agree on folder names. Empty for jobs
    /// from `makeUnidentifiedIterator`.
    public let id: String
    /// The input file (and variant number for sweeps), e.g. `sweeps/depth.yaml#12`.
    public let source: String
    public let varied: [(field: String, value: String)]
    /// The replicate number (0…N−1) when the batch runs replicates, else nil. Replicates of one
    /// variant share `source` and follow each other in job order.
    public var replicate: Int? = nil
    /// The plan tree, or the reason it could not be produced.
    let node: Result<Node, PlanError>
    /// Sessions in the plan (for summary columns), 0 when unreadable.
    public let sessionCount: Int

    /// The id's 64 bits, for de-duplication sets (8 bytes per plan instead of a string).
    public var key: UInt64 { UInt64(id, radix: 16) ?? 0 }

    /// The validated plan, or why the input could not be read or validated.
    public func plan(reader: PlanReader, defaultName: String) -> Result<Plan, PlanError> {
        node.flatMap { node in
            Result { () throws(PlanError) -> Plan in try reader.plan(from: node, file: source, defaultName: defaultName) }
        }
    }
}

/// The inputs of a batch (plan files, folders of plans, sweep files), enumerated lazily and
/// in a fixed order: inputs in command-line order, folders in natural order of path (monk-2 before
/// monk-10), sweep variants in
/// their documented order.
public struct BatchInputs {
    enum Input {
        /// A plan file, and its path as the user gave it (what reports record).
        case plan(URL, display: String)
        case sweep(Sweep)
        case broken(source: String, error: PlanError)
    }

    let inputs: [Input]
    /// `--replicates N`: replicates of every plan file and sweep variant (a sweep's own
    /// `replicates:` is overridden). nil: only sweeps that declare `replicates:` have them.
    let replicates: Int?

    /// Whether the batch runs replicates (`--replicates`, or a sweep with `replicates:`), so
    /// jobs carry a replicate number and the batch writes `variants.csv`.
    public var hasReplicates: Bool {
        replicates != nil || inputs.contains { if case .sweep(let s) = $0 { s.replicates != nil } else { false } }
    }

    /// Replicates of an input: `--replicates`, else a sweep's `replicates:`; nil without any.
    func replicateCount(_ input: Input) -> Int? {
        if let replicates { return replicates }
        if case .sweep(let s) = input { return s.replicates }
        return nil
    }

    /// Resolves the command-line inputs; missing paths are errors of the whole batch.
    /// `replicates` is `--replicates N`.
    public init(paths: [String], replicates: Int? = nil) throws(PlanError) {
        if let replicates, !(1...Sweep.maximumReplicates).contains(replicates) {
            throw PlanError(file: "--replicates", field: "", message: "expected 1…\(Sweep.maximumReplicates) replicates, got \(replicates)")
        }
        self.replicates = replicates
        var inputs: [Input] = []
        let fm = FileManager.default
        for path in paths {
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw PlanError(file: path, field: "", message: "no such file or folder")
            }
            // Reports record each path as the user gave it (relative stays relative), so outputs
            // carry no machine path the user did not type.
            let files: [String]
            if isDirectory.boolValue {
                let found = (fm.enumerator(atPath: path)?.compactMap { $0 as? String } ?? [])
                    .filter { ["yaml", "yml", "json"].contains(($0 as NSString).pathExtension.lowercased()) }
                    .sorted(by: NaturalOrder.precedes)  // monk-2.yaml before monk-10.yaml
                files = found.map { (path as NSString).appendingPathComponent($0) }
            } else {
                files = [path]
            }
            for file in files { inputs.append(Self.classify(URL(fileURLWithPath: file), display: file)) }
        }
        self.inputs = inputs
    }

    private static func classify(_ url: URL, display: String) -> Input {
        let node: Node
        do { node = try PlanReader.readNode(contentsOf: url) } catch {
            var named = error
            named.file = display
            return .broken(source: display, error: named)
        }
        guard Sweep.isSweep(node) else { return .plan(url, display: display) }
        do { return .sweep(try Sweep(node: node, file: url, display: display)) } catch {
            return .broken(source: display, error: PlanError(file: display, field: "sweep", message: error.description))
        }
    }

    /// Jobs in order, produced one at a time. Plan files are re-read when reached (not kept in
    /// memory), so a 100k-plan batch holds one plan tree at a time.
    public func makeIterator() -> JobIterator { JobIterator(batch: self) }

    /// Jobs in order without content ids (`id` is empty): for checking plans (`validate`), where
    /// serialising every tree to hash it was a fifth of the work once the scalp check was cheap.
    public func makeUnidentifiedIterator() -> JobIterator { JobIterator(batch: self, identifies: false) }

    /// Jobs in order; with replicates, the N replicates of a plan file or sweep variant follow
    /// each other (job k of an input is its variant k / N, replicate k % N).
    public struct JobIterator: IteratorProtocol {
        let batch: BatchInputs
        /// Whether jobs get their content id (the tree serialised and hashed).
        var identifies = true
        var inputIndex = 0
        var variant = 0

        public mutating func next() -> BatchJob? {
            let inputs = batch.inputs
            while inputIndex < inputs.count {
                let replicates = batch.replicateCount(inputs[inputIndex])
                let perVariant = replicates ?? 1
                switch inputs[inputIndex] {
                case .broken(let source, let error):
                    inputIndex += 1
                    return BatchInputs.failed(source, error)
                case .plan(let url, let display):
                    guard variant < perVariant else { inputIndex += 1; variant = 0; continue }
                    let r = variant
                    variant += 1
                    let replicate = replicates.map { _ in r }
                    do {
                        let node = try PlanReader.readNode(contentsOf: url)
                        return BatchInputs.job(node, source: display, varied: [], replicate: replicate, identified: identifies)
                    } catch {
                        var named = error
                        named.file = display
                        return BatchInputs.failed(display, named, replicate: replicate)
                    }
                case .sweep(let sweep):
                    guard variant < sweep.count * perVariant else { inputIndex += 1; variant = 0; continue }
                    let k = variant / perVariant, replicate = replicates.map { _ in variant % perVariant }
                    variant += 1
                    let source = "\(sweep.file)#\(k)"
                    do {
                        let v = try sweep.variant(k, replicate: replicate)
                        return BatchInputs.job(v.node, source: source, varied: v.varied, replicate: replicate, identified: identifies)
                    } catch {
                        return BatchInputs.failed(source, PlanError(file: source, field: "", message: error.message), replicate: replicate)
                    }
                }
            }
            return nil
        }
    }

    static func failed(_ source: String, _ error: PlanError, replicate: Int? = nil) -> BatchJob {
        let key = "unreadable:\(source)" + (replicate.map { "@\($0)" } ?? "")
        return BatchJob(id: hash(Array(key.utf8)), source: source, varied: replicate.map { [("replicate", String($0))] } ?? [],
                        replicate: replicate, node: .failure(error), sessionCount: 0)
    }

    /// The tree of replicate `r`: its seed set to `SeedStreams.replicateSeed` of the plan's
    /// seed (1 when the plan names none, as `PlanBuilder` defaults).
    static func replicated(_ node: Node, replicate r: Int) -> Node {
        var seed: UInt64 = 1
        if case .mapping(let m) = node, let text = m["seed"]?.string, let s = UInt64(text) { seed = s }
        let value = SeedStreams.replicateSeed(seed, replicate: r)
        return (try? NodePath("seed")!.setting(Node(String(value)), in: node)) ?? node
    }

    /// A job for `node`; `identified: false` leaves the id empty (no serialising and hashing).
    static func job(_ node: Node, source: String, varied: [(field: String, value: String)], replicate: Int? = nil,
                    identified: Bool = true) -> BatchJob {
        var node = node, varied = varied
        if let replicate {
            node = replicated(node, replicate: replicate)
            varied.append(("replicate", String(replicate)))
        }
        let id = identified ? hash(Array(((try? Yams.serialize(node: node)) ?? source).utf8)) : ""
        var sessions = 0
        if case .mapping(let m) = node, case .sequence(let s)? = m["sessions"] { sessions = s.count }
        return BatchJob(id: id, source: source, varied: varied, replicate: replicate, node: .success(node), sessionCount: sessions)
    }

    /// The plan id: `FNV1a.hex` of the canonical YAML.
    package static func hash(_ bytes: [UInt8]) -> String { FNV1a.hex(bytes) }
}

/// What a fuzzer or a quick check learns from one input's bytes without running it: a plan, a
/// sweep (how many variants), or an error; with the plans it could validate (for a sweep, its
/// first and last variants, which reach every field path and value list).
public struct ProbedInput {
    public enum Kind: Equatable, Sendable {
        case plan
        case sweep(variants: Int)
        case error
    }
    public var kind: Kind
    public var plans: [Plan]

    /// Reads `bytes` as the file `file` would be read (sweep-relative paths resolve from it).
    public init(bytes: [UInt8], file url: URL, reader: PlanReader) {
        let file = url.path
        kind = .error
        plans = []
        guard let text = String(validating: bytes, as: UTF8.self) else { return }
        let node: Node
        do { node = try PlanReader.parseNode(text, file: file) } catch { return }
        if Sweep.isSweep(node) {
            guard let sweep = try? Sweep(node: node, file: url) else { return }
            for k in Set([0, max(0, sweep.count - 1)]) where k < sweep.count {
                guard let variant = try? sweep.variant(k) else { continue }
                _ = BatchInputs.job(variant.node, source: "\(file)#\(k)", varied: variant.varied)
                if let plan = try? reader.plan(from: variant.node, file: file, defaultName: "fuzz") { plans.append(plan) }
            }
            kind = .sweep(variants: sweep.count)
            return
        }
        _ = BatchInputs.job(node, source: file, varied: [])
        guard let plan = try? reader.plan(from: node, file: file, defaultName: "fuzz") else { return }
        plans = [plan]
        kind = .plan
    }
}
