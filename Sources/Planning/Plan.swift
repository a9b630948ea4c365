/// A client's multi-session SMP plan, as read from a plan file and validated.
///
/// Field names follow the plan file (snake_case there, camelCase here). Defaults are applied at
/// read time, so a `Plan` is always complete; `PlanReader` documents each default.
public struct Plan: Sendable, Equatable {
    public var name: String
    public var client: Client
    public var design: Design
    /// Seed of every random process in the simulation; same plan + seed → identical outputs.
    public var seed: UInt64
    public var sessions: [Session]
    /// Days after the first session at which to report follow-ups (used by the fading issue).
    public var followUpDays: [Double]
    /// Centre of the appearance close-up (default: the hairline).
    public var previewPosition: PreviewPosition

    public struct Client: Sendable, Equatable {
        /// Skin tone preset, e.g. "monk-4" (used by the optics issue; kept verbatim here).
        public var skin: String
        /// Hamilton–Norwood stage as written in the atlas, e.g. "V" or "III vertex".
        public var norwood: String
        /// Native hair density, hairs/cm² (DOMAIN: 175–300, mean ≈ 223).
        public var nativeHairDensity: Double
        /// The hair colour the impressions should match: a name from `Data/hair/` or explicit Lab.
        public var hairColour: HairColour?
        /// "dry", "normal" or "oily": oily skin spreads healed dots.
        public var skinOiliness: String
        /// Head circumference, mm; sizes the head chart.
        public var headCircumferenceMM: Double
    }

    public enum HairColour: Sendable, Equatable {
        case named(String)
        case lab(L: Double, a: Double, b: Double)
    }

    /// Where the appearance close-up is taken.
    public enum PreviewPosition: String, Sendable, Equatable, CaseIterable {
        case hairline, midScalp = "mid-scalp", crown
    }

    public struct Design: Sendable, Equatable {
        public var hairline: Hairline
        /// Impressions/cm² the finished work should reach where the scalp is bald.
        public var targetDensityPerCM2: Double
        /// Spacing rule: no two dots closer than max(minSpacingMM, spacingFactor / sqrt(λ)), with λ
        /// the design density in dots/mm². 0.7 keeps dots at least 70 % of the mean spacing apart.
        public var spacingFactor: Double
        /// Absolute minimum centre-to-centre spacing, mm (0 = derived from density only).
        public var minSpacingMM: Double
        /// "even": each session spread as evenly as its density allows (experienced artist).
        /// "random": dots anywhere at least the rule apart (an untrained hand).
        public var placement: String
        /// Extra gap added to the sum of healed radii when counting merge pairs, mm.
        public var mergeGapMM: Double
    }

    public struct Hairline: Sendable, Equatable {
        public var heightAboveBrowMM: Double
        /// "straight", "rounded", "widows-peak" or "mature".
        public var shape: String
        public var transitionMM: Double
        public var irregularity: Double
    }

    public struct Session: Sendable, Equatable {
        public var day: Double
        /// Cumulative fraction of the design density reached after this session (0…1].
        public var fractionOfTarget: Double
        public var needleMM: Double
        public var depthMM: Double
        public var pigment: String
        public var dilution: Double
    }
}
