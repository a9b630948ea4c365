import Foundation
import Plans
import Simulation
import Support

/// "The plan as read": every field of the plan, defaults filled in, in the order of the plan
/// schema (docs/plan-schema.md: name, seed, client, design, sessions, follow-ups, preview,
/// areas, fading, touch-up) and under the names a plan file uses, so a trainee can hold the page
/// against their YAML line by line. (It was the report.json echo sorted alphabetically, which put
/// `follow_up_days` before `name` and split `client` and `design` apart.)
extension ReportSections {
    static func planAsRead(_ r: SimulationResult) -> HTML {
        let p = r.plan
        var rows: [[HTML]] = []
        func row(_ field: String, markup value: HTML, indent: Int = 0) {
            rows.append(["<code class=\"field\" style=\"padding-left:\(indent)em\">\(field)</code>", value])
        }
        func row(_ field: String, _ text: String, indent: Int = 0) { row(field, markup: HTML(text: text), indent: indent) }
        func number(_ v: Double) -> String { CSV.number(v) }
        row("name", p.name)
        row("seed", String(p.seed))
        row("client:", markup: HTML())
        if let norwood = p.client.norwood {
            row("norwood", (norwood.rawValue), indent: 1)
        } else {
            row("hair_loss", ("{scale: \(p.client.hairLoss.scale.rawValue), stage: \(p.client.hairLoss.name)}"), indent: 1)
        }
        row("skin", p.client.skin.name, indent: 1)
        row("native_hair_density", number(p.client.nativeHairDensity), indent: 1)
        switch p.client.hairColour {
        case .none: row("hair_colour", markup: "<small>none</small>", indent: 1)
        case .named(let name, _)?: row("hair_colour", (name), indent: 1)
        case .lab(let L, let a, let b)?: row("hair_colour", ("{L: \(CSV.number(L)), a: \(CSV.number(a)), b: \(CSV.number(b))}"), indent: 1)
        }
        row("skin_oiliness", (p.client.skinOiliness.rawValue), indent: 1)
        row("head_circumference_mm", number(p.client.headCircumferenceMM), indent: 1)
        row("design:", markup: HTML())
        row("target_density_per_cm2", number(p.design.targetDensityPerCM2), indent: 1)
        row("hairline:", markup: HTML(), indent: 1)
        row("height_above_brow_mm", number(p.design.hairline.heightAboveBrowMM), indent: 2)
        row("shape", (p.design.hairline.shape.rawValue), indent: 2)
        row("transition_mm", number(p.design.hairline.transitionMM), indent: 2)
        row("irregularity", number(p.design.hairline.irregularity), indent: 2)
        row("spacing_factor", number(p.design.spacingFactor), indent: 1)
        row("min_spacing_mm", number(p.design.minSpacingMM), indent: 1)
        row("placement", (p.design.placement.rawValue), indent: 1)
        row("merge_gap_mm", number(p.design.mergeGapMM), indent: 1)
        let fields = E.table(["field", "value"], rows, caption: "client and design")
        let sessions = p.sessions.enumerated().map { i, s in
            [session(i + 1)] + [number(s.day), number(s.fractionOfTarget), number(s.needleMM), number(s.depthMM),
                                s.pigment.name, number(s.dilution), s.deposit.rawValue, s.grouping.rawValue].map(HTML.init(text:))
        }
        let sessionTable = E.table(["", "day", "fraction_of_target", "needle_mm", "depth_mm", "pigment", "dilution", "deposit", "grouping"],
                                   sessions, numeric: [1, 2, 3, 4, 6], caption: "sessions:")
        rows = []
        row("follow_up_days", ("[" + p.followUpDays.map(CSV.number).joined(separator: ", ") + "]"))
        row("preview", ("{position: \(p.previewPosition.rawValue)}"))
        if !p.areas.isEmpty {
            row("areas", markup: "\(p.areas.map(\.kind.rawValue).joined(separator: ", ")) <small>(\(p.areas.count); see Treatment areas)</small>")
        }
        let parameters = p.fading.parameters.keys.sorted().map { "\($0): \(CSV.number(p.fading.parameters[$0]!))" }
        row("fading", ("{model: \(p.fading.model.name), sun_exposure: \(CSV.number(p.fading.sunExposure))"
                               + (parameters.isEmpty ? "" : ", parameters: {\(parameters.joined(separator: ", "))}") + "}"))
        row("touch_up", ("{max_delta_e00: \(CSV.number(p.touchUp.maxDeltaE00)), min_perceived_fraction: \(CSV.number(p.touchUp.minPerceivedFraction))}"))
        return fields + sessionTable + E.table(["field", "value"], rows, caption: "after the sessions")
    }
}
