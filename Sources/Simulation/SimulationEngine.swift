import Fading
import Foundation
import Impressions
import Plans
import ScalpModel
import Support

/// Runs plans: loads the reference data once, then turns each plan into a `SimulationResult`.
///
/// The engine is a value holding only immutable data (and `HeadChartCache`, locked, whose charts
/// are pure functions of the circumference), so one engine can simulate many plans concurrently. Every random choice is drawn from streams derived from the plan's seed, so the
/// same plan and seed give identical results on any machine and thread count.
public struct SimulationEngine: Sendable {
    public let data: DataLibrary
    public let atlas: NorwoodAtlas
    public let colourLibrary: ColourLibrary
    public let fadeLibrary: FadeLibrary
    /// Thresholds of the plan review (`Data/review/rules.json`).
    public let reviewRules: ReviewRules
    public var healing = HealingModel()
    /// Raster resolution of the scalp fields (residual hair, treatment, target), mm.
    public var cellSizeMM = 1.0
    /// Smoothing of the density heatmap, mm: wide enough to average over ~30 dots at 110/cm².
    public var heatmapSmoothingMM = 3.0
    /// Use all cores inside one plan (per-session metrics, images). Batch runs turn this off and
    /// run plans side by side instead.
    public var parallelWithinPlan = true
    /// Seeds the touch-up date is reported over (the plan's own and `count − 1` derived ones).
    /// 1, the default, is the plan's seed alone: batches and benchmarks run thousands of plans
    /// and pay for each seed's placement (about 4.7 × the compute of a plan without pictures).
    /// The commands that run one plan for a person (`stipple simulate`, `stipple review`) set
    /// `TouchUpSeeds.count`.
    public var touchUpSeedCount = 1
    /// Where this run's numbers come from (commit, data hash, command line), copied into every
    /// result for `report.json`; nil (no `provenance` in reports) unless the caller sets it.
    public var provenance: RunProvenance?
    /// Set by a caller that may stop this run early (the studio, when a newer change from the
    /// same page arrives): checked between sessions and stages, where `simulate` then throws
    /// `.cancelled`. nil (every command): never stops. Results do not depend on it.
    public var cancellation: CancellationFlag?
    /// Head charts already built, by circumference (shared by copies of the engine).
    let headCharts = HeadChartCache()
    /// The last few plans' dot positions, by what placement reads (shared by copies of the engine).
    let placements = PlacementCache()

    public init(data: DataLibrary) throws(SimulationError) {
        self.data = data
        do { atlas = try NorwoodAtlas.load(from: data.norwood) } catch { throw .scalp(error) }
        do { fadeLibrary = try FadeLibrary(dataDirectory: data.root) } catch { throw .colour("fade models: \(error)") }
        do { colourLibrary = try ColourLibrary(data: data, healing: fadeLibrary.healing) } catch { throw .colour(error.description) }
        reviewRules = try ReviewRules(data: data)
    }

    /// The plan review with this engine's rules, colours and fade models.
    public var reviewer: PlanReviewer { PlanReviewer(rules: reviewRules, colours: colourLibrary, fades: fadeLibrary) }

    /// The plan reader for this engine's plans: skin, pigment and hair names resolved in this
    /// engine's data folder, depths checked against its skin model (stages are read leniently:
    /// "IIIv", "5a"…).
    public var planReader: PlanReader {
        PlanReader(vocabulary: PlanVocabulary(skins: colourLibrary.skins, pigments: colourLibrary.pigments, hair: colourLibrary.hair))
    }

    /// A plan reader with the located data folder's names (`PlanVocabulary.located`, loaded once).
    public static var defaultPlanReader: PlanReader { PlanReader() }

    /// Builds the client's scalp: head chart, Norwood stage and designed hairline.
    public func scalp(for plan: Plan) throws(SimulationError) -> (chart: HeadChart, map: ScalpMap) {
        try scalp(circumferenceMM: plan.client.headCircumferenceMM, hairLoss: plan.client.hairLoss, design: plan.design,
                  areas: plan.areas, seed: plan.seed)
    }

    /// The scalp from the plan fields it reads (`PlacementInputs` holds the same).
    func scalp(circumferenceMM: Double, hairLoss stage: HairLossStage, design planDesign: Plan.Design, areas: [TreatmentArea],
               seed: UInt64) throws(SimulationError) -> (chart: HeadChart, map: ScalpMap) {
        do {
            let chart = try headCharts.chart(circumferenceMM: circumferenceMM)
            let h = planDesign.hairline
            let design = try HairlineDesign(
                heightAboveBrowMM: h.heightAboveBrowMM,
                shape: h.shape,
                transitionMM: h.transitionMM, irregularity: h.irregularity,
                seed: SeedStreams.seed(seed, stream: SeedStreams.hairline))
            let map = try ScalpMap(chart: chart, atlas: atlas, hairLoss: stage, hairline: design, cellSizeMM: cellSizeMM)
            guard !areas.isEmpty else { return (chart, map) }
            let layout = try AreaLayout(areas: areas, chart: chart, seed: seed)
            return (chart, map.applying(layout, designPerCM2: planDesign.targetDensityPerCM2))
        } catch let e as AreaError {
            throw .invalidPlan(e.description)
        } catch let e as SimulationError {
            throw e
        } catch let e as ScalpModelError {
            throw .scalp(e)
        } catch {
            throw .invalidPlan("\(error)")
        }
    }

    /// Simulates every session of `plan` in order. `source` names the plan in the report.
    public func simulate(_ plan: Plan, source: String) throws(SimulationError) -> SimulationResult {
        let colours: ClientColours
        do { colours = try colourLibrary.colours(for: plan, file: source, healing: healing) } catch { throw .plan(error) }
        try stopIfCancelled()
        // The touch-up date over other seeds needs only where their dots fall (no metrics, no
        // pictures): placed here, beside the plan's own, on all cores when the plan may use them.
        let seeds = TouchUpSeeds.seeds(for: plan, count: touchUpSeedCount)
        let placements = try parallelMap(seeds, parallel: parallelWithinPlan) { seed -> Result<PlacedDots, SimulationError> in
            var p = plan
            p.seed = seed
            do throws(SimulationError) { return .success(try placeDots(p)) } catch { return .failure(error) }
        }.map { r throws(SimulationError) in try r.get() }
        try stopIfCancelled()
        let own = placements[0]
        let (chart, scalp, hair, target, rule) = (own.site.chart, own.site.scalp, own.site.hair, own.site.target, own.site.rule)
        let impressions = own.impressions, placed = own.placed
        let metricsOptions = SpacingMetricsOptions(mergeGapMM: plan.design.mergeGapMM)
        // One position analysis per session (neighbour index, NN statistics), kept for the
        // follow-ups, which see the same dots grown.
        let allDots = impressions
        let spacingChart = SpacingChart(regions: scalp.regions, target: target)
        let measured = parallelMap(placed.map(\.total), parallel: parallelWithinPlan) { total in
            let dots = Array(allDots.prefix(total))
            let analysis = SpacingAnalysis(positionsOf: dots, chart: spacingChart)
            return (analysis: analysis, report: analysis.report(dots, options: metricsOptions))
        }
        try stopIfCancelled()
        let sessions = zip(placed, measured).map { p, m in
            var s = SessionResult(number: p.number, plan: p.session, healedDiameterMM: p.diameter, newImpressions: p.new,
                                  expectedNewImpressions: p.expected, totalImpressions: p.total, metrics: m.report)
            s.perceived = hair?.perceived(dots: Array(allDots.prefix(p.total)))
            return s
        }
        var result = SimulationResult(plan: plan, source: source, chart: chart, scalp: scalp, target: target, rule: rule,
                                      healing: healing, parallel: parallelWithinPlan, colours: colours, outlook: nil,
                                      impressions: impressions, sessions: sessions)
        result.hair = hair
        result.provenance = provenance
        let others = placements.dropFirst().map {
            TouchUpCensus(impressions: $0.impressions, sessions: plan.sessions.count, regions: $0.site.scalp.regions, target: $0.site.target, hair: $0.site.hair)
        }
        result.outlook = try outlook(for: result, spacing: measured.map(\.analysis), seeds: Array(seeds.dropFirst()), censuses: others)
        try stopIfCancelled()
        result.areaOutcomes = try areaOutcomes(for: result)
        try stopIfCancelled()
        result.review = reviewer.review(result)
        return result
    }

    /// An interruption point: throws `.cancelled` once `cancellation` is set (`CancellationFlag`).
    func stopIfCancelled() throws(SimulationError) {
        if let cancellation, cancellation.checkpoint() { throw .cancelled }
    }

    /// Follow-ups, fade curves and the touch-up schedule: independent jobs, run side by side
    /// when the plan may use all cores (the touch-up search, the longest, first).
    /// `spacing`: each session's `SpacingAnalysis` if the caller has them (else rebuilt).
    /// `seeds`/`censuses`: the other seeds' placements, for the touch-up date's spread.
    package func outlook(for result: SimulationResult, spacing: [SpacingAnalysis]? = nil,
                         seeds: [UInt64] = [], censuses: [TouchUpCensus] = []) throws(SimulationError) -> FadeOutlook {
        let evaluator = try FadeEvaluator(result: result, engine: self, spacing: spacing)
        enum Part: Sendable { case touchUp(TouchUpSchedule), curves([[SessionLook]]), followUp(FollowUp) }
        enum Job: Sendable { case touchUp, curves, followUp(Double) }
        let jobs: [Job] = [.touchUp, .curves] + result.plan.followUpDays.map { .followUp($0) }
        let parts = parallelMap(jobs, parallel: parallelWithinPlan) { job -> Result<Part, SimulationError> in
            do throws(SimulationError) {
                try stopIfCancelled()
                switch job {
                case .touchUp: return .success(.touchUp(try TouchUpSeeds.schedule(evaluator: evaluator, seeds: seeds, censuses: censuses)))
                case .curves: return .success(.curves(try Self.fadeCurves(evaluator)))
                case .followUp(let day): return .success(.followUp(try evaluator.followUp(day: day)))
                }
            } catch { return .failure(error) }
        }
        // Errors surface in the order the parts were always computed: follow-ups, curves, touch-up.
        var followUps: [FollowUp] = [], curves: [[SessionLook]] = [], touchUp: TouchUpSchedule?
        for part in parts.dropFirst(2) + parts.prefix(2).reversed() {
            switch part {
            case .failure(let error): throw error
            case .success(.followUp(let f)): followUps.append(f)
            case .success(.curves(let c)): curves = c
            case .success(.touchUp(let t)): touchUp = t
            }
        }
        return FadeOutlook(model: result.plan.fading.model.name, followUps: followUps, touchUp: touchUp!, curves: curves)
    }

    /// Each session's look every `FadeOutlook.curveStepDays`, to the last follow-up or five
    /// years after the first session, whichever is later.
    static func fadeCurves(_ evaluator: FadeEvaluator) throws(SimulationError) -> [[SessionLook]] {
        let plan = evaluator.result.plan
        let first = plan.sessions[0].day
        let horizon = max(1825, (plan.followUpDays.max() ?? 0) - first) + first
        var curves: [[SessionLook]] = []
        for (i, s) in plan.sessions.enumerated() {
            var looks: [SessionLook] = []
            var age = 0.0
            while s.day + age <= horizon {
                looks.append(try evaluator.look(i, age: age))
                age += FadeOutlook.curveStepDays
            }
            curves.append(looks)
        }
        return curves
    }
}
