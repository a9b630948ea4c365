import Foundation

/// Named scalp regions, defined by simple shapes in reference-head chart millimetres
/// (570 mm circumference; multiplied by `HeadChart.referenceScale`) and read from
/// `Data/norwood/regions.json`. Rules are tested in file order and the first match wins, so
/// later, broader rules ("everything else is back") fill what earlier ones leave.
/// Only hair-bearing scalp of the native hairline is labelled (label 0 elsewhere).
public struct RegionLayout: Sendable, Hashable {
    public enum Shape: Sendable, Hashable {
        case ellipse(centerX: Double, centerY: Double, radiusX: Double, radiusY: Double)
        case box(minX: Double, maxX: Double, minY: Double, maxY: Double)
        case everything
    }

    public struct Rule: Sendable, Hashable {
        public var name: String
        public var shape: Shape
        public init(name: String, shape: Shape) { self.name = name; self.shape = shape }

        /// Whether a reference-head chart point falls in this rule's shape.
        @inline(__always)
        func matches(_ x: Double, _ y: Double) -> Bool {
            switch shape {
            case let .ellipse(cx, cy, rx, ry):
                let u = (x - cx) / rx, v = (y - cy) / ry
                return u * u + v * v <= 1
            case let .box(x0, x1, y0, y1): return x >= x0 && x <= x1 && y >= y0 && y <= y1
            case .everything: return true
            }
        }
    }

    public var rules: [Rule]
    /// Region names in label order (label k ≥ 1 is `names[k - 1]`).
    public var names: [String] { rules.map(\.name) }

    public init(rules: [Rule]) { self.rules = rules }

    /// Label (1-based, 0 for none) of a point given in reference-head chart mm.
    public func label(referenceX x: Double, referenceY y: Double) -> UInt8 {
        for (k, r) in rules.enumerated() where r.matches(x, y) { return UInt8(k + 1) }
        return 0
    }

    /// Reads `regions.json` (schema in Data/norwood/README.md).
    public static func load(_ data: Data, file: String = "norwood/regions.json") throws(ScalpModelError) -> RegionLayout {
        let doc = try JSONField.parse(data: data, file: file)
        _ = try doc.object()
        var rules: [Rule] = []
        let entries = try doc["regions"].array()
        guard !entries.isEmpty, entries.count < 255 else { throw doc["regions"].fail("1–254 region rules") }
        for entry in entries {
            let name = try entry["name"].string()
            let e = entry
            let shape: Shape
            switch try entry["shape"].string() {
            case "ellipse":
                let c = try e["center_mm"].pair("two numbers [x, y]")
                let r = try e["radii_mm"].pair("two positive numbers", where: { $0 > 0 })
                shape = .ellipse(centerX: c.0, centerY: c.1, radiusX: r.0, radiusY: r.1)
            case "box":
                let xs = try e["x_mm"].pair("two increasing numbers [min, max]")
                let ys = try e["y_mm"].pair("two increasing numbers [min, max]")
                guard xs.0 < xs.1 else { throw e["x_mm"].fail("two increasing numbers [min, max]") }
                guard ys.0 < ys.1 else { throw e["y_mm"].fail("two increasing numbers [min, max]") }
                shape = .box(minX: xs.0, maxX: xs.1, minY: ys.0, maxY: ys.1)
            case "all": shape = .everything
            default: throw entry["shape"].fail("one of \"ellipse\", \"box\", \"all\"")
            }
            rules.append(Rule(name: name, shape: shape))
        }
        let names = rules.map(\.name)
        if Set(names).count != names.count { throw doc["regions"].fail("distinct region names") }
        return RegionLayout(rules: rules)
    }
}

extension RegionMap {
    /// Region areas in cm² keyed by name.
    public func areasByNameCM2() -> [String: Double] {
        Dictionary(uniqueKeysWithValues: zip(names, areasCM2()))
    }
}
