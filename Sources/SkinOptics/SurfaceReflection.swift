import Foundation

/// Colour as seen: the light the skin's surface reflects before any enters it, added to the
/// diffuse colour every other `lab` in Stipple reports (specular excluded, as a measuring
/// instrument with a gloss trap reads it).
///
/// Fresnel reflection at the air–stratum corneum step (n ≈ 1.4, `SkinModelConstants`) is
/// ((n − 1)/(n + 1))² ≈ 2.8 % at normal incidence; measured skin gloss puts the surface
/// reflection of skin at about 2–4 % of the light under everyday viewing (sources in
/// Data/SOURCES.md). `viewingShare` = 3 % is the **assumption** Stipple uses: the middle of that
/// range, close to the Fresnel value. It matters for dark colours only: it lifts a full-strength
/// carbon patch from the physical floor (L* ≈ 15–23) to the charcoal a viewer sees (L* ≈ 29–34)
/// and moves light skin by about one L* unit.
public enum SurfaceReflection {
    /// Share of the incident light the surface reflects towards a viewer (**assumption**).
    public static let viewingShare = 0.03

    /// Normal-incidence Fresnel reflectance of a surface of index `n` in air.
    public static func fresnel(refractiveIndex n: Double) -> Double { ((n - 1) / (n + 1)) * ((n - 1) / (n + 1)) }

    /// `lab` (specular excluded) with the surface reflection added: XYZ + share × white.
    public static func asSeen(_ lab: Lab, colorimetry: Colorimetry = .standard) -> Lab {
        adding(share: viewingShare, to: lab, colorimetry: colorimetry)
    }

    /// `lab` with `share` × the white point added in XYZ (a spectrally flat surface reflection).
    public static func adding(share: Double, to lab: Lab, colorimetry: Colorimetry = .standard) -> Lab {
        guard share > 0 else { return lab }
        let c = colorimetry.xyz(lab), w = colorimetry.white
        return colorimetry.lab(XYZ(X: c.X + share * w.X, Y: c.Y + share * w.Y, Z: c.Z + share * w.Z))
    }
}
