import Reports
import Simulation
import Support

/// `compare.html`: two plans side by side on one slider, so a trainer can walk "correct depth"
/// and "too deep" (or any two variants) through the same sessions and years together.
///
/// Step k shows each plan's k-th timeline step; a plan with fewer steps stays on its last one.
/// Pictures are embedded once each, like `report.html`.
public enum CompareReport {
    public static let fileName = "compare.html"

    /// The image selection the page is built from (every picture, no dots or page of its own).
    public static let selection = PlanOutputs.Selection(images: .all, dots: false, html: false)

    public static func page(_ a: SimulationResult, imagesA: [String: [UInt8]],
                            _ b: SimulationResult, imagesB: [String: [UInt8]]) -> [UInt8] {
        let sides = [("A", a, ReportTimeline(a), imagesA), ("B", b, ReportTimeline(b), imagesB)]
        let count = max(sides[0].2.steps.count, sides[1].2.steps.count)
        func clamped(_ t: ReportTimeline, _ k: Int) -> ReportTimeline.Step { t.steps[min(k, t.steps.count - 1)] }
        let labels = (0..<count).map { k in
            let long = sides.map { clamped($0.2, k).long }
            return long[0] == long[1] ? long[0] : "A: \(long[0])  ·  B: \(long[1])"
        }
        var body: HTML = "<header><h1>\(a.plan.name) <small>vs</small> \(b.plan.name)</h1>"
            + "<p class=\"sub\">A: <code>\(HTMLReport.fileName(a.source))</code> · B: <code>\(HTMLReport.fileName(b.source))</code></p></header>"
        body += "<section id=\"timeline\">" + HTMLReport.controls(labels: labels)
        body += "<div class=\"stepbuttons\">" + (0..<count).map { k -> HTML in
            let short = sides.map { clamped($0.2, k).short }
            let text = short[0] == short[1] ? short[0] : "A \(short[0]) | B \(short[1])"
            return "<button type=\"button\" data-step=\"\(k)\" aria-pressed=\"\(k == 0)\">\(text)</button>"
        }.joined() + "</div>"
        // Panel families either plan has, in the report's tab order; names padded to `count` steps.
        let panelsA = HTMLReport.panels(a, sides[0].2, images: imagesA)
        let panelsB = HTMLReport.panels(b, sides[1].2, images: imagesB)
        let keys = (panelsA + panelsB).map(\.key).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        func padded(_ panels: [HTMLReport.Panel], _ key: String) -> HTMLReport.Panel? {
            guard let p = panels.first(where: { $0.key == key }) else { return nil }
            return HTMLReport.Panel(key: p.key, title: p.title, names: (0..<count).map { p.names[min($0, p.names.count - 1)] },
                                    details: p.details.isEmpty ? [] : (0..<count).map { p.details[min($0, p.details.count - 1)] },
                                    textPixels: p.textPixels)
        }
        let titles = Dictionary((panelsA + panelsB).map { ($0.key, $0.title) }, uniquingKeysWith: { x, _ in x })
        body += "<div class=\"tabs\" role=\"tablist\">" + keys.map { key -> HTML in
            "<button type=\"button\" role=\"tab\" data-tab=\"\(key)\" aria-selected=\"false\">\(titles[key]!)</button>"
        }.joined() + "</div>"
        for key in keys {
            body += "<div class=\"panel pair\" id=\"panel-\(key)\" data-panel=\"\(key)\">"
            for (tag, r, _, images) in sides {
                let panel = padded(tag == "A" ? panelsA : panelsB, key)
                body += "<div><h3>\(tag): \(r.plan.name)</h3>"
                    + (panel.map { HTMLReport.frames($0, images: images) } ?? "<p class=\"missing\">not rendered for this plan</p>") + "</div>"
            }
            body += "</div>"
        }
        body += "<div class=\"pair\">"
        for (tag, r, t, _) in sides {
            body += "<div class=\"numbers\"><h3>\(tag): \(r.plan.name)</h3>"
            for k in 0..<count {
                body += "<div data-steps=\"\(k)\"\(k == 0 ? "" : " hidden")>" + ReportSections.stepNumbers(r, clamped(t, k)) + "</div>"
            }
            body += "</div>"
        }
        body += "</div></section>"
        for (tag, r, _, _) in sides {
            body += HTMLReport.section("sessions-\(tag.lowercased())", "\(tag): sessions of \(r.plan.name)", ReportSections.sessionsTable(r))
            body += HTMLReport.section("review-\(tag.lowercased())", "\(tag): review of \(r.plan.name)", ReportSections.review(r))
        }
        body += "<footer>Stipple \(StippleInfo.version) · written by stipple compare.</footer>"
        return HTML.page(title: "\(a.plan.name) vs \(b.plan.name) — Stipple", style: ReportAssets.style,
                         body: body, script: ReportAssets.script)
    }
}
