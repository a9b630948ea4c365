import Foundation
@testable import Plans
import ScalpModel
import Testing

/// The plan's `areas:` list: what it reads, its defaults, and a clear error (file:line, field,
/// what was expected) for each bad shape.
@Suite("Plan areas: reading, defaults, and errors with file:line and field")
struct PlanAreaTests {
    let reader = PlanReader()

    func plan(areas: String, preview: String = "") -> String {
        """
        client: {norwood: I}
        design: {target_density_per_cm2: 110}
        sessions:
          - {day: 0, fraction_of_target: 0.5, needle_mm: 0.25, depth_mm: 0.6}
          - {day: 14, fraction_of_target: 1.0, needle_mm: 0.2, depth_mm: 0.6}
        areas:
        \(areas)
        \(preview)
        """
    }

    @Test("circle and polygon areas are read with their defaults; the close-up goes to the first area")
    func reads() throws {
        let p = try reader.parse(plan(areas: """
              - {kind: alopecia-patch, shape: circle, centre_mm: [30, 120], radius_mm: 12}
              - kind: thinning
                shape: polygon
                points_mm: [[-40, 140], [-20, 140], [-20, 160], [-40, 160]]
                transition_mm: 5
                target_density_per_cm2: 90
                remaining_hair_fraction: 0.5
              - {kind: scar-fue, shape: circle, centre_mm: [0, 230], radius_mm: 20, count: 50}
            """), file: "a.yaml")
        #expect(p.areas.count == 3)
        #expect(p.areas[0] == TreatmentArea(kind: .alopeciaPatch, shape: .circle(centre: .init(x: 30, y: 120), radiusMM: 12)))
        #expect(p.areas[0].transitionMM == 3)
        #expect(p.areas[0].targetDensityPerCM2 == nil)
        #expect(p.areas[1].kind == .thinning && p.areas[1].transitionMM == 5 && p.areas[1].targetDensityPerCM2 == 90)
        #expect(p.areas[1].remainingHairFraction == 0.5)
        #expect(p.areas[2].fueScars == .init(count: 50, diameterMM: 0.9))
        #expect(p.previewPosition == .area)
        // Without areas the plan is unchanged: nothing listed, close-up on the hairline.
        let plain = try reader.parse(plan(areas: "").replacingOccurrences(of: "areas:\n", with: ""), file: "b.yaml")
        #expect(plain.areas.isEmpty && plain.previewPosition == .hairline)
    }

    struct Bad: Sendable, CustomTestStringConvertible {
        let name: String, areas: String, line: Int, field: String, message: String
        var testDescription: String { name }
    }

    /// Line numbers count from the plan's first line (`areas:` is line 6, the first item line 7).
    static let bad: [Bad] = [
        .init(name: "polygon with two points", areas: "  - {kind: custom, shape: polygon, points_mm: [[0, 120], [10, 120]]}",
              line: 7, field: "areas[0].points_mm", message: "at least 3 points"),
        .init(name: "self-intersecting polygon", areas: "  - {kind: custom, shape: polygon, points_mm: [[0, 120], [10, 130], [10, 120], [0, 130]]}",
              line: 7, field: "areas[0].points_mm", message: "crosses itself"),
        .init(name: "negative radius", areas: "  - {kind: alopecia-patch, shape: circle, centre_mm: [0, 120], radius_mm: -5}",
              line: 7, field: "areas[0].radius_mm", message: "greater than 0"),
        .init(name: "zero radius", areas: "  - {kind: alopecia-patch, shape: circle, centre_mm: [0, 120], radius_mm: 0}",
              line: 7, field: "areas[0].radius_mm", message: "greater than 0"),
        .init(name: "circle without radius", areas: "  - {kind: alopecia-patch, shape: circle, centre_mm: [0, 120]}",
              line: 7, field: "areas[0].radius_mm", message: "missing"),
        .init(name: "second area off the chart", areas: "  - {kind: custom, shape: circle, centre_mm: [0, 120], radius_mm: 5}\n  - {kind: custom, shape: circle, centre_mm: [0, 300], radius_mm: 10}",
              line: 8, field: "areas[1].centre_mm", message: "leaves the scalp chart"),
        .init(name: "polygon off the chart", areas: "  - kind: scar-strip\n    shape: polygon\n    points_mm: [[0, 250], [10, 250], [10, 290]]",
              line: 9, field: "areas[0].points_mm", message: "leaves the scalp chart"),
        .init(name: "unknown kind", areas: "  - {kind: keloid, shape: circle, centre_mm: [0, 120], radius_mm: 5}",
              line: 7, field: "areas[0].kind", message: "alopecia-patch, scar-strip, scar-fue, thinning, custom"),
        .init(name: "unknown shape", areas: "  - {kind: custom, shape: square, centre_mm: [0, 120], radius_mm: 5}",
              line: 7, field: "areas[0].shape", message: "circle, polygon"),
        .init(name: "circle with points", areas: "  - {kind: custom, shape: circle, points_mm: [[0, 1], [1, 1], [1, 0]]}",
              line: 7, field: "areas[0].points_mm", message: "centre_mm and radius_mm"),
        .init(name: "point with three numbers", areas: "  - {kind: custom, shape: circle, centre_mm: [0, 120, 3], radius_mm: 5}",
              line: 7, field: "areas[0].centre_mm", message: "[x, y]"),
        .init(name: "remaining hair on a patch", areas: "  - {kind: alopecia-patch, shape: circle, centre_mm: [0, 120], radius_mm: 5, remaining_hair_fraction: 0.5}",
              line: 7, field: "areas[0].remaining_hair_fraction", message: "bald inside"),
        .init(name: "FUE count on a strip", areas: "  - {kind: scar-strip, shape: circle, centre_mm: [0, 120], radius_mm: 5, count: 10}",
              line: 7, field: "areas[0].count", message: "kind: scar-fue"),
        .init(name: "too many FUE scars", areas: "  - {kind: scar-fue, shape: circle, centre_mm: [0, 230], radius_mm: 3, count: 400}",
              line: 7, field: "areas[0].count", message: "cannot fit inside this shape"),
        .init(name: "transition too narrow", areas: "  - {kind: custom, shape: circle, centre_mm: [0, 120], radius_mm: 5, transition_mm: 0.2}",
              line: 7, field: "areas[0].transition_mm", message: "from 1 to 30"),
        .init(name: "unknown field", areas: "  - {kind: custom, shape: circle, centre_mm: [0, 120], radius_mm: 5, feather: 2}",
              line: 7, field: "areas[0].feather", message: "unknown field"),
        .init(name: "empty list", areas: "  []", line: 7, field: "areas", message: "at least one area"),
    ]

    @Test("each bad area fails with its line, field and what was expected", arguments: bad)
    func errors(_ c: Bad) {
        #expect {
            try reader.parse(plan(areas: c.areas), file: "bad.yaml")
        } throws: { error in
            guard let e = error as? PlanError else { return false }
            let ok = e.file == "bad.yaml" && e.line == c.line && e.field == c.field && e.message.contains(c.message)
            if !ok { Issue.record("got \(e)") }
            return ok
        }
    }

    @Test("preview position 'area' needs areas")
    func previewNeedsAreas() {
        let text = """
            client: {norwood: I}
            design: {target_density_per_cm2: 110}
            sessions:
              - {day: 0, fraction_of_target: 1.0, needle_mm: 0.25, depth_mm: 0.6}
            preview: {position: area}
            """
        #expect {
            try reader.parse(text, file: "p.yaml")
        } throws: { error in
            guard let e = error as? PlanError else { return false }
            return e.line == 5 && e.field == "preview.position" && e.message.contains("lists no areas")
        }
    }
}
