import Foundation

/// The diffuse-thinning template: a Ludwig II client, density added among her remaining hair.
extension PlanTemplate {
    var thinningSummary: String { "female pattern (Ludwig II): density added among the remaining hair, frontal hairline kept" }

    /// Plan text of the `ludwig-ii` template (the Norwood `--stage` does not apply). With a
    /// `shade`, sessions use its pigment and depth, built lighter first as the other templates.
    func thinningText(skin: String, hair: String, shade: Shade?) -> String {
        let dilutions = shade.map { s in PlanTemplate.shadeLadder.map { min(1, max(0.02, (s.dilution * $0 * 100).rounded() / 100)) } } ?? [0.5, 0.65, 0.8]
        let pigment = shade?.pigment ?? PlanDefaults.pigment
        let depths = shade.map { s in Array(repeating: (s.depthMM * 100).rounded() / 100, count: 3) } ?? [0.55, 0.55, 0.50]
        func f(_ x: Double) -> String { String(format: "%.2f", x) }
        let shadeNote = shade.map { "  # Shade from `stipple color solve`: \($0.pigment), dilution \(f($0.dilution)), depth \(f($0.depthMM)) mm; lighter first.\n" } ?? ""
        return """
            # Stipple plan (template: \(rawValue): \(summary)).
            # Run it:   stipple simulate THIS_FILE --out out/\(rawValue)
            # Fields, units and allowed values: docs/plan-schema.md and docs/female-pattern.md.
            # Among hair, impressions fill the shortfall: max(0, design density − remaining hair),
            # placed in the gaps between follicles and never closer to one than the spacing rule.
            name: \(rawValue)
            seed: 1                          # change it to see another random layout of the same plan
            client:
              hair_loss: {scale: ludwig, stage: II}   # ludwig: I, II, III; savin: I-1 … I-4, II-1, II-2, III, advanced, frontal
              skin: \(skin)                  # monk-1 … monk-10, fitzpatrick-1 … 6, caucasian-forehead, chinese-forehead
              native_hair_density: 220       # hairs/cm² before thinning (≈ 110 follicular units/cm²)
              hair_colour: \(hair)        # or {L: 22, a: 3, b: 5.5}
              skin_oiliness: normal          # dry | normal | oily (oily skin spreads dots)
              head_circumference_mm: 550
            design:
              target_density_per_cm2: 110   # perceived density to reach: remaining hair + impressions
              spacing_factor: 0.7           # no dot closer than 0.7/√λ to another dot or to a hair
              placement: even
              merge_gap_mm: 0.05
            sessions:                        # fraction_of_target: cumulative share of the shortfall
            \(shadeNote)  - {day: 0,  fraction_of_target: 0.4, needle_mm: 0.20, depth_mm: \(f(depths[0])), pigment: \(pigment), dilution: \(f(dilutions[0]))}
              - {day: 21, fraction_of_target: 0.75, needle_mm: 0.18, depth_mm: \(f(depths[1])), pigment: \(pigment), dilution: \(f(dilutions[1]))}
              - {day: 42, fraction_of_target: 1.0, needle_mm: 0.18, depth_mm: \(f(depths[2])), pigment: \(pigment), dilution: \(f(dilutions[2]))}
            follow_up_days: [30, 180, 365, 1095, 1825]
            preview: {position: mid-scalp}   # the close-up sits inside the thinning region

            """
    }
}
