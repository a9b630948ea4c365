import Foundation
import Support
import Yams

/// Parses and validates plan files (YAML or JSON).
///
/// Every problem becomes one `PlanError` naming the file, line, field and what was expected.
/// Skin, pigment and hair names are resolved through a `PlanVocabulary` while reading (an
/// unknown name is an error at its line). Defaults, applied when a field is absent, are
/// `PlanDefaults` and the builder's; limits are `PlanLimits` (docs/plan-schema.md lists both).
public struct PlanReader: Sendable {
    /// Plans are small text files; anything larger is a mistake (or an attack) and is refused
    /// before parsing so it cannot take the machine's memory.
    public static let maximumFileBytes = 1 << 20
    /// Values a plan may hold once YAML aliases are expanded. A real plan holds hundreds (20
    /// sessions, a few thousand follow-up days at most); the bound keeps parsing fast — Yams
    /// builds every expanded value — so an alias bomb is refused in milliseconds, not seconds.
    /// (A fuzzed bomb just under a 1M bound took 3 s in a debug build and over 5 s under ASan.)
    public static let maximumValues = 100_000

    // Norwood stages, hairline shapes, skin oiliness, placement and fade models are the enums of
    // `Plan`'s fields (from ScalpModel, Impressions and Fading): one list each, nothing to pass in.

    /// The names plans may use and the data's limits; a failure to load them is reported when
    /// a plan is read.
    let vocabulary: Result<PlanVocabulary, PlanError>

    /// A reader with the located data folder's names and limits (`PlanVocabulary.located`).
    public init() { vocabulary = PlanVocabulary.located }

    /// A reader resolving names in `vocabulary` (an engine's, from its `--data` folder).
    public init(vocabulary: PlanVocabulary) { self.vocabulary = .success(vocabulary) }

    /// The limits plans are read with.
    public func limits() throws(PlanError) -> PlanLimits { PlanLimits(try vocabulary.get().limits) }

    /// Reads and validates the plan at `url`.
    public func read(contentsOf url: URL) throws(PlanError) -> Plan {
        let fallbackName = url.deletingPathExtension().lastPathComponent
        return try plan(from: Self.readNode(contentsOf: url), file: url.path, defaultName: fallbackName)
    }

    /// Parses plan text; `file` is used in messages only.
    public func parse(_ text: String, file: String, defaultName: String = "plan") throws(PlanError) -> Plan {
        try plan(from: Self.parseNode(text, file: file), file: file, defaultName: defaultName)
    }

    /// Validates a parsed tree (a plan file's, or a sweep variant's) into a `Plan`.
    package func plan(from root: Node, file: String, defaultName: String) throws(PlanError) -> Plan {
        try PlanBuilder(reader: PlanNodeReader(file: file), vocabulary: vocabulary.get()).build(root, defaultName: defaultName)
    }

    /// Reads a YAML/JSON file into a tree, refusing oversized, binary and unreadable files.
    static func readNode(contentsOf url: URL) throws(PlanError) -> Node {
        let file = url.path
        let bytes: Data
        do {
            let attributes = try FileManager.default.attributesOfItem(atPath: file)
            if let size = attributes[.size] as? Int, size > Self.maximumFileBytes {
                throw PlanError(file: file, field: "", message: "file is \(size) bytes; plan files are limited to \(Self.maximumFileBytes) bytes")
            }
            if attributes[.type] as? FileAttributeType == .typeDirectory {
                throw PlanError(file: file, field: "", message: "is a folder; expected a plan file")
            }
            // Read at most one byte past the limit: a device or pipe (/dev/zero) reports size 0
            // but never ends, so the size check alone would not stop it.
            let handle = try FileHandle(forReadingFrom: url)
            defer { try? handle.close() }
            bytes = try handle.read(upToCount: Self.maximumFileBytes + 1) ?? Data()
            if bytes.count > Self.maximumFileBytes {
                throw PlanError(file: file, field: "", message: "file is over \(Self.maximumFileBytes) bytes; plan files are limited to \(Self.maximumFileBytes) bytes")
            }
        } catch let e as PlanError {
            throw e
        } catch {
            throw PlanError(file: file, field: "", message: "cannot read the file (\(Self.reason(error)))")
        }
        guard let text = String(data: bytes, encoding: .utf8) else {
            throw PlanError(file: file, field: "", message: "expected UTF-8 text (YAML or JSON), found binary data")
        }
        return try parseNode(text, file: file)
    }

    /// Parses YAML/JSON text into a tree (no plan validation yet).
    static func parseNode(_ text: String, file: String) throws(PlanError) -> Node {
        guard text.utf8.count <= Self.maximumFileBytes else {
            throw PlanError(file: file, field: "", message: "plan text is \(text.utf8.count) bytes; the limit is \(Self.maximumFileBytes)")
        }
        return try composeTree(text, file: file, expected: "a plan with client, design and sessions", format: "YAML or JSON")
    }

    /// YAML/JSON text → tree, for plans and the other YAML files `Plans` reads (model files):
    /// refuses alias bombs (more than `maximumValues` values once aliases are expanded) before
    /// composing, and turns Yams's errors into `PlanError`s with the line. `expected` says what
    /// an empty file should have held; `format` names the accepted syntax in messages.
    static func composeTree(_ text: String, file: String, expected: String, format: String) throws(PlanError) -> Node {
        guard YAMLExpansion.count(text, limit: Self.maximumValues) != nil else {
            throw PlanError(file: file, field: "", message: "the file holds more than \(Self.maximumValues) values once YAML aliases are expanded (plans hold a few hundred); write the values out, or use a sweep with a CSV of rows")
        }
        do {
            guard let node = try Yams.compose(yaml: text) else {
                throw PlanError(file: file, field: "", message: "the file is empty; expected \(expected)")
            }
            return node
        } catch let e as PlanError {
            throw e
        } catch let e as YamlError {
            throw Self.syntaxError(e, file: file)
        } catch {
            throw PlanError(file: file, field: "", message: "not valid \(format) (\(error))")
        }
    }

    static func syntaxError(_ error: YamlError, file: String) -> PlanError {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _):
            let where_ = context.map { " \($0.text)" } ?? ""
            return PlanError(file: file, line: mark.line, field: "", message: "malformed YAML/JSON at column \(mark.column): \(problem)\(where_)")
        default:
            return PlanError(file: file, field: "", message: "malformed YAML/JSON: \(error)")
        }
    }

    package static func reason(_ error: Error) -> String {
        let ns = error as NSError
        if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError,
           let posix = POSIXErrorCode(rawValue: Int32(underlying.code)), underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(posix.rawValue))
        }
        return ns.localizedDescription
    }
}
