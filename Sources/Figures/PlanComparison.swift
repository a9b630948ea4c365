import Foundation
import Rendering
import Reports
import Simulation
import SkinOptics
import Support

/// Two plans' final results shown side by side at the same spot of the scalp, so a trainer can
/// put "correct depth" next to "too deep" (or any two variants) in one picture.
public enum PlanComparison {
    /// The side-by-side PNG and a plain-text summary of the differences.
    public static func compare(_ a: SimulationResult, _ b: SimulationResult) throws(SimulationError) -> (png: [UInt8], summary: String) {
        // Both patches at plan A's preview spot, after each plan's last session.
        let centre = AppearanceRenderer.patchCentre(a, position: a.plan.previewPosition)
        var panels: [AppearanceSheet.Panel] = []
        var swatches: [AppearanceSheet.Swatch] = []
        var lines: [String] = ["plan  session  depth_mm  dilution  healed_hex     L*  dE00_skin  undertone  merge_pairs  coverage"]
        func pad(_ s: String, _ n: Int) -> String { s.padding(toLength: max(n, s.count), withPad: " ", startingAt: 0) }
        for (tag, r) in [("A", a), ("B", b)] {
            let renderer = AppearanceRenderer(result: r)
            let last = r.sessions.count
            let colour = r.colours.sessions[last - 1]
            let metrics = r.sessions[last - 1].metrics.all
            panels.append(.init(image: renderer.patch(after: last, centre: centre), caption: [
                "\(tag): \(r.plan.name)",
                "after session \(last): \(colour.pigment), depth \(CSV.number(colour.depthMM)) mm, dilution \(CSV.number(colour.dilution))",
                "ΔE00 to skin \(CSV.number(colour.contrastDeltaE00.rounded(places: 1))), \(colour.undertone.rawValue); merge pairs \(metrics.mergePairs)",
            ]))
            swatches.append(.init(colour: renderer.sessionColour(last - 1), label: ["\(tag): \(colour.srgbHex)",
                AppearanceRenderer.lab(colour.lab)]))
            lines.append(pad(tag, 4) + String(format: "  %7d  %8.2f  %8.2f  ", last, colour.depthMM, colour.dilution)
                         + pad(colour.srgbHex, 10) + String(format: "  %5.1f  %9.2f  ", colour.lab.L, colour.contrastDeltaE00)
                         + pad(colour.undertone.rawValue, 9)
                         + String(format: "  %11d  %7.2f%%", metrics.mergePairs, metrics.coveredFraction * 100))
        }
        let image = AppearanceSheet.compose(
            title: "\(a.plan.name)  vs  \(b.plan.name)",
            subtitle: "same \(a.plan.previewPosition.rawValue) spot, 40 × 30 mm at 20 px/mm, after each plan's last session",
            panels: panels, swatches: swatches)
        let png: [UInt8]
        do { png = try PNGCodec.encode(image) } catch { throw .rendering(error.description) }
        lines.append("ΔE00 between the two healed colours: \(CSV.number(deltaE2000(a.colours.sessions.last!.lab, b.colours.sessions.last!.lab).rounded(places: 2)))")
        return (png, lines.joined(separator: "\n"))
    }
}
