import Foundation

/// One area a plan asks to treat (`areas:` in a plan), in the chart coordinates of `dots.csv`
/// (mm; x to the client's right, y from the brow towards the nape).
///
/// When a plan lists areas, only they are treated: the Norwood pattern still says where native
/// hair remains, but impressions go only inside each area's shape and its feathered edge.
/// * Inside the shape the target is `targetDensityPerCM2` (default: the design density) times
///   the hair shortfall, 1 − hair fraction (the same rule as the whole-scalp target).
/// * The transition is a band `transitionMM` wide *outside* the shape: the target tapers to 0
///   across it with a smoothstep, so a patch or scar gets a soft edge instead of a stamped one.
/// * Alopecia patches and scars are bald inside whatever the pattern says (scar tissue has no
///   follicles; an areata patch has lost its hair); a thinning area may state the fraction of
///   native hair that remains; a custom area (or a thinning area that states none) keeps the
///   pattern's residual hair; an FUE donor field is bald unless it states the hair left
///   between its scars (the scars themselves never carry hair). Across the transition the hair fraction blends back to the
///   pattern's, so the hair thins towards the patch as the dots fade out.
public struct TreatmentArea: Sendable, Equatable {
    public enum Kind: String, CaseIterable, Sendable {
        case alopeciaPatch = "alopecia-patch", scarStrip = "scar-strip", scarFUE = "scar-fue", thinning, custom

        /// Scar tissue heals, colours and holds pigment differently (`Data/skin/scar.json`).
        public var isScar: Bool { self == .scarStrip || self == .scarFUE }
    }

    /// The outline of an area on the chart.
    public enum Shape: Sendable, Equatable {
        case circle(centre: ChartPoint, radiusMM: Double)
        /// A simple polygon (closed implicitly; first point not repeated), either orientation.
        case polygon([ChartPoint])
    }

    /// Small round donor scars of follicular-unit extraction, generated inside the shape.
    public struct FUEScars: Sendable, Equatable {
        public var count: Int
        /// Healed scar diameter, mm (punches of 0.8–1.0 mm are typical).
        public var diameterMM: Double
        public init(count: Int, diameterMM: Double) {
            self.count = count
            self.diameterMM = diameterMM
        }
        public static let countRange = 1...5000
        public static let diameterRange = 0.3...3.0
    }

    public var kind: Kind
    public var shape: Shape
    /// Width of the feathered edge outside the shape, mm (default 3).
    public var transitionMM: Double
    /// Impressions/cm² inside the shape where the skin is bald (nil: the design density).
    public var targetDensityPerCM2: Double?
    /// Fraction of native hair left inside a thinning area (nil: the pattern's) or between the
    /// scars of an FUE donor field (nil: bald).
    public var remainingHairFraction: Double?
    /// Only for `scar-fue`: generate this many small round scars inside the shape. Without it
    /// the whole shape is scar tissue.
    public var fueScars: FUEScars?

    public init(kind: Kind, shape: Shape, transitionMM: Double = TreatmentArea.defaultTransitionMM,
                targetDensityPerCM2: Double? = nil, remainingHairFraction: Double? = nil, fueScars: FUEScars? = nil) {
        self.kind = kind
        self.shape = shape
        self.transitionMM = transitionMM
        self.targetDensityPerCM2 = targetDensityPerCM2
        self.remainingHairFraction = remainingHairFraction
        self.fueScars = fueScars
    }

    public static let defaultTransitionMM = 3.0
    /// At least 1 mm so a 1 mm raster cell straddling the shape cannot put dots beyond the band.
    public static let transitionRange = 1.0...30.0
    public static let radiusRange = 0.5...200.0
    public static let maxPolygonPoints = 500

    /// Hair fraction inside the shape that overrides the pattern's (nil: keep the pattern's).
    /// An FUE donor field may state the hair left between its scars (default bald, like the
    /// other scars and patches).
    public var hairInside: Double? {
        switch kind {
        case .thinning: return remainingHairFraction
        case .scarFUE: return remainingHairFraction ?? 0
        case .alopeciaPatch, .scarStrip: return 0
        case .custom: return nil
        }
    }

    /// Whether `remaining_hair_fraction` means something for this kind.
    public var statesRemainingHair: Bool { kind == .thinning || kind == .scarFUE }
}

extension TreatmentArea.Shape {
    /// Signed distance to the outline, mm: negative inside, positive outside.
    public func signedDistance(x: Double, y: Double) -> Double {
        switch self {
        case .circle(let c, let r):
            return hypot(x - c.x, y - c.y) - r
        case .polygon(let p):
            var best = Double.infinity
            var inside = false
            var j = p.count - 1
            for i in 0..<p.count {
                let a = p[j], b = p[i]
                best = min(best, Self.segmentDistance(x, y, a, b))
                if (b.y > y) != (a.y > y), x < (a.x - b.x) * (y - b.y) / (a.y - b.y) + b.x { inside.toggle() }
                j = i
            }
            return inside ? -best : best
        }
    }

    public func contains(x: Double, y: Double) -> Bool { signedDistance(x: x, y: y) <= 0 }

    /// Area enclosed, mm².
    public var areaMM2: Double {
        switch self {
        case .circle(_, let r): return Double.pi * r * r
        case .polygon(let p):
            var twice = 0.0
            for i in p.indices { let a = p[i], b = p[(i + 1) % p.count]; twice += a.x * b.y - b.x * a.y }
            return abs(twice) / 2
        }
    }

    /// Axis-aligned bounds, mm.
    public var bounds: (minX: Double, minY: Double, maxX: Double, maxY: Double) {
        switch self {
        case .circle(let c, let r): return (c.x - r, c.y - r, c.x + r, c.y + r)
        case .polygon(let p):
            return (p.map(\.x).min()!, p.map(\.y).min()!, p.map(\.x).max()!, p.map(\.y).max()!)
        }
    }

    /// Area-weighted centroid (for polygons; the centre for circles).
    public var centroid: ChartPoint {
        switch self {
        case .circle(let c, _): return c
        case .polygon(let p):
            var cx = 0.0, cy = 0.0, twice = 0.0
            for i in p.indices {
                let a = p[i], b = p[(i + 1) % p.count]
                let cross = a.x * b.y - b.x * a.y
                twice += cross; cx += (a.x + b.x) * cross; cy += (a.y + b.y) * cross
            }
            guard abs(twice) > 1e-12 else { return p[0] }
            return ChartPoint(x: cx / (3 * twice), y: cy / (3 * twice))
        }
    }

    /// A point well inside the shape, for centring a close-up: of the points of a 100 × 100
    /// search over the bounds that lie nearly as deep inside as the deepest (within 20 % of its
    /// depth), the one nearest the centroid — the centroid of an arc-shaped band lies outside
    /// it, and the middle of a long strip is a better view than one of its ends.
    public var interiorPoint: ChartPoint {
        let c = centroid
        if case .circle = self { return c }
        let b = bounds
        let step = max(0.05, max(b.maxX - b.minX, b.maxY - b.minY) / 100)
        var samples: [(p: ChartPoint, depth: Double)] = []
        var y = b.minY + step / 2
        while y < b.maxY {
            var x = b.minX + step / 2
            while x < b.maxX {
                let d = -signedDistance(x: x, y: y)
                if d > 0 { samples.append((ChartPoint(x: x, y: y), d)) }
                x += step
            }
            y += step
        }
        guard let deepest = samples.map(\.depth).max() else { return c }
        let near = samples.filter { $0.depth >= 0.8 * deepest }
        return near.min { hypot($0.p.x - c.x, $0.p.y - c.y) < hypot($1.p.x - c.x, $1.p.y - c.y) }?.p ?? c
    }

    /// Points along the outline, at most `stepMM` apart (for drawing and the on-chart check).
    public func outline(stepMM: Double = 1) -> [ChartPoint] {
        switch self {
        case .circle(let c, let r):
            let n = max(24, Int((2 * Double.pi * r / stepMM).rounded(.up)))
            return (0..<n).map { k in
                let t = 2 * Double.pi * Double(k) / Double(n)
                return ChartPoint(x: c.x + r * cos(t), y: c.y + r * sin(t))
            }
        case .polygon(let p):
            var out: [ChartPoint] = []
            for i in p.indices {
                let a = p[i], b = p[(i + 1) % p.count]
                let n = max(1, Int((hypot(b.x - a.x, b.y - a.y) / stepMM).rounded(.up)))
                for k in 0..<n {
                    let t = Double(k) / Double(n)
                    out.append(ChartPoint(x: a.x + (b.x - a.x) * t, y: a.y + (b.y - a.y) * t))
                }
            }
            return out
        }
    }

    /// Why this shape cannot be used, or nil: a polygon with fewer than 3 points, repeated
    /// consecutive points, no enclosed area, or two edges that cross (a bow-tie has no clear
    /// inside); a circle whose radius is not positive. `field` names the offending key.
    public var validationProblem: (field: String, message: String)? {
        switch self {
        case .circle(_, let r):
            guard r.isFinite, r > 0 else { return ("radius_mm", "expected a radius greater than 0 mm, found \(r)") }
            return nil
        case .polygon(let p):
            guard p.count >= 3 else {
                return ("points_mm", "expected at least 3 points [x, y] for a polygon, found \(p.count)")
            }
            for i in p.indices where p[i] == p[(i + 1) % p.count] {
                return ("points_mm", "points \(i) and \((i + 1) % p.count) are the same point [\(p[i].x), \(p[i].y)]")
            }
            if let (i, j) = Self.firstCrossing(p) {
                return ("points_mm", "the polygon crosses itself: edge \(i)→\((i + 1) % p.count) crosses edge \(j)→\((j + 1) % p.count); list the points in order around the outline")
            }
            guard areaMM2 > 1e-6 else { return ("points_mm", "the points enclose no area (they lie on one line)") }
            return nil
        }
    }

    /// The first pair of non-adjacent edges that intersect (O(n²): outlines are short).
    static func firstCrossing(_ p: [ChartPoint]) -> (Int, Int)? {
        let n = p.count
        for i in 0..<n {
            for j in (i + 1)..<n {
                // Adjacent edges share a vertex and are not a crossing.
                if j == i + 1 || (i == 0 && j == n - 1) { continue }
                if segmentsIntersect(p[i], p[(i + 1) % n], p[j], p[(j + 1) % n]) { return (i, j) }
            }
        }
        return nil
    }

    static func segmentsIntersect(_ a: ChartPoint, _ b: ChartPoint, _ c: ChartPoint, _ d: ChartPoint) -> Bool {
        func orient(_ p: ChartPoint, _ q: ChartPoint, _ r: ChartPoint) -> Double {
            (q.x - p.x) * (r.y - p.y) - (q.y - p.y) * (r.x - p.x)
        }
        func onSegment(_ p: ChartPoint, _ q: ChartPoint, _ r: ChartPoint) -> Bool {
            min(p.x, q.x) <= r.x && r.x <= max(p.x, q.x) && min(p.y, q.y) <= r.y && r.y <= max(p.y, q.y)
        }
        let d1 = orient(c, d, a), d2 = orient(c, d, b), d3 = orient(a, b, c), d4 = orient(a, b, d)
        if ((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0)) { return true }
        if d1 == 0 && onSegment(c, d, a) { return true }
        if d2 == 0 && onSegment(c, d, b) { return true }
        if d3 == 0 && onSegment(a, b, c) { return true }
        if d4 == 0 && onSegment(a, b, d) { return true }
        return false
    }

    static func segmentDistance(_ x: Double, _ y: Double, _ a: ChartPoint, _ b: ChartPoint) -> Double {
        let dx = b.x - a.x, dy = b.y - a.y
        let len2 = dx * dx + dy * dy
        let t = len2 > 0 ? min(1, max(0, ((x - a.x) * dx + (y - a.y) * dy) / len2)) : 0
        return hypot(x - (a.x + t * dx), y - (a.y + t * dy))
    }
}

/// A shape or FUE field that cannot be used, naming the area (0-based index into `areas`) and
/// the field within it, so the plan reader can point at the file and line.
public struct AreaError: Error, Equatable, CustomStringConvertible {
    public let index: Int
    public let field: String
    public let message: String
    // Made only inside ScalpModel (`AreaLayout`): the compiler's memberwise init serves.
    public var description: String { "areas[\(index)].\(field): \(message)" }
}
