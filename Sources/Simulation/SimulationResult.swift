import Impressions
import Plans
import ScalpModel

/// Everything one plan's simulation produced, before it is written out.
public struct SimulationResult: Sendable {
    public let plan: Plan
    public let source: String
    public let chart: HeadChart
    public let scalp: ScalpMap
    /// Design target density, impressions/cm² (100 % of the plan).
    public let target: ScalarField
    public let rule: SpacingRule
    public let healing: HealingModel
    /// Whether output rendering may use all cores (copied from the engine).
    public let parallel: Bool
    /// Skin, hair target and each session's healed colour.
    public let colours: ClientColours
    /// Fading at the follow-up days and the touch-up schedule (set by `SimulationEngine.simulate`).
    public internal(set) var outlook: FadeOutlook?
    /// What a trainer would point out (`PlanReviewer`; set by `SimulationEngine.simulate`).
    public internal(set) var review: [ReviewFinding] = []
    /// Per treatment area (`areas:` in the plan): density reached, and for scars the colour
    /// match and retention (set by `SimulationEngine.simulate`; empty without areas).
    public internal(set) var areaOutcomes: [AreaOutcome] = []
    /// All impressions of all sessions, in session order.
    public let impressions: [Impression]
    public let sessions: [SessionResult]
    /// Remaining hair as follicles and the shortfall targets (Ludwig/Savin plans; nil for Norwood).
    public internal(set) var hair: HairAmongDots? = nil
    /// The run's commit, data hash and command line (`SimulationEngine.provenance`).
    public internal(set) var provenance: RunProvenance? = nil

    /// The field the spacing rule is evaluated on: the design target, or, among hair, the
    /// perceived target (hair + shortfall), since dots keep their distance from hair too.
    public var spacingTarget: ScalarField { hair?.perceivedTarget ?? target }
}

/// One session's outcome: what it added and the metrics of all dots after it.
public struct SessionResult: Sendable {
    public let number: Int
    public let plan: Plan.Session
    public let healedDiameterMM: Double
    public let newImpressions: Int
    /// What the session should have added given the target (the sampler's expectation).
    public let expectedNewImpressions: Double
    public let totalImpressions: Int
    /// Cumulative metrics (sessions 1…number), per region and for the whole scalp.
    public let metrics: SpacingReport
    /// Hair + dots over the treated area after this session (Ludwig/Savin plans; nil for Norwood).
    public internal(set) var perceived: PerceivedDensity? = nil
}

/// Fading after the sessions: the plan's follow-up days and the touch-up schedule.
public struct FadeOutlook: Sendable {
    public let model: String
    public let followUps: [FollowUp]
    public let touchUp: TouchUpSchedule
    /// Per session: its look every `curveStepDays` from placement to `curveHorizonDays` after
    /// the first session (the data behind fade_curves.png / .csv).
    public let curves: [[SessionLook]]
    public static let curveStepDays = 15.0
}

/// Why a plan could not be simulated.
public enum SimulationError: Error, CustomStringConvertible, Sendable {
    case invalidPlan(String)
    /// A field of the plan is unusable (names file and field).
    case plan(PlanError)
    case colour(String)
    case scalp(ScalpModelError)
    case rendering(String)
    /// A data file under `Data/` is missing or malformed.
    case data(String)
    /// The run was stopped at an interruption point (`SimulationEngine.cancellation`): a newer
    /// request replaced it. Not a fault of the plan; callers that cancel drop the run quietly.
    case cancelled

    public var description: String {
        switch self {
        case .invalidPlan(let m): return "invalid plan: \(m)"
        case .plan(let e): return e.description
        case .colour(let m): return "colour data: \(m)"
        case .scalp(let e): return "scalp model: \(e)"
        case .rendering(let m): return "rendering: \(m)"
        case .data(let m): return "data: \(m)"
        case .cancelled: return "cancelled: a newer request replaced this run"
        }
    }
}
