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
    /// Where the values that the engine checks again (against the dot point-spread table, the
    /// optics) were written, so its errors still name file:line. Deliberately not part of a
    /// plan's identity: `SourceLocations` compare equal whatever their lines, so a plan read
    /// from JSON equals the same plan read from YAML and the studio's cache keys on values.
    public var locations = SourceLocations()

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
        /// Skin tone preset, resolved from `client.skin` ("monk-4", "Fitzpatrick IV") when read.
        public var skin: SkinPreset
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

    /// The hair colour to match: a name from `Data/hair/` with its colour, resolved when the plan
    /// is read, or CIELAB written in the plan.
    public enum HairColour: Sendable, Equatable {
        case named(String, lab: Lab)
        case lab(L: Double, a: Double, b: Double)

        public var lab: Lab {
            switch self {
            case .named(_, let lab): lab
            case .lab(let L, let a, let b): Lab(L: L, a: a, b: b)
            }
        }

        /// The library name, nil for explicit Lab.
        public var name: String? {
            if case .named(let name, _) = self { name } else { nil }
        }
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
        /// The pigment, resolved from its name in `Data/pigments/` when the plan is read.
        public var pigment: Pigment
        public var dilution: Double
        /// Where the pigment lies: along the needle track (default) or only near the tip (too deep).
        public var deposit: DepositKind = .needleTrack
        /// Needle grouping (`1RL` one needle, `3RL`, `5RL`, `7RL` round groups): sets the healed
        /// column's footprint (`HealingModel`).
        public var grouping: NeedleGrouping = .rl1
    }
}

/// A plan field the engine may still refuse after reading (the reader refuses the rest itself),
/// as a typed key: its path is spelled in one place, `description`.
public enum PlanField: Hashable, Sendable, CustomStringConvertible {
    case clientSkin
    case session(Int, SessionField)

    public enum SessionField: String, Hashable, Sendable {
        case needle = "needle_mm", depth = "depth_mm", dilution, pigment
    }

    /// The field's path as messages name it: `client.skin`, `sessions[1].depth_mm`.
    public var description: String {
        switch self {
        case .clientSkin: "client.skin"
        case .session(let i, let field): "sessions[\(i)].\(field.rawValue)"
        }
    }
}

/// Lines of a plan's `PlanField`s in its file. Equal whatever the lines (see `Plan.locations`):
/// where a value was written is not part of the plan.
public struct SourceLocations: Sendable, Equatable {
    var lines: [PlanField: Int] = [:]

    public init() {}

    public subscript(field: PlanField) -> Int? {
        get { lines[field] }
        set { lines[field] = newValue }
    }

    /// Deliberately always true: see `Plan.locations`.
    public static func == (_: SourceLocations, _: SourceLocations) -> Bool { true }
}

extension PlanError {
    /// An error about `field` of `plan`, at the line the plan file wrote it (when read from one).
    public init(file: String, _ field: PlanField, of plan: Plan, message: String) {
        self.init(file: file, line: plan.locations[field], field: field.description, message: message)
    }
}
