import Foundation
import StippleTestSupport
import Testing

/// The package's declared dependencies, read from `Package.swift`, held against the imports of
/// every source file: a module may import only what its target declares (SwiftPM's own
/// `--explicit-target-dependency-import-check` lets a transitive dependency through), each C
/// module belongs to one module, and no file silences concurrency checking on an import.
@Suite("imports against Package.swift")
struct PackageImportTests {
    /// One target of the manifest: where its sources are and what it declares.
    struct Target {
        let name: String
        let path: String
        let dependencies: Set<String>
    }

    /// Modules every target may import: the toolchain's own.
    static let toolchain: Set<String> = ["Foundation", "FoundationEssentials", "FoundationXML", "FoundationNetworking",
                                         "Dispatch", "Glibc", "Musl", "Darwin", "Testing", "XCTest", "Synchronization"]
    /// C modules and their one owner (a module inside a package product counts as that product's).
    static let cOwners = ["CLapacke": "LinearAlgebra", "CLibPNG": "Rendering", "CFreeType": "Rendering", "CWebP": "Rendering", "CYaml": "Plans", "CCrypto": "Plans"]

    /// The targets of `Package.swift`, parsed from the manifest's `.target(name:dependencies:path:)`
    /// calls (the project writes them in that one style; a target the parser misses fails
    /// `manifestParses`).
    static func targets() throws -> [Target] {
        let manifest = try String(contentsOf: Repository.root.appendingPathComponent("Package.swift"), encoding: .utf8)
        let text = Array(manifest)
        var out: [Target] = []
        for kind in [".target(", ".executableTarget(", ".testTarget(", ".systemLibrary("] {
            var search = manifest.startIndex
            while let r = manifest.range(of: kind, range: search..<manifest.endIndex) {
                search = r.upperBound
                // The call's text, to its closing parenthesis.
                var depth = 1, i = manifest.distance(from: manifest.startIndex, to: r.upperBound)
                let start = i
                while i < text.count, depth > 0 {
                    if text[i] == "(" { depth += 1 } else if text[i] == ")" { depth -= 1 }
                    i += 1
                }
                let call = String(text[start..<(i - 1)])
                guard let name = firstQuoted(after: "name:", in: call) else { continue }
                let folder = kind == ".testTarget(" ? "Tests" : "Sources"
                let path = firstQuoted(after: "path:", in: call) ?? "\(folder)/\(name)"
                var deps = Set<String>()
                if let d = call.range(of: "dependencies: [") {
                    let list = call[d.upperBound...].prefix { $0 != "]" }
                    // `.product(name: "X", package: …)` and plain "X": every name: or bare string.
                    for piece in list.components(separatedBy: ",") {
                        if let q = firstQuoted(after: "", in: piece), !piece.contains("package:") { deps.insert(q) }
                        else if let q = firstQuoted(after: "name:", in: piece) { deps.insert(q) }
                    }
                }
                out.append(Target(name: name, path: path, dependencies: deps))
            }
        }
        return out
    }

    static func firstQuoted(after label: String, in text: some StringProtocol) -> String? {
        let s = String(text)
        let from = label.isEmpty ? s.startIndex : (s.range(of: label)?.upperBound ?? s.endIndex)
        guard let open = s[from...].firstIndex(of: "\"") else { return nil }
        let rest = s[s.index(after: open)...]
        guard let close = rest.firstIndex(of: "\"") else { return nil }
        return String(rest[..<close])
    }

    /// Every import line of a target's Swift files: file, module, and whether an attribute
    /// such as `@preconcurrency` or `@_implementationOnly` qualifies it.
    static func imports(of target: Target) throws -> [(file: String, module: String, attributed: Bool)] {
        let folder = Repository.root.appendingPathComponent(target.path)
        guard let walker = FileManager.default.enumerator(atPath: folder.path) else { return [] }
        let pattern = try Regex(#"^\s*((?:@\w+\s+)*)(?:public\s+|package\s+|internal\s+|private\s+|fileprivate\s+)?import\s+(?:(?:typealias|struct|class|enum|protocol|let|var|func)\s+)?([A-Za-z_][A-Za-z0-9_]*)"#)
        var out: [(String, String, Bool)] = []
        for case let file as String in walker where file.hasSuffix(".swift") {
            let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            for line in text.split(separator: "\n") {
                guard let m = try pattern.firstMatch(in: String(line)) else { continue }
                let attributes = m.output[1].substring.map(String.init) ?? ""
                let module = m.output[2].substring.map(String.init) ?? ""
                out.append((file, module, !attributes.trimmingCharacters(in: .whitespaces).isEmpty && attributes != "@testable "))
            }
        }
        return out
    }

    @Test("Package.swift parses into the targets the Sources and Tests folders hold")
    func manifestParses() throws {
        let targets = try Self.targets()
        let names = Set(targets.map(\.name))
        for expected in ["Support", "Plans", "Figures", "Batch", "stipple", "StippleCLITests", "CLapacke"] {
            #expect(names.contains(expected), "target \(expected) not found in Package.swift")
        }
        #expect(targets.first { $0.name == "Plans" }?.dependencies.contains("Yams") == true)
        #expect(targets.first { $0.name == "stipple" }?.dependencies.contains("ArgumentParser") == true)
        // Every Sources/ folder with Swift files is some target's.
        let sources = Repository.root.appendingPathComponent("Sources")
        let paths = Set(targets.map(\.path))
        for folder in try FileManager.default.contentsOfDirectory(atPath: sources.path).sorted() {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: sources.appendingPathComponent(folder).path, isDirectory: &isDirectory),
                  isDirectory.boolValue else { continue }
            #expect(paths.contains("Sources/\(folder)"), "Sources/\(folder) belongs to no target of Package.swift")
        }
    }

    @Test("each module imports only what its target declares; C modules stay with their owner; no attributed imports")
    func importsAreDeclared() throws {
        let targets = try Self.targets()
        let byName = Dictionary(targets.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        var checked = 0
        var cYamlFiles: [String] = []
        for target in targets {
            for (file, module, attributed) in try Self.imports(of: target) {
                checked += 1
                let place = "\(target.path)/\(file)"
                #expect(!attributed, "\(place) imports \(module) with an attribute (@preconcurrency or similar hides what it imports)")
                if module == "CYaml" { cYamlFiles.append(place) }
                if let owner = Self.cOwners[module] {
                    #expect(target.name == owner, "\(place) imports \(module); only \(owner) may")
                    if module == "CYaml" { continue }  // inside the declared Yams product
                }
                guard !Self.toolchain.contains(module), module != target.name else { continue }
                #expect(target.dependencies.contains(module),
                        "\(place) imports \(module), which \(target.name) does not declare in Package.swift (declared: \(target.dependencies.sorted().joined(separator: ", ")))")
                if byName[module] == nil && !target.dependencies.contains(module) {
                    Issue.record("\(place) imports \(module), which is neither a target nor a declared product")
                }
            }
        }
        #expect(checked > 200, "only \(checked) imports found")
        #expect(cYamlFiles.count <= 1, "CYaml imported in \(cYamlFiles)")
        for file in cYamlFiles {
            let text = try String(contentsOf: Repository.root.appendingPathComponent(file), encoding: .utf8)
            let reason = text.split(separator: "\n").prefix { !$0.hasPrefix("import CYaml") }.filter { $0.hasPrefix("//") && $0.contains("CYaml") }
            #expect(!reason.isEmpty, "\(file) imports CYaml without a comment above it saying why")
        }
    }
}
