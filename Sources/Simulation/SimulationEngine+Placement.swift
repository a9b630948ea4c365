import Support
import Impressions
import Plans
import ScalpModel
import Support

/// One plan's dots placed on its scalp, before anything is measured: what `simulate` measures
/// for the plan's own seed, and all the touch-up spread needs of the other seeds.
struct PlacedDots: Sendable {
    let chart: HeadChart
    let scalp: ScalpMap
    let hair: HairAmongDots?
    let target: ScalarField
    let rule: SpacingRule
    let impressions: [Impression]
    let placed: [(number: Int, session: Plan.Session, diameter: Double, new: Int, expected: Double, total: Int)]
}

extension SimulationEngine {
    /// Builds the scalp for `plan` (and its seed) and places every session in order: each
    /// session builds on the dots of the earlier ones, so this part is sequential.
    func placeDots(_ plan: Plan) throws(SimulationError) -> PlacedDots {
        let (chart, scalp) = try scalp(for: plan)
        // Diffuse thinning (Ludwig, Savin): dots fill the shortfall among the remaining hair.
        // A plan with areas treats only them (ScalpMap.applying), each area's target already the
        // shortfall against its stated hair, and follicles are not generated.
        let hair = plan.client.hairLoss.scale.isDiffuseThinning && plan.areas.isEmpty
            ? HairAmongDots(scalp: scalp, designPerCM2: plan.design.targetDensityPerCM2,
                            nativeHairDensity: plan.client.nativeHairDensity,
                            hairsPerUnit: reviewRules.density.hairsPerFollicularUnit,
                            seed: SeedStreams.seed(plan.seed, stream: SeedStreams.follicles))
            : nil
        let target = hair?.shortfall ?? scalp.areaTarget ?? scalp.targetDensity(designPerCM2: plan.design.targetDensityPerCM2)
        let rule = SpacingRule(factor: plan.design.spacingFactor, floorMM: plan.design.minSpacingMM)
        var options = PoissonDiskOptions()
        options.spreadEvenly = plan.design.placement == .even
        let oiliness = plan.client.skinOiliness
        var impressions: [Impression] = []
        var placed: [(number: Int, session: Plan.Session, diameter: Double, new: Int, expected: Double, total: Int)] = []
        // FUE scars get a dot each in the first session (ScarDotting; none without FUE areas).
        let scarDots = ScarDotting.centres(scalp, target: target, rule: rule)
        for (index, session) in plan.sessions.enumerated() {
            try stopIfCancelled()
            let number = UInt16(index + 1)
            let seeded = index == 0 ? scarDots : []
            let seed = SeedStreams.seed(plan.seed, stream: SeedStreams.session(index))
            let placement = if let hair {
                placeSessionDetailed(
                    finalTarget: hair.sessionTarget(fraction: session.fractionOfTarget), fractionOfTarget: 1,
                    existing: hair.follicles + impressions.map { SIMD2($0.x, $0.y) }, rule: rule, seed: seed, options: options)
            } else {
                placeSessionDetailed(
                    finalTarget: target, fractionOfTarget: session.fractionOfTarget,
                    existing: impressions.map { SIMD2($0.x, $0.y) } + seeded, rule: rule, seed: seed, options: options)
            }
            let positions = seeded + placement.positions
            let diameter = healing.healedDiameterMM(needleMM: session.needleMM, grouping: session.grouping, depthMM: session.depthMM, skin: oiliness)
            impressions += healing.impressions(at: positions, needleMM: session.needleMM, grouping: session.grouping,
                                               depthMM: session.depthMM, skin: oiliness, session: number)
            placed.append((Int(number), session, diameter, positions.count, placement.expectedNew + Double(seeded.count), impressions.count))
        }
        return PlacedDots(chart: chart, scalp: scalp, hair: hair, target: target, rule: rule, impressions: impressions, placed: placed)
    }
}
