import Foundation
import Impressions
import Rendering
import Reports
import Simulation
import Support

/// The numbers of a plan's report page as HTML fragments: what each slider step shows, and the
/// static tables (sessions, regions, touch-up, review, the plan as read). Fragments are `HTML`,
/// so every value that comes from the plan is escaped as it is interpolated.
enum ReportSections {
    typealias E = HTML

    /// A session number with its key: a dot in the session's colour in every figure (the dot
    /// map's dots, its line in the fade curves, its swatch key in the previews: `SessionPalette`).
    static func session(_ number: Int) -> HTML {
        "<span class=\"key\" style=\"background:\(SessionPalette.hex(session: number))\"></span>\(number)"
    }

    // MARK: per step

    /// Key figures and the region table at one step of the timeline.
    static func stepNumbers(_ r: SimulationResult, _ step: ReportTimeline.Step) -> HTML {
        switch step.moment {
        case .session(let i): return sessionStep(r, i)
        case .followUp(let i, _): return followUpStep(r, r.outlook!.followUps[i])
        }
    }

    private static func figures(_ items: [(String, HTML)]) -> HTML {
        "<dl class=\"figures\">" + items.map { "<div><dt>\($0.0)</dt><dd>\($0.1)</dd></div>" as HTML }.joined() + "</dl>"
    }

    private static func sessionStep(_ r: SimulationResult, _ i: Int) -> HTML {
        let s = r.sessions[i], m = s.metrics.all, c = r.colours.sessions[i]
        var items: [(String, HTML)] = [
            ("dots placed", "\(E.count(s.totalImpressions)) <small>(+\(E.count(s.newImpressions)))</small>"),
            ("density", "\(E.number(m.impressionsPerCM2, 1)) <small>of \(E.number(m.meanTargetPerCM2 * s.plan.fractionOfTarget, 1)) /cm²</small>"),
            ("mean spacing", "\(E.number(m.nearestNeighbourMeanMM, 2)) <small>mm</small>"),
            ("merging pairs", HTML(text: E.count(m.mergePairs))),
            ("skin covered", HTML(text: E.percent(m.coveredFraction, 2))),
            ("healed colour", "\(E.swatch(c.srgbHex)) <small>ΔE00 \(E.number(c.contrastDeltaE00, 1)) to skin</small>"),
        ]
        // Among hair (Ludwig/Savin): what the eye counts, hair + dots, against the design density.
        if let p = s.perceived {
            items.insert(("hair + dots", "\(E.number(p.perceivedPerCM2, 1))"
                          + " <small>of \(E.number(p.targetPerCM2, 1)) /cm² (hair \(E.number(p.hairPerCM2, 1)))</small>"), at: 2)
        }
        let head = figures(items)
        let rows = ([m] + s.metrics.regions).map { g in
            [g.region, E.number(g.impressionsPerCM2, 1), E.number(g.meanTargetPerCM2 * s.plan.fractionOfTarget, 1),
             E.number(g.nearestNeighbourMeanMM, 2), E.count(g.mergePairs), E.percent(g.coveredFraction, 2)]
        }
        return head + E.table(["region", "dots/cm²", "target/cm²", "NN mean mm", "merge pairs", "covered"],
                              text: rows, numeric: [1, 2, 3, 4, 5], caption: "per region after session \(i + 1)")
    }

    private static func followUpStep(_ r: SimulationResult, _ f: FollowUp) -> HTML {
        let all = f.metrics.all
        let head = figures([
            ("perceived density", "\(E.number(f.perceivedDensity.last, 1)) <small>/cm², \(E.percent(f.perceivedFraction.last, 0)) of target</small>"),
            ("merging pairs", HTML(text: E.count(all.mergePairs))),
            ("skin covered", HTML(text: E.percent(all.coveredFraction, 2))),
            ("mean dot size", "\(E.number(all.meanHealedDiameterMM.map { $0 * 1000 }, 0)) <small>µm</small>"),
        ])
        let looks = f.sessions.map { l -> [HTML] in
            [session(l.session), E.swatch(l.hex), "\(E.percent(l.retained, 0))", "\(E.number(l.deltaE00ToHealed, 2))", "\(l.undertone.rawValue)"]
        }
        let regions = (f.metrics.regions + [all]).enumerated().map { k, g in
            [g.region, E.count(g.impressions), E.number(f.perceivedDensity[k], 1),
             E.percent(f.perceivedFraction[k], 0), E.count(g.mergePairs), E.percent(g.coveredFraction, 2)]
        }
        return head
            + E.table(["session", "colour now", "pigment left (of healed)", "ΔE00 since healed", "undertone"], looks,
                      numeric: [0, 2, 3], caption: "each session's dots on day \(CSV.number(f.day))")
            + E.table(["region", "dots", "perceived /cm²", "of target", "merge pairs", "covered"],
                      text: [regions.last!] + regions.dropLast(), numeric: [1, 2, 3, 4, 5], caption: "per region on day \(CSV.number(f.day))")
    }

    // MARK: static tables

    static func sessionsTable(_ r: SimulationResult) -> HTML {
        let rows = r.sessions.map { s -> [HTML] in
            let m = s.metrics.all, c = r.colours.sessions[s.number - 1]
            let before = [CSV.number(s.plan.day), E.percent(s.plan.fractionOfTarget, 0),
                          E.number(s.plan.needleMM, 2), E.number(s.plan.depthMM, 2), s.plan.pigment.name,
                          E.number(s.plan.dilution, 2), E.count(s.newImpressions), E.count(s.totalImpressions),
                          E.number(m.impressionsPerCM2, 1), E.number(m.nearestNeighbourMeanMM, 2), E.number(m.nearestNeighbourMinMM, 2),
                          E.count(m.mergePairs), E.percent(m.coveredFraction, 2), E.number(s.healedDiameterMM * 1000, 0)]
            return [session(s.number)] + before.map(HTML.init(text:))
                + [E.swatch(c.srgbHex), HTML(text: E.number(c.contrastDeltaE00, 1)), HTML(text: c.undertone.rawValue)]
        }
        return E.table(["session", "day", "target", "needle mm", "depth mm", "pigment", "dilution", "new dots", "total",
                        "dots/cm²", "NN mean mm", "NN min mm", "merge pairs", "covered", "healed µm", "healed colour",
                        "ΔE00 skin", "undertone"],
                       rows, numeric: [0, 1, 2, 3, 4, 6, 7, 8, 9, 10, 11, 12, 13, 14, 16])
    }

    static func regionsTable(_ r: SimulationResult) -> HTML {
        guard let last = r.sessions.last else { return HTML() }
        let fraction = last.plan.fractionOfTarget
        let rows = ([last.metrics.all] + last.metrics.regions).map { g in
            [g.region, E.number(g.regionAreaCM2, 1), E.number(g.treatedAreaCM2, 1), E.count(g.impressions),
             E.number(g.impressionsPerCM2, 1), E.number(g.meanTargetPerCM2 * fraction, 1), E.number(g.nearestNeighbourMeanMM, 2),
             E.number(g.clarkEvansR, 2), E.count(g.mergePairs), E.percent(g.coveredFraction, 2)]
        }
        return E.table(["region", "area cm²", "treated cm²", "dots", "dots/cm²", "target/cm²", "NN mean mm",
                        "Clark–Evans R", "merge pairs", "covered"], text: rows, numeric: Set(1...9),
                       caption: "after the last session (\(last.number))")
    }

    static func touchUp(_ r: SimulationResult) -> HTML {
        guard let o = r.outlook else { return "<p>No fading model was run for this plan.</p>" }
        let t = o.touchUp
        func day(_ d: Double?) -> HTML {
            guard let d else { return "not within 10 years" }
            return "day \(CSV.number(d)) <small>(\(ReportTimeline.age(d)))</small>"
        }
        var out: HTML = "<p>A region is due when its colour has moved ΔE00 \(E.number(t.maxDeltaE00, 1)) from healed or its "
            + "perceived density has fallen to \(E.percent(t.minPerceivedFraction, 0)) of target (fade model \(o.model)).</p>"
        if let s = t.suggestion {
            out += "<p class=\"callout\"><strong>Suggested touch-up: \(day(s.day))</strong> — "
                + "\(s.regions.joined(separator: ", ")): \(s.pigment), dilution \(E.number(s.dilution, 2)), "
                + "needle \(E.number(s.needleMM, 2)) mm, depth \(E.number(s.depthMM, 2)) mm. \(s.note)</p>"
            if let spread = t.spread {
                out += "<p>Over \(spread.seeds.count) seeds of this plan: median \(day(spread.median)), range \(day(spread.earliest)) to "
                    + "\(day(spread.latest)); set by \(s.region) (\(s.criterion.rawValue)). Regions under "
                    + "\(E.number(TouchUpSchedule.minRegionAreaCM2, 0)) cm² of treated skin do not set the day alone.</p>"
            }
        }
        out += E.table(["region", "colour due", "density due", "first due"],
                       t.regions.map { [HTML(text: $0.region), day($0.deltaE00Day), day($0.perceivedDensityDay), day($0.firstDay)] })
        return out
    }

    static func review(_ r: SimulationResult) -> HTML {
        guard !r.review.isEmpty else { return "<p class=\"callout ok\">No findings: the review has nothing to change in this plan.</p>" }
        return r.review.map { f -> HTML in
            let sessions = f.sessions.isEmpty ? nil : (f.sessions.count == 1 ? "session " : "sessions ") + f.sessions.map(String.init).joined(separator: ", ")
            let scope = [sessions, f.region].compactMap { $0 }.joined(separator: ", ")
            let article: HTML = "<article class=\"finding \(f.severity.rawValue)\"><h3><span class=\"badge\">\(f.severity.rawValue.uppercased())</span> "
                + "\(f.message)</h3><p class=\"meta\"><code>\(f.rule)</code> · \(f.category.rawValue)"
                + (scope.isEmpty ? "" : " · \(scope)")
                + " · value \(E.number(f.value, 2)), threshold \(E.number(f.threshold, 2))</p>"
                + "<p><strong>Why:</strong> \(f.why)</p><p><strong>Fix:</strong> \(f.fix)</p></article>"
            return article
        }.joined()
    }
}
