import Foundation
import Rendering
import Simulation
import SkinOptics
import Support

/// The words of a timeline picture, split by where they can be read from the back of a class:
/// a short title, one caption per panel and one key per swatch are drawn in the picture at
/// `ProjectorSheet.textScale`; the details (Lab values, ΔE00, pigment left, the assumptions
/// behind the drawing) are written as HTML text beside it in `report.html` (`details`), where
/// the browser sets them at the page's size instead of shrinking them with the picture.
struct SheetText: Sendable {
    var title: String
    var captions: [String]
    var details: [String]
}

extension AppearanceRenderer {
    /// The words of `appearance_session<N>.png` (no `followUp`) or `appearance_day<D>.png`;
    /// `closeUpOnly`: the sheet of a batch with `--images summary`, which has no whole-head panel.
    static func appearanceText(_ result: SimulationResult, session: Int, followUp: FollowUp?, closeUpOnly: Bool = false) -> SheetText {
        let c = result.colours.sessions[session - 1]
        let s = result.sessions[session - 1]
        let position = result.plan.previewPosition.rawValue
        let title = followUp.map { "Day \(CSV.number($0.day)): \(ReportTimeline.age($0.day - result.plan.sessions[0].day)) after the first session, faded" }
            ?? "After session \(s.number) (day \(CSV.number(s.plan.day)))"
        let layer = "Latest layer: \(c.pigment), dilution \(CSV.number(c.dilution)), depth \(CSV.number(c.depthMM)) mm, "
            + "pigment column \(Int((s.healedDiameterMM * 1000).rounded())) µm; \(HTML.count(s.totalImpressions)) impressions."
        let whole = closeUpOnly ? "the whole head is in the head views (from above: their top panel)." : "whole head from above, red box = the close-up."
        let drawing = "\(position.prefix(1).uppercased() + position.dropFirst()) close-up, 40 × 30 mm at 20 px/mm; \(whole) "
            + (result.hair == nil ? "Stubble = remaining native hair, shaved." : "Dashes = remaining hair (shaved follicles); round dots = impressions.")
        var details: [String]
        if let followUp {
            // The first line is the one projector mode keeps: what has changed since healing.
            let moved = followUp.sessions.map { "S\($0.session) \(CSV.number($0.deltaE00ToHealed.rounded(places: 1)))" }.joined(separator: " · ")
            let left = followUp.sessions.map(\.retained).reduce(0, +) / Double(max(1, followUp.sessions.count))
            details = ["Faded (\(result.plan.fading.model.name) model, sun exposure \(CSV.number(result.plan.fading.sunExposure))): colour moved ΔE00 \(moved) from healed; "
                       + "\(Int((left * 100).rounded())) % of the healed pigment left. Each dot is drawn with that day's pigment, colour and size.",
                       drawing, layer]
            for look in followUp.sessions {
                details.append("S\(look.session) now \(look.hex), \(lab(look.lab)): ΔE00 \(CSV.number(look.deltaE00ToHealed.rounded(places: 1))) from healed, "
                               + "\(look.undertone.rawValue), \(Int((look.retained * 100).rounded())) % of its healed pigment left, dots ×\(CSV.number(look.diameterScale.rounded(places: 2))).")
            }
        } else {
            details = [layer, drawing, "Healed colours from the spectral skin model, as seen (3 % surface reflection)."]
            for k in 0..<session {
                let sc = result.colours.sessions[k]
                details.append("S\(k + 1) \(sc.srgbHex), \(lab(sc.lab)): ΔE00 \(CSV.number(sc.contrastDeltaE00.rounded(places: 1))) to skin, \(sc.undertone.rawValue); "
                               + "dot \(Int((sc.dot.apparentFWHMMM * 1000).rounded())) µm across, centre L* \(CSV.number(sc.dot.centreLab.L.rounded(places: 1))).")
            }
        }
        details.append("Skin \(result.colours.skinName) \(lab(result.colours.skinLab))"
                       + (result.colours.hairLab.map { "; hair \(result.colours.hairName ?? "target") \(lab($0))" } ?? "") + ".")
        return SheetText(title: title, captions: ["\(position) close-up, 40 × 30 mm"] + (closeUpOnly ? [] : ["whole head; red box: close-up"]), details: details)
    }

    /// Swatch places on every appearance sheet of the plan: skin, each session, hair, scar.
    var swatchSlots: Int {
        1 + result.sessions.count + (result.colours.hairLab == nil ? 0 : 1) + (scarOutcome == nil || scarColour == nil ? 0 : 2)
    }

    /// The appearance sheet after `session`, encoded as `encoding` says.
    func appearancePNG(after session: Int, day: Double? = nil) throws(SimulationError) -> [UInt8] {
        try encoding.encode(appearanceSheet(after: session, day: day))
    }

    /// The appearance sheet's pixels (the close-up, the whole head unless `closeUpOnly`, swatches).
    func appearanceSheet(after session: Int, day: Double? = nil) -> RGBImage {
        let centre = Self.patchCentre(result, position: result.plan.previewPosition)
        let followUp = day.flatMap { d in result.outlook?.followUps.first { $0.day == d } }
        let text = Self.appearanceText(result, session: session, followUp: followUp, closeUpOnly: closeUpOnly)
        // Swatches are filled as seen (surface reflection added, like the pictures).
        var swatches = [ProjectorSheet.Swatch(colour: Self.asSeen(result.colours.skinLab), key: "skin")]
        for k in 0..<session {
            let lab = faded?[k].lab ?? result.colours.sessions[k].lab
            swatches.append(.init(colour: Self.asSeen(lab), key: faded == nil ? "S\(k + 1)" : "S\(k + 1) now",
                                  category: SessionPalette.colour(session: k + 1)))
        }
        // Sessions not placed yet keep their places empty, so the hair and scar swatches (and
        // the sheet's size) stay put from step to step.
        swatches += [ProjectorSheet.Swatch](repeating: .init(colour: .white, key: ""), count: result.sessions.count - session)
        if let hairLab = result.colours.hairLab {
            swatches.append(.init(colour: Self.asSeen(hairLab), key: "hair"))
        }
        for scar in scarSwatches(after: session) {
            swatches.append(.init(colour: scar.colour, key: scar.key == nil ? "scar" : "S\(session) on scar", category: scar.key))
        }
        // The close-up keeps its scale either way: the dots are judged there. The whole head is
        // left out where the same report shows it in the head views (`closeUpOnly`).
        var panels = [(image: patch(after: session, centre: centre), caption: text.captions[0])]
        if !closeUpOnly { panels.append((overview(after: session, centre: centre), text.captions[1])) }
        return ProjectorSheet.compose(title: text.title, panels: panels, swatches: swatches, slots: swatchSlots)
    }
}
