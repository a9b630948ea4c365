@testable import Figures
import Foundation
import Plans
import Simulation
import SimulationFixtures
import StippleTestSupport
import Testing

/// Pages are built from `HTML`: text interpolated into markup is escaped by the type, markup
/// from elsewhere enters only through `HTML(trusted:)`, and a hostile plan name reaches
/// report.html and compare.html only as text.
@Suite("HTML escapes by type")
struct HTMLEscapingTests {
    static let hostile = "<script>&\"'"
    static let escaped = "&lt;script&gt;&amp;&quot;&#39;"

    @Test("interpolated text is escaped, literals and HTML values are kept, text(:) and tables escape")
    func interpolation() {
        let name = Self.hostile
        let cell: HTML = "<b>\(name)</b>"
        #expect(cell.markup == "<b>\(Self.escaped)</b>")
        let nested: HTML = "<td>\(cell)</td>"
        #expect(nested.markup == "<td><b>\(Self.escaped)</b></td>", "an HTML value is not escaped twice")
        #expect(HTML(text: name).markup == Self.escaped)
        #expect(HTML(trusted: "<svg/>").markup == "<svg/>")
        let table = HTML.table([name], text: [[name]], caption: name, id: name).markup
        #expect(!table.contains(name) && table.components(separatedBy: Self.escaped).count == 5)
        #expect((["<i>", HTML(text: "&")] as [HTML]).joined(separator: "|").markup == "<i>|&amp;")
    }

    static func hostilePlan() throws -> SimulationResult {
        var plan = try Fixtures.plan("norwood-v-three-sessions.yaml")
        plan.name = hostile
        return try Fixtures.engine.simulate(plan, source: "plans/\(hostile).yaml")
    }

    @Test("a plan and file named <script>&\"' are escaped in report.html and compare.html")
    func hostileNames() throws {
        let r = try Self.hostilePlan()
        let report = String(decoding: HTMLReport.page(r, images: [:]), as: UTF8.self)
        let compare = String(decoding: CompareReport.page(r, imagesA: [:], Fixtures.demo, imagesB: [:]), as: UTF8.self)
        for page in [report, compare] {
            #expect(!page.contains(Self.hostile))
            #expect(page.contains("<h1>\(Self.escaped)"))
            #expect(page.contains("<code>\(Self.escaped).yaml</code>"))
            // One <script> element: the page's own.
            #expect(page.components(separatedBy: "<script").count == 2)
        }
        #expect(report.contains("<title>\(Self.escaped) — Stipple report</title>"))
    }

    /// The places allowed to hand markup to `HTML(trusted:)`, each with its reason in the code.
    static let trustedUses: Set<String> = [
        "Figures/HTML.swift",        // the type itself (+, filling)
        "Figures/SweepChart.swift",  // inline SVG written by SVGCanvas, which escapes its own text
        "Studio/StudioServer.swift", // the studio page, a template shipped in Studio/Resources
    ]

    @Test("no String reaches a page outside the type: HTML(trusted:) only in its listed places, no hand escaping")
    func noBypass() throws {
        let sources = Repository.root.appendingPathComponent("Sources")
        let files = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)!
            .compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" }
        var trusted: Set<String> = [], handEscaping: [String] = []
        for url in files {
            let path = url.path.replacingOccurrences(of: sources.path + "/", with: "")
            let text = try String(contentsOf: url, encoding: .utf8)
            if text.contains("HTML(trusted:") { trusted.insert(path) }
            // Markup escaping by hand (entities written outside the one routine HTML and XML share).
            if text.contains("\"&lt;\""), path != "Support/MarkupEscaping.swift" { handEscaping.append(path) }
            if text.contains("HTML.escape("), path != "Figures/HTML.swift" { handEscaping.append(path) }
        }
        #expect(trusted == Self.trustedUses)
        #expect(handEscaping.isEmpty, "escaping by hand in \(handEscaping)")
        #expect(files.count > 200, "the sources were found")
    }
}
