import Rendering
import Reports
import Simulation
import Support

/// `report.html`: one self-contained page a trainer can teach a plan from, in the order a class
/// goes: the timeline first (a slider steps through each session and follow-up day; the
/// pictures — appearance, macro, density map, dot map, head views — and the numbers follow it),
/// then the review (what a trainer would change: the point of the lesson, so it is not left at
/// the bottom), then the sessions, regions, fading and touch-up, and the plan as read, in the
/// order of the plan schema.
///
/// Pictures are the PNGs of the same folder embedded as `data:` URIs, each exactly once, so the
/// page opens from a USB stick with no network and stays a few MB. Clicking a picture enters
/// projector mode (`ReportAssets.script`).
public enum HTMLReport {
    public static let fileName = "report.html"

    /// One picture family of the stage: which file shows each step.
    struct Panel {
        let key: String
        let title: String
        /// Picture name per step index.
        let names: [String]
        /// The words beside each step's picture (`SheetText.details`), or none.
        var details: [[String]] = []
        /// Font size (px) of the smallest text drawn in the pictures, when known (the
        /// `ProjectorSheet` views): written as `data-text-px`, so a test can measure it as displayed.
        var textPixels: Double? = nil
    }

    /// The page for `result`, embedding whichever of `images` (file name → PNG bytes) it uses.
    /// `links` (picture name → relative address): pictures are referenced there instead of
    /// embedded, so a batch of many plans stores each distinct picture once (`PlanOutputs`).
    /// `appearanceCloseUpOnly`: the appearance sheets were drawn without the whole head
    /// (`PlanOutputs.Selection.appearanceCloseUpOnly`), and their words say so. `assets`: the
    /// addresses of `style` and `script` stored as files (a batch); nil: both inline.
    /// `sheetExtension`: the file type of the projector sheets and the maps ("webp" in a WebP
    /// batch: lossy sheets, lossless maps; `SheetEncoding`).
    public static func page(_ result: SimulationResult, images: [String: [UInt8]], links: [String: String]? = nil,
                            appearanceCloseUpOnly: Bool = false, assets: (style: String, script: String)? = nil,
                            sheetExtension: String = "png") -> [UInt8] {
        let timeline = ReportTimeline(result)
        let p = result.plan
        let file = fileName(result.source)
        let sub = "\(p.client.hairLoss.label) · design \(CSV.number(p.design.targetDensityPerCM2))/cm² · skin \(p.client.skin.name) · \(result.sessions.count) session\(result.sessions.count == 1 ? "" : "s") · seed \(p.seed)"
        var body: HTML = "<header><h1>\(p.name)</h1><p class=\"sub\">\(sub)"
            + " · plan file <code>\(file)</code></p>"
            + "<nav class=\"toc\"><a href=\"#timeline\">Timeline</a><a href=\"#review\">Review</a><a href=\"#sessions\">Sessions</a>"
            + "<a href=\"#regions\">Regions</a><a href=\"#fading\">Fading</a><a href=\"#plan\">Plan</a></nav></header>"
        body += timelineSection(result, timeline, images: images, links: links, closeUpOnly: appearanceCloseUpOnly, sheetExtension: sheetExtension)
        body += section("review", "Review: what a trainer would change", ReportSections.review(result))
        body += section("sessions", "Sessions", ReportSections.sessionsTable(result))
        body += section("regions", "Regions", ReportSections.regionsTable(result))
        if !result.areaOutcomes.isEmpty { body += section("areas", "Treatment areas", ReportSections.areas(result)) }
        var fading = ReportSections.touchUp(result)
        if let curves = images["fade_curves.png"] {
            fading = "<img class=\"curves\" src=\"\(links.map { $0["fade_curves.png"] ?? "fade_curves.png" } ?? HTML.pngDataURI(curves))\" alt=\"fade curves: colour change and pigment left per session over time\">" + fading
        } else if let curves = images["fade_curves.svg"] {
            // Vector charts (--figure-format svg) as an image too: one element, scaled like the PNG.
            fading = "<img class=\"curves\" src=\"\(links.map { $0["fade_curves.svg"] ?? "fade_curves.svg" } ?? HTML.svgDataURI(curves))\" alt=\"fade curves: colour change and pigment left per session over time\">" + fading
        }
        body += section("fading", "Fading and touch-up", fading)
        body += section("plan", "The plan as read", ReportSections.planAsRead(result))
        body += "<footer>Stipple \(StippleInfo.version) · every number here is also in report.json and the CSV files beside this page.</footer>"
        let title = "\(p.name) — Stipple report"
        if let assets { return HTML.page(title: title, styleHref: assets.style, body: body, scriptSource: assets.script) }
        return HTML.page(title: title, style: style, body: body, script: script)
    }

    /// The page's style sheet and script: the same for every report, so a batch stores each
    /// once beside its pictures and every plan's page links them (`PlanOutputs`).
    static var style: HTML { ReportAssets.style + ".curves{max-width:100%;height:auto}" }
    static var script: HTML { ReportAssets.script }

    /// A plan file by its name only: a path given on the command line may be absolute, and no
    /// machine path goes into a page that is handed around.
    static func fileName(_ source: String) -> String {
        source.split(separator: "/").last.map(String.init) ?? source
    }

    static func section(_ id: String, _ title: String, _ content: HTML) -> HTML {
        "<section id=\"\(id)\"><h2>\(title)</h2>\(content)</section>"
    }

    /// The panels a timeline shows, in tab order; a family appears only if one of its pictures exists.
    /// The sheets (appearance, macro, head views) and the maps are files of type `sheetExtension`.
    static func panels(_ result: SimulationResult, _ timeline: ReportTimeline, images: [String: [UInt8]], closeUpOnly: Bool = false,
                       sheetExtension: String = "png") -> [Panel] {
        let steps = timeline.steps, sheet = sheetExtension
        let candidates = [
            Panel(key: "appearance", title: "Appearance", names: steps.map { timeline.appearanceImage(step: $0, result: result, fileExtension: sheet) },
                  details: steps.map { step in
                      switch step.moment {
                      case .session(let i): return AppearanceRenderer.appearanceText(result, session: i + 1, followUp: nil, closeUpOnly: closeUpOnly).details
                      case .followUp(let i, let placed):
                          return AppearanceRenderer.appearanceText(result, session: placed, followUp: result.outlook!.followUps[i],
                                                                           closeUpOnly: closeUpOnly).details
                      }
                  }, textPixels: ProjectorSheet.fontPixels),
            Panel(key: "macro", title: "Macro & distance", names: steps.map { timeline.sessionImage("macro_session", step: $0, fileExtension: sheet) },
                  details: steps.map { AppearanceRenderer.macroText(result, session: $0.placed).details }, textPixels: ProjectorSheet.fontPixels),
            Panel(key: "density", title: "Density map", names: steps.map { timeline.sessionImage("density_session", step: $0, fileExtension: sheet) },
                  details: steps.map { ChartMapRenderer.densityText(result, session: $0.placed).details }, textPixels: ChartMapRenderer.fontPixels),
            Panel(key: "dots", title: "Dot map", names: steps.map { timeline.sessionImage("dots_session", step: $0, fileExtension: sheet) },
                  details: steps.map { ChartMapRenderer.dotsText(result, session: $0.placed).details }, textPixels: ChartMapRenderer.fontPixels),
            Panel(key: "head", title: "Head views", names: steps.map { timeline.sessionImage("head_session", step: $0, fileExtension: sheet) },
                  details: steps.map { HeadViewRenderer.text(result, session: $0.placed).details }, textPixels: ProjectorSheet.fontPixels),
        ]
        return candidates.filter { panel in panel.names.contains { images[$0] != nil } }
    }

    /// The pictures of one panel: each distinct file once, shown at the steps that use it.
    static func frames(_ panel: Panel, images: [String: [UInt8]], idPrefix: String = "", links: [String: String]? = nil) -> HTML {
        var order: [String] = []
        var stepsOf: [String: [Int]] = [:]
        for (k, name) in panel.names.enumerated() {
            if stepsOf[name] == nil { order.append(name) }
            stepsOf[name, default: []].append(k)
        }
        return order.map { name -> HTML in
            let steps = stepsOf[name]!
            let attributes: HTML = "data-steps=\"\(steps.map(String.init).joined(separator: " "))\"" + (steps.contains(0) ? "" : " hidden")
            guard let png = images[name] else {
                return "<p class=\"missing\" \(attributes)>\(name) was not rendered (images: summary).</p>"
            }
            let text: HTML = panel.textPixels.map { " data-text-px=\"\(HTML.number($0, 1))\"" } ?? HTML()
            let source = links.map { $0[name] ?? name } ?? HTML.pictureDataURI(png, name: name)
            let image: HTML = "<img \(attributes) src=\"\(source)\" alt=\"\(panel.title): \(name)\" data-name=\"\(name)\"\(text)>"
            guard let lines = panel.details.isEmpty ? nil : panel.details[steps[0]], let lead = lines.first else { return image }
            // The first line stays in projector mode; the rest (colours, Lab values) only on the page.
            return image + "<p class=\"caption\" \(attributes)><span class=\"lead\">\(lead)</span>"
                + lines.dropFirst().map { " <span>\($0)</span>" as HTML }.joined() + "</p>"
        }.joined()
    }

    /// The slider, its buttons, the tabbed pictures and the numbers of each step.
    static func timelineSection(_ result: SimulationResult, _ timeline: ReportTimeline, images: [String: [UInt8]], links: [String: String]? = nil,
                                closeUpOnly: Bool = false, sheetExtension: String = "png") -> HTML {
        let steps = timeline.steps
        var out: HTML = "<section id=\"timeline\">" + controls(labels: steps.map(\.long))
        out += "<div class=\"stepbuttons\">" + steps.enumerated().map { k, s -> HTML in
            "<button type=\"button\" data-step=\"\(k)\" aria-pressed=\"\(k == 0)\">\(key(s))\(s.short)</button>"
        }.joined() + "</div><div class=\"stage\"><div class=\"pictures\">"
        let panels = panels(result, timeline, images: images, closeUpOnly: closeUpOnly, sheetExtension: sheetExtension)
        out += "<div class=\"tabs\" role=\"tablist\">" + panels.map { panel -> HTML in
            "<button type=\"button\" role=\"tab\" data-tab=\"\(panel.key)\" aria-selected=\"false\">\(panel.title)</button>"
        }.joined() + "</div>"
        for panel in panels {
            out += "<div class=\"panel\" id=\"panel-\(panel.key)\" data-panel=\"\(panel.key)\"><h3>\(panel.title)</h3>"
                + frames(panel, images: images, links: links) + "</div>"
        }
        if panels.isEmpty { out += "<p class=\"missing\">No pictures were rendered (images: none).</p>" }
        out += "</div><div class=\"numbers\">"
        for (k, step) in steps.enumerated() {
            out += "<div data-steps=\"\(k)\"\(k == 0 ? "" : " hidden")>" + ReportSections.stepNumbers(result, step) + "</div>"
        }
        return out + "</div></div></section>"
    }

    /// A session step's key (its `SessionPalette` colour); follow-ups have none.
    static func key(_ step: ReportTimeline.Step) -> HTML {
        guard case .session(let i) = step.moment else { return HTML() }
        return "<span class=\"key\" style=\"background:\(SessionPalette.hex(session: i + 1))\"></span>"
    }

    /// Previous / slider / next, and the heading naming the current step.
    static func controls(labels: [String]) -> HTML {
        "<div class=\"controls\"><button type=\"button\" id=\"prev\" aria-label=\"previous step\">◀</button>"
            + "<input type=\"range\" id=\"step\" min=\"0\" max=\"\(max(0, labels.count - 1))\" value=\"0\" step=\"1\" aria-label=\"timeline step\">"
            + "<button type=\"button\" id=\"next\" aria-label=\"next step\">▶</button><h2 class=\"step-title\">"
            + labels.enumerated().map { k, l -> HTML in "<span data-steps=\"\(k)\"\(k == 0 ? "" : " hidden")>\(l)</span>" }.joined()
            + "</h2></div>"
    }
}
