import Fading
import Impressions
import ScalpModel
import SkinOptics
import Yams

/// Builds a `Plan` from the parsed tree, applying defaults and checking every field.
struct PlanBuilder {
    let reader: PlanNodeReader
    /// Resolves skin, pigment and hair names; holds the data's limits.
    let vocabulary: PlanVocabulary
    var limits: PlanLimits { PlanLimits(vocabulary.limits) }

    func build(_ root: Node, defaultName: String) throws(PlanError) -> Plan {
        let top = try reader.mapping(root, "", allowed: ["name", "client", "design", "seed", "sessions", "follow_up_days", "preview", "fading", "touch_up", "areas"])
        let name = try top["name"].map { n throws(PlanError) in try reader.text(n, "name", expected: "a plan name") } ?? defaultName
        let seed = try top["seed"].map { n throws(PlanError) in try reader.integer(n, "seed", in: 0...UInt64.max) } ?? PlanDefaults.seed
        let client = try buildClient(reader.required(top, "client", in: "", expected: "a mapping with at least 'norwood' or 'hair_loss'", at: root))
        let design = try buildDesign(reader.required(top, "design", in: "", expected: "a mapping with at least 'target_density_per_cm2'", at: root))
        let sessionsNode = try reader.required(top, "sessions", in: "", expected: "a list of sessions", at: root)
        let sessions = try buildSessions(sessionsNode)
        let followUps = try top["follow_up_days"].map { n throws(PlanError) in try buildFollowUps(n) } ?? []
        let areas = try top["areas"].map { n throws(PlanError) in try buildAreas(n, seed: seed, client: client, design: design) } ?? []
        var position = areas.isEmpty ? Plan.PreviewPosition.hairline : .area
        if let previewNode = top["preview"] {
            let preview = try reader.mapping(previewNode, "preview", allowed: ["position"])
            if let p = preview["position"] {
                position = try choice(p, "preview.position", what: "preview position")
                if position == .area && areas.isEmpty {
                    throw reader.error(p, "preview.position", "'area' centres the close-up on the first of the plan's areas, but the plan lists no areas; use hairline, mid-scalp or crown, or add areas:")
                }
            }
        }
        var plan = Plan(name: name, client: client, design: design, seed: seed, sessions: sessions, followUpDays: followUps,
                        previewPosition: position)
        plan.locations = locations(root)
        plan.areas = areas
        if let node = top["fading"] {
            let m = try reader.mapping(node, "fading", allowed: ["model", "sun_exposure", "parameters"])
            if let model = m["model"] { plan.fading.model = try choice(model, "fading.model", what: "fade model") }
            if let sun = m["sun_exposure"] { plan.fading.sunExposure = try reader.number(sun, "fading.sun_exposure", in: 0...1) }
            if let params = m["parameters"] {
                guard case .mapping(let pm) = params else {
                    throw reader.error(params, "fading.parameters", "expected a mapping of parameter names to numbers")
                }
                for (key, value) in pm {
                    let name = key.string ?? "?"
                    plan.fading.parameters[name] = try reader.number(value, "fading.parameters.\(name)", in: -1e6...1e6)
                }
            }
        }
        if let node = top["touch_up"] {
            let m = try reader.mapping(node, "touch_up", allowed: ["max_delta_e00", "min_perceived_fraction"])
            if let v = m["max_delta_e00"] { plan.touchUp.maxDeltaE00 = try reader.number(v, "touch_up.max_delta_e00", in: 0.5...50) }
            if let v = m["min_perceived_fraction"] {
                plan.touchUp.minPerceivedFraction = try reader.number(v, "touch_up.min_perceived_fraction", in: 0...1, openLower: true)
            }
        }
        return plan
    }

    private func buildClient(_ node: Node) throws(PlanError) -> Plan.Client {
        let f = "client"
        let m = try reader.mapping(node, f, allowed: ["skin", "norwood", "hair_loss", "native_hair_density", "hair_colour",
                                                      "skin_oiliness", "head_circumference_mm"])
        let hairLoss = try buildHairLoss(m, at: node)
        let oiliness = try m["skin_oiliness"].map { n throws(PlanError) -> SkinOiliness in
            try choice(n, "client.skin_oiliness", what: "skin oiliness")
        } ?? PlanDefaults.skinOiliness
        return Plan.Client(
            skin: try skin(m["skin"], client: node),
            hairLoss: hairLoss,
            nativeHairDensity: try m["native_hair_density"].map { n throws(PlanError) in
                try reader.number(n, "client.native_hair_density", in: PlanLimits.nativeHairDensity) } ?? PlanDefaults.nativeHairDensity,
            hairColour: try m["hair_colour"].map { n throws(PlanError) in try hairColour(n) },
            skinOiliness: oiliness,
            headCircumferenceMM: try m["head_circumference_mm"].map { n throws(PlanError) in
                try reader.number(n, "client.head_circumference_mm", in: PlanLimits.headCircumferenceMM) } ?? PlanDefaults.headCircumferenceMM)
    }

    /// The skin preset `client.skin` names (`PlanDefaults.skin` when absent), an error at the
    /// name's line when `Data/skin/presets.json` has no such preset.
    private func skin(_ node: Node?, client: Node) throws(PlanError) -> SkinPreset {
        let name = try node.map { n throws(PlanError) in try reader.text(n, "client.skin", expected: "a skin tone preset such as monk-4") }
            ?? PlanDefaults.skin
        do { return try vocabulary.skins.preset(named: name) } catch { throw reader.error(node ?? client, "client.skin", error.description) }
    }

    /// The pigment a session names (`PlanDefaults.pigment` when absent), an error at the name's
    /// line when `Data/pigments/` has no such pigment.
    private func pigment(_ node: Node?, _ field: String, session: Node) throws(PlanError) -> Pigment {
        let name = try node.map { n throws(PlanError) in try reader.text(n, field, expected: "a pigment name") } ?? PlanDefaults.pigment
        do { return try vocabulary.pigments.pigment(named: name) } catch { throw reader.error(node ?? session, field, error.description) }
    }

    /// `client.norwood: V` (the original field) and/or `client.hair_loss: {scale, stage}`. At
    /// least one is required; when both are given they must name the same Norwood stage, so a
    /// plan never says two different things about the client.
    private func buildHairLoss(_ m: [String: Node], at client: Node) throws(PlanError) -> HairLossStage {
        var fromNorwood: HairLossStage?
        if let node = m["norwood"] {
            let stages = NorwoodStage.allCases.map(\.rawValue).joined(separator: ", ")
            let text = try reader.text(node, "client.norwood", expected: "a Norwood stage: one of \(stages)")
            guard let stage = NorwoodStage(parsing: text) else {
                throw reader.error(node, "client.norwood", "unknown Norwood stage '\(text)'; expected one of: \(stages)")
            }
            fromNorwood = .norwood(stage)
        }
        guard let node = m["hair_loss"] else {
            guard let fromNorwood else {
                throw reader.error(client, "client.norwood", "missing; expected a Norwood stage (client.norwood: V) or client.hair_loss: {scale: norwood|ludwig|savin, stage: …}")
            }
            return fromNorwood
        }
        let f = "client.hair_loss"
        let h = try reader.mapping(node, f, allowed: ["scale", "stage"])
        let scales = HairLossScale.allCases.map(\.rawValue).joined(separator: ", ")
        let scale: HairLossScale = try choice(reader.required(h, "scale", in: f, expected: "a hair-loss scale: one of \(scales)", at: node),
                                              "\(f).scale", what: "hair-loss scale")
        let names = scale.stageNames.joined(separator: ", ")
        let stageNode = try reader.required(h, "stage", in: f, expected: "a \(scale.title) stage: one of \(names)", at: node)
        let text = try reader.text(stageNode, "\(f).stage", expected: "a \(scale.title) stage: one of \(names)")
        guard let stage = HairLossStage(scale: scale, parsing: text) else {
            throw reader.error(stageNode, "\(f).stage", "unknown \(scale.title) stage '\(text)'; expected one of: \(names)")
        }
        if let fromNorwood, fromNorwood != stage {
            throw reader.error(node, f, "\(stage.label) conflicts with client.norwood: \(fromNorwood.name); give one of them, or the same Norwood stage in both")
        }
        return stage
    }

    private func buildDesign(_ node: Node) throws(PlanError) -> Plan.Design {
        let f = "design"
        let m = try reader.mapping(node, f, allowed: ["hairline", "target_density_per_cm2", "spacing_factor", "min_spacing_mm",
                                                      "placement", "merge_gap_mm"])
        let densityNode = try reader.required(m, "target_density_per_cm2", in: f, expected: "a density in impressions/cm² (e.g. 110)", at: node)
        let hairline = try m["hairline"].map { n throws(PlanError) in try buildHairline(n) }
            ?? Plan.Hairline(heightAboveBrowMM: 75, shape: .rounded, transitionMM: 8, irregularity: 0.4)
        return Plan.Design(
            hairline: hairline,
            targetDensityPerCM2: try reader.number(densityNode, "design.target_density_per_cm2", in: 0...400, openLower: true, unit: " impressions/cm²"),
            spacingFactor: try m["spacing_factor"].map { n throws(PlanError) in try reader.number(n, "design.spacing_factor", in: 0.2...1.2) } ?? 0.7,
            minSpacingMM: try m["min_spacing_mm"].map { n throws(PlanError) in try reader.number(n, "design.min_spacing_mm", in: 0...5, unit: " mm") } ?? 0,
            placement: try m["placement"].map { n throws(PlanError) -> Plan.Placement in try choice(n, "design.placement", what: "placement style") } ?? .even,
            mergeGapMM: try m["merge_gap_mm"].map { n throws(PlanError) in try reader.number(n, "design.merge_gap_mm", in: 0...1, unit: " mm") } ?? 0)
    }

    private func buildHairline(_ node: Node) throws(PlanError) -> Plan.Hairline {
        let f = "design.hairline"
        let m = try reader.mapping(node, f, allowed: ["height_above_brow_mm", "shape", "transition_mm", "irregularity"])
        return Plan.Hairline(
            heightAboveBrowMM: try m["height_above_brow_mm"].map { n throws(PlanError) in
                try reader.number(n, "\(f).height_above_brow_mm", in: HairlineDesign.heightRange, unit: " mm") } ?? 75,
            shape: try m["shape"].map { n throws(PlanError) -> HairlineDesign.Shape in try choice(n, "\(f).shape", what: "hairline shape") } ?? .rounded,
            transitionMM: try m["transition_mm"].map { n throws(PlanError) in
                try reader.number(n, "\(f).transition_mm", in: HairlineDesign.transitionRange, unit: " mm") } ?? 8,
            irregularity: try m["irregularity"].map { n throws(PlanError) in try reader.number(n, "\(f).irregularity", in: 0...1) } ?? 0.4)
    }

    private func buildSessions(_ node: Node) throws(PlanError) -> [Plan.Session] {
        let items = try reader.sequence(node, "sessions")
        guard !items.isEmpty else { throw reader.error(node, "sessions", "expected at least one session, found an empty list") }
        guard items.count <= 20 else { throw reader.error(node, "sessions", "expected at most 20 sessions, found \(items.count)") }
        var sessions: [Plan.Session] = []
        for (i, item) in items.enumerated() {
            let f = "sessions[\(i)]"
            let m = try reader.mapping(item, f, allowed: ["day", "fraction_of_target", "needle_mm", "depth_mm", "pigment", "dilution", "deposit", "grouping"])
            func need(_ key: String, _ expected: String) throws(PlanError) -> Node {
                try reader.required(m, key, in: f, expected: expected, at: item)
            }
            let session = Plan.Session(
                day: try reader.number(need("day", "the day of the session (0 = first)"), "\(f).day", in: 0...3650, unit: " days"),
                fractionOfTarget: try reader.number(need("fraction_of_target", "the cumulative fraction of target density (0–1]"),
                                                    "\(f).fraction_of_target", in: 0...1, openLower: true),
                needleMM: try reader.number(need("needle_mm", "the needle diameter in mm (0.18–0.30 typical)"), "\(f).needle_mm", in: PlanLimits.needleMM),
                depthMM: try reader.number(need("depth_mm", "the depth in mm (0.5–1 typical)"), "\(f).depth_mm", in: limits.depthMM),
                pigment: try pigment(m["pigment"], "\(f).pigment", session: item),
                dilution: try m["dilution"].map { n throws(PlanError) in try reader.number(n, "\(f).dilution", in: PlanLimits.dilution) } ?? PlanDefaults.dilution,
                deposit: try m["deposit"].map { n throws(PlanError) -> DepositKind in try choice(n, "\(f).deposit", what: "deposit") } ?? .needleTrack,
                grouping: try m["grouping"].map { n throws(PlanError) -> NeedleGrouping in try choice(n, "\(f).grouping", what: "needle grouping") } ?? .rl1)
            if let previous = sessions.last {
                if session.fractionOfTarget < previous.fractionOfTarget {
                    throw reader.error(m["fraction_of_target"], "\(f).fraction_of_target",
                                       "expected a cumulative fraction no lower than the previous session's \(previous.fractionOfTarget), found \(session.fractionOfTarget) (fractions are cumulative: 0.3, 0.7, 1.0)")
                }
                if session.day <= previous.day {
                    throw reader.error(m["day"], "\(f).day", "expected a day after the previous session's day \(previous.day), found \(session.day)")
                }
            }
            sessions.append(session)
        }
        return sessions
    }

    private func buildFollowUps(_ node: Node) throws(PlanError) -> [Double] {
        var days: [Double] = []
        for (i, item) in try reader.sequence(node, "follow_up_days").enumerated() {
            let d = try reader.number(item, "follow_up_days[\(i)]", in: 0...36500, unit: " days")
            if let last = days.last, d <= last {
                throw reader.error(item, "follow_up_days[\(i)]", "expected days in increasing order, found \(d) after \(last)")
            }
            days.append(d)
        }
        return days
    }

    /// A hair colour name from `Data/hair/` (resolved here, an error at its line if unknown) or
    /// `{L: …, a: …, b: …}` within `PlanLimits.hairL` / `hairAB`.
    private func hairColour(_ node: Node) throws(PlanError) -> Plan.HairColour {
        let f = "client.hair_colour"
        if case .mapping = node {
            let m = try reader.mapping(node, f, allowed: ["L", "a", "b"])
            func component(_ key: String, _ range: PhysicalRange) throws(PlanError) -> Double {
                try reader.number(reader.required(m, key, in: f, expected: "CIELAB \(key)", at: node), "\(f).\(key)", in: range)
            }
            return .lab(L: try component("L", PlanLimits.hairL), a: try component("a", PlanLimits.hairAB), b: try component("b", PlanLimits.hairAB))
        }
        let name = try reader.text(node, f, expected: "a hair colour name (e.g. dark-brown) or {L, a, b}")
        do { return .named(name, lab: try vocabulary.hair.lab(named: name)) } catch { throw reader.error(node, f, error.description) }
    }

    /// A value that must name one of `E`'s cases (case-insensitive). `what` is the noun without
    /// an article ("skin oiliness"), used as "a skin oiliness: one of …" and "unknown skin oiliness 'x'".
    func choice<E: RawRepresentable & CaseIterable>(_ node: Node, _ field: String, what: String) throws(PlanError) -> E
    where E.RawValue == String {
        let options = E.allCases.map(\.rawValue)
        let raw = try reader.text(node, field, expected: "a \(what): one of \(options.joined(separator: ", "))")
        if let match = E.allCases.first(where: { $0.rawValue.lowercased() == raw.lowercased() }) { return match }
        throw reader.error(node, field, "unknown \(what) '\(raw)'; expected one of: \(options.joined(separator: ", "))")
    }

    /// Lines of the fields the engine checks again after reading (`PlanField`), for
    /// `Plan.locations`; a field left at its default takes its parent's line.
    private func locations(_ root: Node) -> SourceLocations {
        var locations = SourceLocations()
        guard case .mapping(let top) = root else { return locations }
        if case .mapping(let client)? = top["client"] {
            locations[.clientSkin] = (client["skin"] ?? top["client"])?.mark?.line
        }
        if case .sequence(let sessions)? = top["sessions"] {
            for (i, item) in sessions.enumerated() {
                guard case .mapping(let m) = item else { continue }
                for field in [PlanField.SessionField.needle, .depth, .dilution, .pigment] {
                    locations[.session(i, field)] = (m[field.rawValue] ?? item).mark?.line
                }
            }
        }
        return locations
    }
}
