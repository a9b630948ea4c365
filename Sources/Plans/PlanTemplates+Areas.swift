/// The area templates (`stipple init --template alopecia-patch | fue-scars | strip-scar`): plans
/// that treat only hand-drawn areas (`areas:`), each showing what trainers teach for that case —
/// soft-edged patches, scar tissue that takes and holds pigment less well, more sessions.
extension PlanTemplate {
    var isAreaTemplate: Bool { self == .alopeciaPatch || self == .fueScars || self == .stripScar }

    var areaSummary: String {
        switch self {
        case .alopeciaPatch: return "alopecia areata: two bald patches (a circle and a polygon) with soft 4 mm edges"
        case .fueScars: return "FUE donor scars: 700 small round scars (0.9 mm) generated over the back, camouflaged among the hair"
        case .stripScar: return "FUT strip scar: a 7 mm linear scar across the back, four sessions"
        default: return summary
        }
    }

    func areaText(stage: String, skin: String, hair: String) -> String {
        let areas: String, sessions: String, intro: String
        switch self {
        case .alopeciaPatch:
            intro = """
                # Alopecia areata: round or irregular bald patches inside hair. Only the areas are
                # treated; the transition_mm band outside each patch feathers the density to 0 so
                # the edge melts into the hair around it (no stamped circle).
                """
            areas = """
                  - kind: alopecia-patch
                    shape: circle
                    centre_mm: [35, 120]           # chart mm, as in dots.csv (x to the right, y from the brow)
                    radius_mm: 12
                    transition_mm: 4               # feathered edge outside the patch
                  - kind: alopecia-patch
                    shape: polygon                 # corners in order around the outline
                    points_mm: [[-50, 150], [-28, 144], [-22, 165], [-38, 178], [-55, 168]]
                    transition_mm: 4
                    target_density_per_cm2: 100    # default: design.target_density_per_cm2
                """
            sessions = """
                  - {day: 0,  fraction_of_target: 0.4, needle_mm: 0.25, depth_mm: 0.60, pigment: carbon-black, dilution: 0.5}
                  - {day: 14, fraction_of_target: 0.8, needle_mm: 0.20, depth_mm: 0.60, pigment: carbon-black, dilution: 0.7}
                  - {day: 35, fraction_of_target: 1.0, needle_mm: 0.18, depth_mm: 0.55, pigment: carbon-black, dilution: 0.85}
                """
        case .fueScars:
            intro = """
                # FUE donor area: hundreds of small round white scars over the back of the head.
                # The scars are generated (seeded) inside the polygon; dots go over the whole field,
                # among the hair left between the scars. Scar tissue is paler, takes pigment less
                # evenly and fades faster (Data/skin/scar.json): report.json areas[].scar.
                """
            areas = """
                  - kind: scar-fue
                    shape: polygon                 # a band over the occiput (chart mm)
                    points_mm: [[-96.2, 224.2], [-78, 239.4], [-57.5, 251.3], [-35.2, 259.4], [-11.9, 263.5], [11.9, 263.5], [35.2, 259.4], [57.5, 251.3], [78, 239.4], [96.2, 224.2], [76.4, 204.4], [61.9, 216.5], [45.6, 225.9], [28, 232.3], [9.4, 235.6], [-9.4, 235.6], [-28, 232.3], [-45.6, 225.9], [-61.9, 216.5], [-76.4, 204.4]]
                    count: 700                     # FUE scars to generate
                    diameter_mm: 0.9               # 0.8–1.0 mm punches are typical
                    remaining_hair_fraction: 0.6   # hair left between the scars (default 0)
                    transition_mm: 5
                """
            sessions = """
                  - {day: 0,  fraction_of_target: 0.4, needle_mm: 0.20, depth_mm: 0.60, pigment: carbon-black, dilution: 0.6}
                  - {day: 21, fraction_of_target: 0.8, needle_mm: 0.18, depth_mm: 0.60, pigment: carbon-black, dilution: 0.8}
                  - {day: 49, fraction_of_target: 1.0, needle_mm: 0.18, depth_mm: 0.55, pigment: carbon-black, dilution: 0.85}
                """
        default:
            intro = """
                # FUT strip scar: one linear scar across the back where the donor strip was cut.
                # Scar tissue takes ink less readily and holds it less well, so plan four sessions;
                # the 6 mm transition blends the dots into the hair on both sides of the scar.
                """
            areas = """
                  - kind: scar-strip
                    shape: polygon                 # a 7 mm band along the occiput (chart mm)
                    points_mm: [[-61.5, 243.7], [-46.9, 250.3], [-31.7, 255.1], [-16, 258], [0, 259], [16, 258], [31.7, 255.1], [46.9, 250.3], [61.5, 243.7], [58.2, 237.5], [44.4, 243.8], [30, 248.3], [15.1, 251.1], [0, 252], [-15.1, 251.1], [-30, 248.3], [-44.4, 243.8], [-58.2, 237.5]]
                    transition_mm: 6
                """
            sessions = """
                  - {day: 0,  fraction_of_target: 0.3,  needle_mm: 0.20, depth_mm: 0.60, pigment: carbon-black, dilution: 0.6}
                  - {day: 21, fraction_of_target: 0.6,  needle_mm: 0.18, depth_mm: 0.60, pigment: carbon-black, dilution: 0.75}
                  - {day: 49, fraction_of_target: 0.85, needle_mm: 0.18, depth_mm: 0.55, pigment: carbon-black, dilution: 0.85}
                  - {day: 90, fraction_of_target: 1.0,  needle_mm: 0.18, depth_mm: 0.55, pigment: carbon-black, dilution: 0.9}
                """
        }
        return """
            # Stipple plan (template: \(rawValue): \(areaSummary)).
            \(intro)
            # Run it:   stipple simulate THIS_FILE --out out/\(rawValue)
            # Fields, units and allowed values: docs/plan-schema.md (the plan file and "Areas").
            name: \(rawValue)-norwood-\(stage.replacingOccurrences(of: " ", with: "-"))
            seed: 1
            client:
              norwood: \(stage)              # the hair-loss pattern: says where hair remains (only the areas are treated)
              skin: \(skin)
              native_hair_density: 220
              hair_colour: \(hair)
              skin_oiliness: normal
              head_circumference_mm: 570     # the chart (and the areas' coordinates) are for this head
            design:
              target_density_per_cm2: 110   # each area's default density where its skin is bald
              spacing_factor: 0.7
              placement: even
              merge_gap_mm: 0.05
            areas:                          # when given, only these are treated
            \(areas)
            sessions:                        # fraction_of_target is cumulative
            \(sessions)
            follow_up_days: [30, 180, 365, 1095, 1825]
            preview: {position: area}        # the close-up centres on the first area

            """
    }
}
