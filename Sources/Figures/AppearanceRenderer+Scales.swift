import Foundation
import Rendering
import Simulation
import SkinOptics
import Support

/// The two viewing scales beside the close-up: a macro view like trichoscopy, where each dot
/// spans ≥ 8 pixels and its soft edge, merges and colour can be judged, and the look at
/// conversational distance, where the eye no longer resolves single dots and a sound plan must
/// read as shaved hair while a too-dense or merged one reads as a flat "helmet".
///
/// Display assumptions (labelled, Data/SOURCES.md):
/// - macro: 10 × 7.5 mm at 64 px/mm, centred on the close-up's centre;
/// - conversational distance: the close-up's 40 × 30 mm seen from `viewingDistanceMM` = 1 m by
///   an eye whose blur is a Gaussian of FWHM `acuityArcmin` = 2 arcmin (twice the 1-arcmin
///   resolution limit of 20/20 vision: the contrast a viewer notices at conversational
///   distance, not the finest line that can be resolved), i.e. 0.58 mm on the scalp; drawn at
///   16 px/mm.
extension AppearanceRenderer {
    static let macroWidthMM = 10.0, macroHeightMM = 7.5, macroPixelsPerMM = 64.0
    static let viewingDistanceMM = 1000.0, acuityArcmin = 2.0, distancePixelsPerMM = 16.0

    /// FWHM (mm on the scalp) of the eye's blur at the viewing distance.
    static var distanceBlurFWHMMM: Double { viewingDistanceMM * acuityArcmin / 60 * Double.pi / 180 }

    /// The macro view after `session` (1-based).
    func macro(after session: Int, centre: (x: Double, y: Double)) -> RGBImage {
        var image = render(after: session, centre: centre, widthMM: Self.macroWidthMM, heightMM: Self.macroHeightMM,
                           pixelsPerMM: Self.macroPixelsPerMM)
        Self.drawScaleBar(&image, pixelsPerMM: Self.macroPixelsPerMM)
        return image
    }

    /// The close-up's area as seen at conversational distance after `session`: drawn at half
    /// the output resolution (the blur is 4.7 of its pixels wide, so nothing is lost), blurred,
    /// then doubled.
    func atDistance(after session: Int, centre: (x: Double, y: Double)) -> RGBImage {
        let scale = Self.distancePixelsPerMM / 2
        let sharp = render(after: session, centre: centre, widthMM: Self.patchWidthMM, heightMM: Self.patchHeightMM,
                           pixelsPerMM: scale)
        let sigmaPixels = Self.distanceBlurFWHMMM / 2.3548 * scale
        return GaussianBlur.apply(sharp, sigmaPixels: sigmaPixels).upscaled(by: 2)
    }

    /// A 1 mm bar in the lower left, dark on a light halo so it reads on any skin.
    static func drawScaleBar(_ image: inout RGBImage, pixelsPerMM: Double) {
        let length = Int(pixelsPerMM.rounded()), x0 = 12, y0 = image.height - 18
        for y in (y0 - 2)..<(y0 + 8) {
            for x in (x0 - 2)..<(x0 + length + 2) where x >= 0 && y >= 0 && x < image.width && y < image.height {
                let inner = y >= y0 && y < y0 + 6 && x >= x0 && x < x0 + length
                let k = 3 * (y * image.width + x)
                let v: UInt8 = inner ? 20 : 245
                image.bytes[k] = v; image.bytes[k + 1] = v; image.bytes[k + 2] = v
            }
        }
    }

    /// The words of `macro_session<N>.png` (`SheetText`: short in the picture, details as HTML).
    static func macroText(_ result: SimulationResult, session: Int) -> SheetText {
        let look = result.colours.sessions[session - 1].dot
        return SheetText(
            title: "Macro and at 1 m, after session \(session)",
            captions: ["macro 10 × 7.5 mm; bar = 1 mm", "the close-up seen at 1 m"],
            details: [
                "Left: macro, 10 × 7.5 mm at 64 px/mm, as under a dermatoscope. Latest dot: column \(Int((look.diameterMM * 1000).rounded())) µm, "
                    + "looks \(Int((look.apparentFWHMMM * 1000).rounded())) µm across (FWHM), centre L* \(CSV.number(look.centreLab.L.rounded(places: 1))).",
                "Right: the close-up's 40 × 30 mm at 1 m; the eye's blur \(CSV.number((distanceBlurFWHMMM * 100).rounded() / 100)) mm (2 arcmin, assumption): dots merge into a tone.",
                "Dots drawn by their pigment column's light transport; overlaps add in absorbance; colours as seen.",
            ])
    }

    /// `macro_session<N>.png`: the macro view and the look at conversational distance.
    func macroPNG(after session: Int) throws(SimulationError) -> [UInt8] {
        let centre = Self.patchCentre(result, position: result.plan.previewPosition)
        // At the hairline the close-up straddles the soft transition; the macro looks 5 mm
        // further back, where the design's full density is.
        let macroCentre = result.plan.previewPosition == .hairline && Self.thinningPatchCentre(result) == nil
            ? (x: centre.x, y: centre.y + 5) : centre
        let text = Self.macroText(result, session: session)
        // The two panels are independent: drawn side by side on two cores (a live change in
        // `stipple serve` waits for this one picture), the same pixels as one after the other.
        let me = self
        let panels = parallelMap([0, 1], parallel: result.parallel) { k in
            k == 0 ? me.macro(after: session, centre: macroCentre) : me.atDistance(after: session, centre: centre)
        }
        let image = ProjectorSheet.compose(
            title: text.title,
            panels: [(panels[0], text.captions[0]), (panels[1], text.captions[1])],
            swatches: [], slots: 0)
        return try encoding.encode(image)
    }
}
