import Foundation
import StippleTestSupport
import Testing

/// The module layout of `Sources/README.md`, checked on the source files themselves, so a stray
/// import (a lower module reaching up, YAML or drawing leaking out of its module) fails a test
/// instead of waiting for a reviewer.
@Suite("module layering")
struct LayeringTests {
    /// Library modules from the bottom up: each may import only modules before it.
    static let order = ["Support", "CLapacke", "CLibPNG", "CWebP", "CCrypto", "LinearAlgebra", "ScalpModel", "Impressions", "SkinOptics",
                        "Fading", "Rendering", "Plans", "Simulation", "Reports", "Figures", "Results", "Batch", "Studio", "CommandOptions"]
    /// Modules only one library module may import.
    static let owners = ["Yams": "Plans", "CYaml": "Plans", "Rendering": "Figures", "CLapacke": "LinearAlgebra",
                         "CLibPNG": "Rendering", "CWebP": "Rendering", "CCrypto": "Plans", "GRDB": "Results", "Hummingbird": "Studio", "HTTPTypes": "Studio"]

    /// Module → (file name, imported module) for every Swift file under Sources/<module>.
    static func imports() throws -> [String: [(file: String, module: String)]] {
        let sources = Repository.root.appendingPathComponent("Sources")
        var out: [String: [(String, String)]] = [:]
        for module in try FileManager.default.contentsOfDirectory(atPath: sources.path) {
            let folder = sources.appendingPathComponent(module)
            guard let walker = FileManager.default.enumerator(atPath: folder.path) else { continue }
            for case let file as String in walker where file.hasSuffix(".swift") {
                let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
                for line in text.split(separator: "\n") where line.hasPrefix("import ") {
                    out[module, default: []].append((file, String(line.dropFirst(7)).trimmingCharacters(in: .whitespaces)))
                }
            }
        }
        return out
    }

    @Test("lower modules never import higher ones; YAML, drawing and C libraries stay in their module")
    func layering() throws {
        let rank = Dictionary(uniqueKeysWithValues: Self.order.enumerated().map { ($1, $0) })
        let all = try Self.imports()
        #expect(all["Plans"] != nil && all["Figures"] != nil, "Sources/ not found")
        for (module, imports) in all {
            for (file, imported) in imports {
                if let mine = rank[module], let theirs = rank[imported] {
                    #expect(theirs < mine, "\(module)/\(file) imports \(imported), which is above it")
                }
                if let owner = Self.owners[imported], module != owner {
                    let cliDraws = module == "stipple" && imported == "Rendering"  // the CLI may draw (fade simulate --png)
                    #expect(cliDraws, "\(module)/\(file) imports \(imported); only \(owner) may")
                }
            }
        }
    }

    @Test("no library module holds more than a quarter of the library's lines")
    func moduleSizes() throws {
        let sources = Repository.root.appendingPathComponent("Sources")
        var lines: [String: Int] = [:]
        for module in Self.order {
            guard let walker = FileManager.default.enumerator(atPath: sources.appendingPathComponent(module).path) else { continue }
            for case let file as String in walker where file.hasSuffix(".swift") {
                let text = try String(contentsOf: sources.appendingPathComponent(module).appendingPathComponent(file), encoding: .utf8)
                lines[module, default: 0] += text.split(separator: "\n", omittingEmptySubsequences: false).count
            }
        }
        let total = lines.values.reduce(0, +)
        #expect(total > 5000, "only \(total) library lines found")
        for (module, count) in lines.sorted(by: { $0.key < $1.key }) {
            #expect(count * 4 <= total, "\(module) holds \(count) of \(total) library lines")
        }
    }
}
