import ScalpModel
import Yams

/// Reads the plan's `areas:` list: each area's kind, shape, feathered edge, density and (for
/// FUE fields) generated scars; then checks every shape against the client's head chart, so a
/// bow-tie polygon, a non-positive radius or an area off the scalp stops the plan at read time
/// with the file, line and field.
extension PlanBuilder {
    static let areaKeys = ["kind", "shape", "centre_mm", "radius_mm", "points_mm", "transition_mm",
                           "target_density_per_cm2", "remaining_hair_fraction", "count", "diameter_mm"]

    func buildAreas(_ node: Node, seed: UInt64, client: Plan.Client, design: Plan.Design) throws(PlanError) -> [TreatmentArea] {
        let items = try reader.sequence(node, "areas")
        guard !items.isEmpty else { throw reader.error(node, "areas", "expected at least one area, found an empty list (leave areas: out to treat the whole pattern)") }
        guard items.count <= 50 else { throw reader.error(node, "areas", "expected at most 50 areas, found \(items.count)") }
        var areas: [TreatmentArea] = []
        var maps: [[String: Node]] = []
        for (i, item) in items.enumerated() {
            let f = "areas[\(i)]"
            let m = try reader.mapping(item, f, allowed: Self.areaKeys)
            maps.append(m)
            let kinds = TreatmentArea.Kind.allCases.map(\.rawValue).joined(separator: ", ")
            let kind: TreatmentArea.Kind = try choice(
                reader.required(m, "kind", in: f, expected: "an area kind: one of \(kinds)", at: item), "\(f).kind", what: "area kind")
            let shapeNode = try reader.required(m, "shape", in: f, expected: "a shape: circle (centre_mm, radius_mm) or polygon (points_mm)", at: item)
            let shapeName = try reader.text(shapeNode, "\(f).shape", expected: "a shape: circle or polygon")
            let shape: TreatmentArea.Shape
            switch shapeName.lowercased() {
            case "circle":
                for key in ["points_mm"] where m[key] != nil {
                    throw reader.error(m[key], "\(f).\(key)", "a circle takes centre_mm and radius_mm, not points_mm")
                }
                let centre = try point(reader.required(m, "centre_mm", in: f, expected: "the circle's centre [x, y] in chart mm", at: item), "\(f).centre_mm")
                let radius = try reader.number(reader.required(m, "radius_mm", in: f, expected: "the circle's radius in mm", at: item),
                                               "\(f).radius_mm", in: 0...TreatmentArea.radiusRange.upperBound, openLower: true, unit: " mm")
                shape = .circle(centre: centre, radiusMM: radius)
            case "polygon":
                for key in ["centre_mm", "radius_mm"] where m[key] != nil {
                    throw reader.error(m[key], "\(f).\(key)", "a polygon takes points_mm, not \(key)")
                }
                let pointsNode = try reader.required(m, "points_mm", in: f, expected: "the polygon's corners [[x, y], …] in chart mm", at: item)
                let list = try reader.sequence(pointsNode, "\(f).points_mm")
                guard list.count <= TreatmentArea.maxPolygonPoints else {
                    throw reader.error(pointsNode, "\(f).points_mm", "expected at most \(TreatmentArea.maxPolygonPoints) points, found \(list.count)")
                }
                var points: [ChartPoint] = []
                for (k, p) in list.enumerated() { points.append(try point(p, "\(f).points_mm[\(k)]")) }
                shape = .polygon(points)
            default:
                throw reader.error(shapeNode, "\(f).shape", "unknown shape '\(shapeName)'; expected one of: circle, polygon")
            }
            var area = TreatmentArea(kind: kind, shape: shape)
            if let n = m["transition_mm"] {
                area.transitionMM = try reader.number(n, "\(f).transition_mm", in: TreatmentArea.transitionRange, unit: " mm")
            }
            if let n = m["target_density_per_cm2"] {
                area.targetDensityPerCM2 = try reader.number(n, "\(f).target_density_per_cm2", in: 0...400, openLower: true, unit: " impressions/cm²")
            }
            if let n = m["remaining_hair_fraction"] {
                guard area.statesRemainingHair else {
                    throw reader.error(n, "\(f).remaining_hair_fraction", "only a thinning area or an FUE donor field (scar-fue) states its remaining hair; a \(kind.rawValue) is bald inside")
                }
                area.remainingHairFraction = try reader.number(n, "\(f).remaining_hair_fraction", in: 0...1)
                if area.remainingHairFraction == 1 {
                    throw reader.error(n, "\(f).remaining_hair_fraction", "expected a fraction below 1: an area with all its hair needs no impressions")
                }
            }
            if m["count"] != nil || m["diameter_mm"] != nil {
                guard kind == .scarFUE else {
                    let key = m["count"] != nil ? "count" : "diameter_mm"
                    throw reader.error(m[key], "\(f).\(key)", "count and diameter_mm generate FUE scars; they need kind: scar-fue")
                }
                let countNode = try reader.required(m, "count", in: f, expected: "how many FUE scars to generate", at: item)
                let r = TreatmentArea.FUEScars.countRange
                let count = try reader.integer(countNode, "\(f).count", in: UInt64(r.lowerBound)...UInt64(r.upperBound))
                let diameter = try m["diameter_mm"].map { n throws(PlanError) in
                    try reader.number(n, "\(f).diameter_mm", in: TreatmentArea.FUEScars.diameterRange, unit: " mm") } ?? 0.9
                area.fueScars = .init(count: Int(count), diameterMM: diameter)
            }
            areas.append(area)
        }
        do {
            let chart = try HeadChartCache.shared.chart(circumferenceMM: client.headCircumferenceMM)
            _ = try AreaLayout(areas: areas, chart: chart, seed: seed)
        } catch let e as AreaError {
            let m = maps[e.index]
            throw reader.error(m[e.field] ?? items[e.index], "areas[\(e.index)].\(e.field)", e.message)
        } catch {
            throw reader.error(node, "areas", "\(error)")
        }
        return areas
    }

    /// `[x, y]` in chart mm.
    private func point(_ node: Node, _ field: String) throws(PlanError) -> ChartPoint {
        let items = try reader.sequence(node, field)
        guard items.count == 2 else {
            throw reader.error(node, field, "expected a point [x, y] in chart mm, found a list of \(items.count)")
        }
        return ChartPoint(x: try reader.number(items[0], "\(field)[0]", in: -1000...1000, unit: " mm"),
                          y: try reader.number(items[1], "\(field)[1]", in: -1000...1000, unit: " mm"))
    }
}
