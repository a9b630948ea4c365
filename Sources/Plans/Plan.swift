import Fading
import Impressions
import ScalpModel
import SkinOptics

/// A client's multi-session SMP plan, as read from a plan file and validated.
///
/// Field names follow the plan file (snake_case there, camelCase here). Defaults are applied at
/// read time, so a `Plan` is always complete; `PlanReader` documents each default. Every choice
/// from a fixed list (oiliness, hairline shape, placement, fade model, preview position) is an
/// enum resolved once, when the file is read, so nothing downstream re-parses text or falls
/// back silently to a default.
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
    /// Hand-drawn treatment areas (`areas:`); when any are given only they are treated.
    public var areas: [TreatmentArea] = []
    /// How the pigment fades after each session (`fading:` in the plan).
    public var fading = Fading()
    /// When a region needs a touch-up (`touch_up:` in the plan).
    public var touchUp = TouchUp()
    /// Where each value came from in the plan file, so checks made after reading (skin,
    /// pigment and hair names against `Data/`) still report file:line.
    public var sourceLines = SourceLines()

    /// Line numbers by field path (`client.skin`, `sessions[1].pigment`). Not part of a plan's
    /// identity: two plans with the same values are equal wherever their values were written.
    public struct SourceLines: Sendable, Equatable {
        public var lines: [String: Int] = [:]
        public init() {}
        public subscript(field: String) -> Int? { lines[field] }
        public static func == (_: SourceLines, _: SourceLines) -> Bool { true }
    }

    /// How dots are placed within a session.
    public enum Placement: String, Sendable, Equatable, CaseIterable {
        /// Each session spread as evenly as its density allows (an experienced artist).
        case even
        /// Dots anywhere at least the spacing rule apart (an untrained hand).
        case random
    }

    public struct Fading: Sendable, Equatable {
        /// Fade model (see `stipple fade simulate --help`): mono, bi, weibull, uv, compartment.
        public var model = FadeModelKind.bi
        /// Sun exposure of the scalp, 0 (always covered) … 1 (always exposed); 0.5 is the reference.
        public var sunExposure = 0.5
        /// Overrides of the model's default parameters (names as in `Data/fade/models.json`).
        public var parameters: [String: Double] = [:]
        public init() {}
    }

    public struct TouchUp: Sendable, Equatable {
        /// A region needs a touch-up once its dots' colour has moved this far from the healed
        /// colour (ΔE00; 1 ≈ just noticeable side by side). Default 3 (**assumption**: the whole
        /// scalp fades together, so the change is judged against the memory of the healed result,
        /// not side by side, and colour memory is coarser than a side-by-side comparison).
        public var maxDeltaE00 = 3.0
        /// … or once its perceived density falls below this fraction of the target. Default 0.9
        /// (**assumption**: a 10 % visual loss; with the default fade model this lands a touch-up
        /// 3–6 years out, the interval practitioners report, Data/SOURCES.md).
        public var minPerceivedFraction = 0.9
        public init() {}
    }

    public struct Client: Sendable, Equatable {
        /// Skin tone preset, e.g. "monk-4" (used by the optics issue; kept verbatim here).
        public var skin: String
        /// Stage on a hair-loss scale: `client.hair_loss: {scale: norwood|ludwig|savin, stage: …}`
        /// or, for the male pattern, `client.norwood: V` (written leniently: "V", "5", "IIIv").
        public var hairLoss: HairLossStage
        /// The Norwood stage; nil for a female-pattern (Ludwig, Savin) client.
        public var norwood: NorwoodStage? { hairLoss.norwood }
        /// Native hair density, hairs/cm² (Barman 1965: 175–300, mean ≈ 223; Data/SOURCES.md).
        public var nativeHairDensity: Double
        /// The hair colour the impressions should match: a name from `Data/hair/` or explicit Lab.
        public var hairColour: HairColour?
        /// Oily skin spreads healed dots.
        public var skinOiliness: SkinOiliness
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
        /// The first listed area (the default when a plan lists areas).
        case area
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
        public var placement: Placement
        /// Extra gap added to the sum of healed radii when counting merge pairs, mm.
        public var mergeGapMM: Double
    }

    public struct Hairline: Sendable, Equatable {
        public var heightAboveBrowMM: Double
        public var shape: HairlineDesign.Shape
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
        /// Where the pigment lies: along the needle track (default) or only near the tip (too deep).
        public var deposit: DepositKind = .needleTrack
        /// Needle grouping (`1RL` one needle, `3RL`, `5RL`, `7RL` round groups): sets the healed
        /// column's footprint (`HealingModel`).
        public var grouping: NeedleGrouping = .rl1
    }
}
