import Foundation

/// The Norwood atlas: named regions plus one residual-hair pattern per stage, read from an
/// editable data directory (`Data/norwood`: `regions.json`, `stages.json`; schema in its
/// README). Shapes are in reference-head chart mm and scale with head circumference.
public struct NorwoodAtlas: Sendable {
    /// The client's native (pre-loss, Norwood I) hairline, which bounds the hair-bearing scalp.
    public struct NativeHairline: Sendable, Hashable {
        public var heightAboveBrowMM: Double
        public var shape: HairlineDesign.Shape
        /// Width of the soft edge of native hair at the hairline, mm.
        public var softnessMM: Double
    }

    public let regions: RegionLayout
    public let nativeHairline: NativeHairline
    public let patterns: [NorwoodStage: StagePattern]
    /// Diffuse-thinning patterns of the female scales (Ludwig, Savin), from `female_stages.json`.
    public let femalePatterns: [HairLossStage: StagePattern]

    public init(regions: RegionLayout, nativeHairline: NativeHairline, patterns: [NorwoodStage: StagePattern],
                femalePatterns: [HairLossStage: StagePattern] = [:]) {
        self.regions = regions
        self.nativeHairline = nativeHairline
        self.patterns = patterns
        self.femalePatterns = femalePatterns
    }

    /// The pattern of a stage (every stage is present: `load` checks it).
    public func pattern(_ stage: NorwoodStage) -> StagePattern { patterns[stage]! }

    /// The pattern of a stage on any scale; throws if the atlas has no entry for it (an atlas
    /// built without `female_stages.json`).
    public func pattern(_ stage: HairLossStage) throws(ScalpModelError) -> StagePattern {
        if let n = stage.norwood { return pattern(n) }
        guard let p = femalePatterns[stage] else { throw .unknownScaleStage(scale: stage.scale.rawValue, text: stage.name) }
        return p
    }

    /// Loads `regions.json`, `stages.json` and `female_stages.json` from `directory` (e.g. `Data/norwood`).
    public static func load(from directory: URL) throws(ScalpModelError) -> NorwoodAtlas {
        let regions = try RegionLayout.load(read(directory, "regions.json"))
        let (native, patterns) = try loadStages(read(directory, "stages.json"))
        let female = try loadFemaleStages(read(directory, "female_stages.json"))
        return NorwoodAtlas(regions: regions, nativeHairline: native, patterns: patterns, femalePatterns: female)
    }

    /// Parses `female_stages.json`: `{"scales": {"ludwig": [stage…], "savin": [stage…]}}`, each
    /// stage in the `stages.json` form (usually only `patches`), every stage of both scales once.
    public static func loadFemaleStages(_ data: Data, file: String = "norwood/female_stages.json")
        throws(ScalpModelError) -> [HairLossStage: StagePattern] {
        let doc = try JSONField.parse(data: data, file: file)
        _ = try doc.object()
        var patterns: [HairLossStage: StagePattern] = [:]
        for scale in HairLossScale.allCases where scale.isDiffuseThinning {
            let list = doc["scales"][scale.rawValue]
            for entry in try list.array() {
                let name = try entry["stage"].string()
                guard let stage = HairLossStage(scale: scale, parsing: name) else {
                    throw entry["stage"].fail("a \(scale.title) stage name (" + scale.stageNames.joined(separator: ", ") + ")")
                }
                let e = entry.within("\(scale.rawValue) stage \"\(stage.name)\"")
                if patterns[stage] != nil { throw e["stage"].fail("each stage defined once") }
                if !e["recession"].isNull || !e["fringe"].isNull || !e["bridge"].isNull {
                    throw e["patches"].fail("only patches: a female-pattern stage keeps the frontal hairline (no recession, bridge or fringe)")
                }
                patterns[stage] = try parseStage(e, stage: stage)
            }
            let missing = scale.stageNames.filter { n in patterns[HairLossStage(scale: scale, parsing: n)!] == nil }
            if !missing.isEmpty {
                throw list.fail("entries for every \(scale.title) stage; missing " + missing.map { "\"\($0)\"" }.joined(separator: ", "))
            }
        }
        return patterns
    }

    private static func read(_ dir: URL, _ name: String) throws(ScalpModelError) -> Data {
        let url = dir.appendingPathComponent(name)
        do { return try Data(contentsOf: url) } catch {
            throw .unreadableFile(file: "norwood/\(name)", reason: "\(url.path): \(error.localizedDescription)")
        }
    }

    /// Parses `stages.json` (schema in Data/norwood/README.md).
    public static func loadStages(_ data: Data, file: String = "norwood/stages.json")
        throws(ScalpModelError) -> (NativeHairline, [NorwoodStage: StagePattern]) {
        let doc = try JSONField.parse(data: data, file: file)
        _ = try doc.object()
        let n = doc["native_hairline"]
        let shapeName = try n["shape"].string()
        guard let shape = HairlineDesign.Shape(rawValue: shapeName) else {
            throw n["shape"].fail("one of " + HairlineDesign.Shape.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", "))
        }
        let native = NativeHairline(
            heightAboveBrowMM: try n["height_above_brow_mm"].number("a height in 50–110 mm", where: { HairlineDesign.heightRange.contains($0) }),
            shape: shape,
            softnessMM: try n["softness_mm"].number("a positive width in mm", where: { $0 > 0 }))
        var patterns: [NorwoodStage: StagePattern] = [:]
        for entry in try doc["stages"].array() {
            let name = try entry["stage"].string()
            guard let stage = NorwoodStage(rawValue: name) ?? NorwoodStage(parsing: name) else {
                throw entry["stage"].fail("a Norwood stage name (" + NorwoodStage.allCases.map(\.rawValue).joined(separator: ", ") + ")")
            }
            let e = entry.within("stage \"\(stage.rawValue)\"")
            if patterns[stage] != nil { throw e["stage"].fail("each stage defined once") }
            patterns[stage] = try parseStage(e, stage: .norwood(stage))
        }
        let missing = NorwoodStage.allCases.filter { patterns[$0] == nil }
        if !missing.isEmpty {
            throw doc["stages"].fail("entries for every stage; missing " + missing.map { "\"\($0.rawValue)\"" }.joined(separator: ", "))
        }
        return (native, patterns)
    }

    private static func parseStage(_ e: JSONField, stage: HairLossStage) throws(ScalpModelError) -> StagePattern {
        let positive: (Double) -> Bool = { $0 > 0 }
        let nonNegative: (Double) -> Bool = { $0 >= 0 }
        let fraction: (Double) -> Bool = { (0...1).contains($0) }
        let r = e["recession"]
        let recession = StagePattern.Recession(
            midlineMM: try r["midline_mm"].number(default: 0, "a depth ≥ 0 mm", where: nonNegative),
            templeMM: try r["temple_mm"].number(default: 0, "a depth ≥ 0 mm", where: nonNegative),
            templeXMM: try r["temple_x_mm"].number(default: 50, "a positive distance in mm", where: positive),
            softnessMM: try r["softness_mm"].number(default: 6, "a positive width in mm", where: positive))
        var patches: [StagePattern.Patch] = []
        if !e["patches"].isNull {
            for p in try e["patches"].array() {
                let c = try p["center_mm"].pair("two numbers [x, y]")
                let rad = try p["radii_mm"].pair("two positive numbers", where: positive)
                patches.append(StagePattern.Patch(
                    centerX: c.0, centerY: c.1, radiusX: rad.0, radiusY: rad.1,
                    exponent: try p["exponent"].number(default: 2, "an exponent ≥ 1", where: { $0 >= 1 }),
                    softnessMM: try p["softness_mm"].number(default: 10, "a positive width in mm", where: positive),
                    loss: try p["loss"].number(default: 1, "a fraction in 0…1", where: fraction),
                    mirrored: try p["mirrored"].isNull ? false : bool(p["mirrored"])))
            }
        }
        var bridge: StagePattern.Bridge?
        if !e["bridge"].isNull {
            let b = e["bridge"]
            bridge = StagePattern.Bridge(
                centerY: try b["y_mm"].number("a chart y in mm"),
                halfWidthMM: try b["half_width_mm"].number("a positive half width in mm", where: positive),
                retained: try b["retained"].number("a fraction in 0…1", where: fraction),
                softnessMM: try b["softness_mm"].number(default: 6, "a positive width in mm", where: positive))
        }
        var fringe: StagePattern.Fringe?
        if !e["fringe"].isNull {
            let f = e["fringe"]
            fringe = StagePattern.Fringe(
                sideWidthMM: try f["side_width_mm"].number("a positive width in mm", where: positive),
                backWidthMM: try f["back_width_mm"].number("a positive width in mm", where: positive),
                softnessMM: try f["softness_mm"].number(default: 10, "a positive width in mm", where: positive))
        }
        let description = e["description"].isNull ? "" : try e["description"].string()
        return StagePattern(stage: stage, description: description, recession: recession,
                            patches: patches, bridge: bridge, fringe: fringe)
    }

    private static func bool(_ f: JSONField) throws(ScalpModelError) -> Bool {
        guard let b = f.value as? Bool else { throw f.fail("true or false") }
        return b
    }
}

extension NorwoodAtlas {
    /// The named regions of the native (Norwood I) hair-bearing scalp on a raster of
    /// `cellSizeMM` cells; `areasCM2()` / `areasByNameCM2()` give their areas.
    public func regionMap(on chart: HeadChart, cellSizeMM: Double = 1.0) throws(ScalpModelError) -> RegionMap {
        try ScalpMap(chart: chart, atlas: self, stage: .i, hairline: HairlineDesign(), cellSizeMM: cellSizeMM).regions
    }
}
