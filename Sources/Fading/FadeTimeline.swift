import SkinOptics

/// The state of implanted pigment at one time after a session.
public struct FadeState: Sendable, Equatable {
    public var day: Double
    /// Retained fraction of the implanted mass per pigment fade group (carbon, iron-oxide, …).
    public var retained: [String: Double]
    /// Dot diameter relative to the healed diameter.
    public var diameterScale: Double
    /// Pigment depth (mm) after drift.
    public var depthMM: Double

    /// Remaining mass per component name of `pigment`, for `Pigment.scaled(remaining:)`;
    /// components whose fade group is unknown keep `fallback` (default: the carbon group, else 1).
    public func remaining(for pigment: Pigment) -> [String: Double] {
        var out: [String: Double] = [:]
        for (component, _) in pigment.components {
            out[component.name] = retained[component.fadeGroup] ?? retained["carbon"] ?? 1
        }
        return out
    }

    /// The faded pigment blend: each component scaled by its group's retained fraction.
    public func faded(_ pigment: Pigment) -> Pigment { pigment.scaled(remaining: remaining(for: pigment)) }
}

/// Evaluates a fade setup over time for one session's implant depth: the call the plan
/// pipeline makes per session (days counted from that session).
public enum FadeTimeline {
    /// Per day: retained fraction of the healed dose per fade group (each group's rates × its
    /// group multiplier × the depth multiplier `DepthResponse.rateMultiplier` × the sun's
    /// `SunResponse.rateMultiplier`), diameter scale and drifted depth.
    ///
    /// - Parameters:
    ///   - groups: fade groups to report (default: every group of the setup).
    ///   - days: non-negative, in any order (duplicates allowed).
    public static func evaluate(model setup: FadeSetup, depthMM: Double,
                                sunExposure: Double = FadeConditions.referenceSunExposure,
                                days: [Double], groups: [String]? = nil) throws(FadeError) -> [FadeState] {
        try Implant.validate(depthMM: depthMM, sunExposure: sunExposure, limit: setup.needleDepthMM)
        if let bad = days.first(where: { !$0.isFinite || $0 < 0 }) { throw Implant.invalidDay(bad) }
        let implant = try Implant(model: setup, depthMM: depthMM, sunExposure: sunExposure, groups: groups)
        return days.map(implant.unchecked)
    }

    /// One implant's fade set up once — the depth multiplier and one model per fade group — and
    /// then evaluated at any day. A plan asks for hundreds of days per session one at a time (fade
    /// curves, follow-ups, the touch-up search); building the models and the group table for each
    /// cost as much as the answer. `evaluate(model:depthMM:sunExposure:days:groups:)` is this
    /// evaluated at each day, so both give identical states.
    public struct Implant: Sendable {
        let depth: DepthResponse
        let depthMM: Double
        /// Per fade group: its name and retained fraction as a function of the day.
        let groups: [(name: String, retained: @Sendable (Double) -> Double)]

        public init(model setup: FadeSetup, depthMM: Double, sunExposure: Double = FadeConditions.referenceSunExposure,
                    groups: [String]? = nil) throws(FadeError) {
            try Self.validate(depthMM: depthMM, sunExposure: sunExposure, limit: setup.needleDepthMM)
            let names = (groups ?? setup.fadeGroups.keys.sorted())
            // Depth and sun scale every rate (the `uv` model reads the exposure itself).
            let depthFactor = setup.depth.rateMultiplier(depthMM: depthMM) * setup.sun.rateMultiplier(sunExposure: sunExposure, kind: setup.kind)
            var built: [(name: String, retained: @Sendable (Double) -> Double)] = []
            for name in names {
                guard let g = setup.fadeGroups[name] else {
                    throw .invalidInput(reason: "unknown fade group '\(name)'; known: \(setup.fadeGroups.keys.sorted().joined(separator: ", "))")
                }
                let conditions = FadeConditions(rateMultiplier: depthFactor * g, sunExposure: sunExposure)
                built.append((name, try FadeTimeline.model(setup, conditions: conditions)))
            }
            self.groups = built
            depth = setup.depth
            self.depthMM = depthMM
        }

        /// The state `day` days after implantation (finite and ≥ 0, else `.invalidDays`).
        public func state(atDay day: Double) throws(FadeError) -> FadeState {
            guard day.isFinite, day >= 0 else { throw Self.invalidDay(day) }
            return unchecked(day)
        }

        func unchecked(_ day: Double) -> FadeState {
            var retained: [String: Double] = [:]
            retained.reserveCapacity(groups.count)
            for g in groups { retained[g.name] = g.retained(day) }
            return FadeState(day: day, retained: retained, diameterScale: depth.diameterScale(atDay: day, depthMM: depthMM),
                             depthMM: depth.depth(atDay: day, depthMM: depthMM))
        }

        /// `limit`: the skin model's needle depths (`PhysicalLimits`), when the setup has them.
        static func validate(depthMM: Double, sunExposure: Double, limit: PhysicalRange?) throws(FadeError) {
            if let limit, !limit.contains(depthMM) {
                throw .invalidInput(reason: "depth \(depthMM) mm is outside the modelled needle depths: expected \(limit.expectation)")
            }
            guard depthMM.isFinite, depthMM >= 0 else {
                throw .invalidInput(reason: "depth \(depthMM) mm is not a finite depth below the skin surface")
            }
            guard sunExposure.isFinite, sunExposure >= 0, sunExposure <= 1 else {
                throw .invalidInput(reason: "sun exposure \(sunExposure) is outside [0, 1]")
            }
        }

        static func invalidDay(_ day: Double) -> FadeError { .invalidDays(reason: "day \(day) is negative or not finite") }
    }

    /// The retained fraction of one pool under `conditions`, as a function of the day (the
    /// model built once).
    static func model(_ setup: FadeSetup, conditions: FadeConditions) throws(FadeError) -> @Sendable (Double) -> Double {
        struct Visitor: FadeModelVisitor {
            let values: [Double], spec: [FadeParameter], conditions: FadeConditions
            func visit<M: FadeModel>(_: M.Type) -> Result<@Sendable (Double) -> Double, FadeError> {
                do throws(FadeError) {
                    let model = try M(values: values, parameters: spec, conditions: conditions)
                    return .success { model.retained(atDay: $0) }
                } catch { return .failure(error) }
            }
        }
        return try setup.kind.accept(Visitor(values: setup.values, spec: setup.specification, conditions: conditions)).get()
    }

    /// Retained fraction of one pool under `conditions` at each day (no group or depth factor
    /// beyond those in `conditions`).
    public static func curve(_ setup: FadeSetup, conditions: FadeConditions, days: [Double]) throws(FadeError) -> [Double] {
        struct Visitor: FadeModelVisitor {
            let values: [Double], spec: [FadeParameter], conditions: FadeConditions, days: [Double]
            func visit<M: FadeModel>(_: M.Type) -> Result<[Double], FadeError> {
                do throws(FadeError) {
                    let model = try M(values: values, parameters: spec, conditions: conditions)
                    return .success(days.map { model.retained(atDay: $0) })
                } catch { return .failure(error) }
            }
        }
        return try setup.kind.accept(Visitor(values: setup.values, spec: setup.specification, conditions: conditions, days: days)).get()
    }
}
