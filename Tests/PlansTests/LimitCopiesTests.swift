import Foundation
import Testing

/// Each physical limit and plan default is declared once (`PhysicalLimits`, `PlanLimits`,
/// `PlanDefaults`); this scan fails when a second copy of one is written back into `Sources/`,
/// the way needle depth once had four checks with three ranges and the defaults three homes.
@Suite("No second copy of a limit or a default in Sources/")
struct LimitCopiesTests {
    static var repository: URL { URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent() }

    /// The files that declare the limits and defaults.
    static let declarations: Set<String> = ["Sources/Plans/PlanLimits.swift", "Sources/SkinOptics/PhysicalLimits.swift"]

    /// What a copy looks like: a default written as a literal, a depth, dilution or Lab bound
    /// compared with a number, or a studio slider with literal ends.
    static var copies: [(what: String, pattern: Regex<Substring>)] { [
        ("a default skin or pigment written as a literal", /"(?:monk-4|carbon-black)"/),
        ("a needle depth compared with a number", /[dD]epth(?:MM)?(?:\.isFinite, *[a-zA-Z]+)? *(?:<=|>=|<|>) *[0-9]/),
        ("a dilution compared with a number", /[dD]ilution *(?:<=|>=|<|>) *[0-9]/),
        ("a Lab a*/b* bound written as a number", /abs\([ab]\) *<= *[0-9]|-128\.\.\.128/),
        ("a studio slider with literal ends", /range\(g, "(?:Depth|Needle|Dilution)".*\}, [0-9.]+, [0-9.]+,/),
    ] }

    /// Text every pattern above needs somewhere in the line (one of these): lines without any
    /// are skipped before the regexes, which cost most of the scan's 17 s over ~40k lines.
    static let anchors = ["monk-4", "carbon-black", "epth", "ilution", "abs(", "-128", "range(g"]

    /// Lines that match but are not a copy of a plan limit, each with its reason.
    static let notCopies: [String: String] = [
        "referenceDepthMM > 0": "DepthResponse: a model parameter's sign, not a needle depth",
        "depthMM >= 0 else": "FadeTimeline: the sign check of a library that knows no skin model",
        "$0.depth >= 0.8 * deepest": "ScalpAreas: a recession depth on the head chart",
        "spreadOnsetDepthMM > 0 && depthSpread >= 0": "HealingModel: model constants' signs",
    ]

    static func sourceFiles() throws -> [URL] {
        let root = repository.appendingPathComponent("Sources")
        let walker = try #require(FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil))
        return walker.compactMap { $0 as? URL }.filter { ["swift", "js"].contains($0.pathExtension) }
    }

    @Test("no line outside PlanLimits.swift and PhysicalLimits.swift writes a limit or a default again")
    func noSecondCopy() throws {
        var found: [String] = []
        let copies = Self.copies
        let files = try Self.sourceFiles()
        #expect(files.count > 50, "the scan sees the sources (\(files.count) files)")
        for file in files {
            let path = String(file.path.dropFirst(Self.repository.path.count + 1))
            guard !Self.declarations.contains(path) else { continue }
            let lines = try String(contentsOf: file, encoding: .utf8).components(separatedBy: "\n")
            for (i, line) in lines.enumerated() {
                guard Self.anchors.contains(where: { line.contains($0) }) else { continue }
                let code = line.trimmingCharacters(in: .whitespaces)
                guard !code.hasPrefix("//"), !code.hasPrefix("*"), !code.hasPrefix("/*") else { continue }
                guard !Self.notCopies.keys.contains(where: { line.contains($0) }) else { continue }
                for copy in copies where line.contains(copy.pattern) { found.append("\(path):\(i + 1): \(copy.what): \(code)") }
            }
        }
        #expect(found.isEmpty, "use PhysicalLimits / PlanLimits / PlanDefaults instead:\n\(found.joined(separator: "\n"))")
    }

    @Test("the scan catches the copies it is for (each pattern matches the line it was written against)")
    func patternsCatchCopies() {
        let old = ["guard depthMM.isFinite, depthMM >= 0, depthMM <= 5 else {", "?? \"monk-4\",", "guard dilution > 0, dilution <= 1 else {",
                   "guard (0...100).contains(l), abs(a) <= 200, abs(b) <= 200 else {",
                   "range(g, \"Depth\", function () { return s.depth_mm; }, function (v) { s.depth_mm = v; }, 0.3, 1.8, 0.05, 2, \" mm\")"]
        for (line, copy) in zip(old, [1, 0, 2, 3, 4]) {
            #expect(line.contains(Self.copies[copy].pattern), "\(Self.copies[copy].what): \(line)")
            #expect(Self.anchors.contains { line.contains($0) }, "the prefilter would skip: \(line)")
        }
    }
}
