import Impressions
import Plans
import ScalpModel
import Support

/// One plan's dots placed on its scalp and healed, before anything is measured: what `simulate`
/// measures for the plan's own seed, and all the touch-up spread needs of the other seeds.
struct PlacedDots: Sendable {
    /// The scalp, target, rule and where each session's dots fall (shared between plans that
    /// differ only in shade: `PlacementCache`).
    let site: PlacedPositions
    let impressions: [Impression]
    let placed: [(number: Int, session: Plan.Session, diameter: Double, new: Int, expected: Double, total: Int)]
}

extension SimulationEngine {
    /// Builds the scalp for `plan` (and its seed) and places every session in order, then gives
    /// each session's dots their healed size. The positions come from `placements` when a plan
    /// with the same `PlacementInputs` was placed recently.
    func placeDots(_ plan: Plan) throws(SimulationError) -> PlacedDots {
        let inputs = PlacementInputs(plan, cellSizeMM: cellSizeMM)
        let site: PlacedPositions
        if let hit = placements.placed(inputs) {
            site = hit
        } else {
            site = try positions(for: inputs)
            placements.insert(site, for: inputs)
        }
        let oiliness = plan.client.skinOiliness
        var impressions: [Impression] = []
        var placed: [(number: Int, session: Plan.Session, diameter: Double, new: Int, expected: Double, total: Int)] = []
        for (index, (session, s)) in zip(plan.sessions, site.sessions).enumerated() {
            let number = UInt16(index + 1)
            let diameter = healing.healedDiameterMM(needleMM: session.needleMM, grouping: session.grouping, depthMM: session.depthMM, skin: oiliness)
            impressions += healing.impressions(at: s.positions, needleMM: session.needleMM, grouping: session.grouping,
                                               depthMM: session.depthMM, skin: oiliness, session: number)
            placed.append((Int(number), session, diameter, s.positions.count, s.expected, impressions.count))
        }
        return PlacedDots(site: site, impressions: impressions, placed: placed)
    }

    /// Where every session's dots fall: each session builds on the dots of the earlier ones, so
    /// this part is sequential. Reads only `inputs` (see `PlacementInputs`).
    func positions(for inputs: PlacementInputs) throws(SimulationError) -> PlacedPositions {
        let (chart, scalp) = try scalp(circumferenceMM: inputs.headCircumferenceMM, hairLoss: inputs.hairLoss,
                                       design: inputs.design, areas: inputs.areas, seed: inputs.seed)
        // Diffuse thinning (Ludwig, Savin): dots fill the shortfall among the remaining hair.
        // A plan with areas treats only them (ScalpMap.applying), each area's target already the
        // shortfall against its stated hair, and follicles are not generated.
        let hair = inputs.hairLoss.scale.isDiffuseThinning && inputs.areas.isEmpty
            ? HairAmongDots(scalp: scalp, designPerCM2: inputs.design.targetDensityPerCM2,
                            nativeHairDensity: inputs.nativeHairDensity,
                            hairsPerUnit: reviewRules.density.hairsPerFollicularUnit,
                            seed: SeedStreams.seed(inputs.seed, stream: SeedStreams.follicles))
            : nil
        let target = hair?.shortfall ?? scalp.areaTarget ?? scalp.targetDensity(designPerCM2: inputs.design.targetDensityPerCM2)
        let rule = SpacingRule(factor: inputs.design.spacingFactor, floorMM: inputs.design.minSpacingMM)
        var options = PoissonDiskOptions()
        options.spreadEvenly = inputs.design.placement == .even
        var existing: [SIMD2<Double>] = []
        var sessions: [(positions: [SIMD2<Double>], expected: Double)] = []
        // FUE scars get a dot each in the first session (ScarDotting; none without FUE areas).
        let scarDots = ScarDotting.centres(scalp, target: target, rule: rule)
        for (index, fraction) in inputs.fractions.enumerated() {
            try stopIfCancelled()
            let seeded = index == 0 ? scarDots : []
            let seed = SeedStreams.seed(inputs.seed, stream: SeedStreams.session(index))
            let placement = if let hair {
                placeSessionDetailed(
                    finalTarget: hair.sessionTarget(fraction: fraction), fractionOfTarget: 1,
                    existing: hair.follicles + existing, rule: rule, seed: seed, options: options)
            } else {
                placeSessionDetailed(
                    finalTarget: target, fractionOfTarget: fraction,
                    existing: existing + seeded, rule: rule, seed: seed, options: options)
            }
            let positions = seeded + placement.positions
            existing += positions
            sessions.append((positions, placement.expectedNew + Double(seeded.count)))
        }
        return PlacedPositions(chart: chart, scalp: scalp, hair: hair, target: target, rule: rule, sessions: sessions)
    }
}
