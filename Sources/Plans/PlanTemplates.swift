
/// Starting plans for trainees (`stipple init`), each a commented YAML file that runs as is and
/// shows one lesson: good layering, or one classic mistake to see before touching a client.
public enum PlanTemplate: String, CaseIterable, Sendable {
    case demo, threeSession = "three-session", tooFast = "too-fast", tooDeep = "too-deep", tooClose = "too-close"
    case alopeciaPatch = "alopecia-patch", fueScars = "fue-scars", stripScar = "strip-scar"
    case ludwigII = "ludwig-ii"

    public var summary: String {
        switch self {
        case .demo: return "the trainer's demo: 30 → 70 → 100 % over three sessions, lighter shade first"
        case .threeSession: return "a plain three-session plan to edit"
        case .tooFast: return "mistake: all density in one session"
        case .tooDeep: return "mistake: pigment placed 1.5 mm deep (blurred, blue-grey)"
        case .tooClose: return "mistake: dots allowed far too close, placed irregularly (merging)"
        case .alopeciaPatch, .fueScars, .stripScar: return areaSummary
        case .ludwigII: return thinningSummary
        }
    }

    /// Each of three sessions' dilution as a fraction of the finishing one: lighter first, but
    /// gently (**assumption**: a first layer at 60 % of a shade light enough to match brown hair
    /// fades past the touch-up thresholds within 2 years in the fade model; 80 % does not).
    public static let shadeLadder = [0.8, 0.9, 1.0]

    /// The shade a solver chose for the client (`stipple color solve`): the finishing layer's
    /// pigment, dilution and needle depth.
    public struct Shade: Sendable {
        public var pigment: String, dilution: Double, depthMM: Double
        public init(pigment: String, dilution: Double, depthMM: Double) {
            self.pigment = pigment
            self.dilution = dilution
            self.depthMM = depthMM
        }
    }

    /// The plan text for a client of `stage` and `skin`. `hair` is the hair colour line's value
    /// (a name or `{L: …, a: …, b: …}`); with a `shade`, the sound templates' sessions use its
    /// pigment and depth, and build its dilution lighter first (`shadeLadder`: 80 % → 90 % →
    /// 100 % of it), as practitioners shade up over sessions (Data/SOURCES.md "Review thresholds
    /// and fixes").
    public func text(stage: String, skin: String, hair: String = "dark-brown", shade: Shade? = nil) -> String {
        if self == .ludwigII { return thinningText(skin: skin, hair: hair, shade: shade) }
        var sessions: String
        var design = """
              target_density_per_cm2: 110   # impressions/cm² where the scalp is bald
              spacing_factor: 0.7           # no two dots closer than 0.7/√λ (0.7 ≈ 0.67 mm at 110/cm²)
              placement: even               # even (experienced hand) | random (untrained hand)
              merge_gap_mm: 0.05            # dots closer than r1 + r2 + 0.05 mm count as merging
            """
        switch self {
        case .demo, .threeSession:
            sessions = """
                  - {day: 0,  fraction_of_target: 0.3, needle_mm: 0.25, depth_mm: 0.60, pigment: carbon-black, dilution: 0.5}
                  - {day: 14, fraction_of_target: 0.7, needle_mm: 0.20, depth_mm: 0.60, pigment: carbon-black, dilution: 0.7}
                  - {day: 35, fraction_of_target: 1.0, needle_mm: 0.18, depth_mm: 0.55, pigment: carbon-black, dilution: 0.85}
                """
        case .tooFast:
            sessions = """
                  # Everything at once: no chance to judge healing and correct between layers.
                  - {day: 0, fraction_of_target: 1.0, needle_mm: 0.30, depth_mm: 0.9, pigment: carbon-black, dilution: 1.0}
                """
        case .tooDeep:
            sessions = """
                  # 1.5 mm is well below the upper dermis, and the ink is released near the tip
                  # (deposit: deep, a blow-out): dots spread, lighten and turn blue-grey.
                  - {day: 0,  fraction_of_target: 0.3, needle_mm: 0.25, depth_mm: 1.5, pigment: carbon-black, dilution: 0.5, deposit: deep}
                  - {day: 14, fraction_of_target: 0.7, needle_mm: 0.20, depth_mm: 1.5, pigment: carbon-black, dilution: 0.7, deposit: deep}
                  - {day: 35, fraction_of_target: 1.0, needle_mm: 0.18, depth_mm: 1.5, pigment: carbon-black, dilution: 0.85, deposit: deep}
                """
        case .ludwigII:
            return ""   // handled by thinningText above
        case .tooClose:
            design = """
                  target_density_per_cm2: 150   # denser than needed
                  spacing_factor: 0.2           # dots allowed at 20 % of the mean spacing (0.16 mm here)
                  placement: random             # placed anywhere the rule allows: clusters and gaps
                  merge_gap_mm: 0.05
                """
            sessions = """
                  - {day: 0,  fraction_of_target: 0.5, needle_mm: 0.30, depth_mm: 0.7, pigment: carbon-black, dilution: 0.8}
                  - {day: 14, fraction_of_target: 1.0, needle_mm: 0.30, depth_mm: 0.7, pigment: carbon-black, dilution: 1.0}
                """
        case .alopeciaPatch, .fueScars, .stripScar:
            return areaText(stage: stage, skin: skin, hair: hair)
        }
        if let shade, self == .demo || self == .threeSession {
            func f(_ x: Double) -> String { String(format: "%.2f", x) }
            let d = Self.shadeLadder.map { min(1, max(0.02, (shade.dilution * $0 * 100).rounded() / 100)) }
            let z = (shade.depthMM * 100).rounded() / 100
            sessions = """
                  # Shade from `stipple color solve` for this skin and hair: \(shade.pigment), dilution \(f(shade.dilution)),
                  # needle depth \(f(shade.depthMM)) mm; built lighter first (80 % → 90 % → 100 % of that dilution).
                  - {day: 0,  fraction_of_target: 0.3, needle_mm: 0.25, depth_mm: \(f(z)), pigment: \(shade.pigment), dilution: \(f(d[0]))}
                  - {day: 14, fraction_of_target: 0.7, needle_mm: 0.20, depth_mm: \(f(z)), pigment: \(shade.pigment), dilution: \(f(d[1]))}
                  - {day: 35, fraction_of_target: 1.0, needle_mm: 0.18, depth_mm: \(f(z)), pigment: \(shade.pigment), dilution: \(f(d[2]))}
                """
        }
        return """
            # Stipple plan (template: \(rawValue): \(summary)).
            # Run it:   stipple simulate THIS_FILE --out out/\(rawValue)
            # Fields, units and allowed values: docs/plan-schema.md.
            name: \(rawValue)-norwood-\(stage.replacingOccurrences(of: " ", with: "-"))
            seed: 1                          # change it to see another random layout of the same plan
            client:
              norwood: \(stage)              # I, II, IIa, III, IIIa, III vertex, IV, IVa, V, Va, VI, VII
              skin: \(skin)                  # monk-1 … monk-10, fitzpatrick-1 … 6, caucasian-forehead, chinese-forehead
              native_hair_density: 220       # hairs/cm² (175–300 typical)
              hair_colour: \(hair)        # or {L: 22, a: 3, b: 5.5}
              skin_oiliness: normal          # dry | normal | oily (oily skin spreads dots)
              head_circumference_mm: 570
            design:
              hairline: {height_above_brow_mm: 75, shape: rounded, transition_mm: 8, irregularity: 0.4}
            \(design)
            sessions:                        # fraction_of_target is cumulative
            \(sessions)
            follow_up_days: [30, 180, 365, 1095, 1825]
            preview: {position: hairline}    # hairline | mid-scalp | crown

            """
    }
}
