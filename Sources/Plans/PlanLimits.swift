import Impressions
import ScalpModel
import SkinOptics

/// The value a plan field takes when the file leaves it out, declared once: the reader applies
/// these, the templates write them, the studio's page shows them (`/api/choices`) and the CLI's
/// `color query` starts from them.
public enum PlanDefaults {
    /// `client.skin` (a Monk tone in the middle of the scale).
    public static let skin = "monk-4"
    /// `sessions[].pigment`.
    public static let pigment = "carbon-black"
    /// `sessions[].dilution`: undiluted ink.
    public static let dilution = 1.0
    /// `client.native_hair_density`, hairs/cm² (Barman 1965: 175–300, mean 223).
    public static let nativeHairDensity = 220.0
    /// `client.head_circumference_mm` (Pheasant: men ≈ 57 cm).
    public static let headCircumferenceMM = 570.0
    /// `client.skin_oiliness`.
    public static let skinOiliness = SkinOiliness.normal
    /// `seed`.
    public static let seed: UInt64 = 1
}

/// The limits of a plan's numeric fields: the physical ones from `PhysicalLimits` (one
/// declaration for the reader, the optics, the fading, the CLI and the studio) and the ones only
/// a plan has. `docs/plan-schema.md`'s limits table is `markdownTable` (a test keeps them equal).
public struct PlanLimits: Sendable {
    public let physical: PhysicalLimits

    public init(_ physical: PhysicalLimits) { self.physical = physical }

    /// `sessions[].depth_mm`: the skin model's needle depths (`Data/skin/model.json`).
    public var depthMM: PhysicalRange { physical.needleDepthMM }
    /// `sessions[].dilution`.
    public static let dilution = PhysicalLimits.dilution
    /// `client.hair_colour` L and a, b.
    public static let hairL = PhysicalLimits.hairL
    public static let hairAB = PhysicalLimits.hairAB
    /// `sessions[].needle_mm`: the healing model's needles.
    public static let needleMM = PhysicalRange(HealingModel.needleRangeMM, unit: " mm")
    public static let nativeHairDensity = PhysicalRange(0...600, unit: " hairs/cm²")
    public static let headCircumferenceMM = PhysicalRange(450...680, unit: " mm")

    /// The limits of a session's numeric fields by key (`depth_mm`, `dilution`, `needle_mm`): what
    /// the studio's page sets its sliders from.
    public var sessionFields: [String: PhysicalRange] {
        ["depth_mm": depthMM, "dilution": Self.dilution, "needle_mm": Self.needleMM]
    }

    /// One row per limited field: path, range, default and where the limit comes from.
    public var rows: [(field: String, range: PhysicalRange, defaultValue: String, source: String)] {
        [("sessions[].depth_mm", depthMM, "required",
          "`Data/skin/model.json`: below `epidermisThicknessMM` (\(PhysicalRange.text(physical.epidermisMM)) mm), at most `maxPigmentDepthMM`"),
         ("sessions[].dilution", Self.dilution, PhysicalRange.text(PlanDefaults.dilution), "pigment fraction of the ink mixture"),
         ("sessions[].needle_mm", Self.needleMM, "required", "`HealingModel.needleRangeMM`"),
         ("client.hair_colour.L", Self.hairL, "none", "CIELAB L*"),
         ("client.hair_colour.a, .b", Self.hairAB, "none", "8-bit CIELAB range (`Data/hair/` colours: a* 0–14, b* 1.5–20)"),
         ("client.native_hair_density", Self.nativeHairDensity, PhysicalRange.text(PlanDefaults.nativeHairDensity), "Barman 1965: 175–300, mean 223"),
         ("client.head_circumference_mm", Self.headCircumferenceMM, PhysicalRange.text(PlanDefaults.headCircumferenceMM), "adult heads")]
    }

    /// The limits as the Markdown table in `docs/plan-schema.md`.
    public var markdownTable: String {
        var out = "| field | accepted | default | from |\n|---|---|---|---|\n"
        for r in rows { out += "| `\(r.field)` | \(r.range) | \(r.defaultValue) | \(r.source) |\n" }
        return out
    }
}
