import Foundation
import Plans
import SkinOptics

/// Review rules on the simulation's evidence: spacing, the density each session reached, the
/// healed colour against the hair, and how soon the work fades.
extension PlanReviewer {
    func spacing(_ result: SimulationResult) -> [ReviewFinding] {
        let r = rules.spacing, design = result.plan.design
        var out: [ReviewFinding] = []
        if design.spacingFactor < r.minSpacingFactor {
            out.append(finding("spacing.factor", .spacing, .warning, value: design.spacingFactor, threshold: r.minSpacingFactor,
                               "dots may come as close as \(Self.n(design.spacingFactor)) of the mean spacing",
                               why: r.why, fix: "set spacing_factor to \(Self.n(ReviewFixes.spacingFactor, 1))"))
        }
        if design.placement == .random {
            out.append(finding("spacing.random-placement", .spacing, .warning, value: 0, threshold: 0,
                               "dots are placed at random (clusters and gaps) instead of spread evenly",
                               why: r.why, fix: "set placement: even"))
        }
        guard let last = result.sessions.last else { return out }
        let all = last.metrics.all
        let fraction = all.impressions > 0 ? Double(all.mergePairs) / Double(all.impressions) : 0
        if fraction > r.maxMergeFractionWarning {
            let error = fraction > r.maxMergeFractionError
            let worst = last.metrics.regions.max { $0.mergePairs < $1.mergePairs }
            out.append(finding("spacing.merging", .spacing, error ? .error : .warning, sessions: [last.number], region: worst?.region,
                               value: fraction, threshold: error ? r.maxMergeFractionError : r.maxMergeFractionWarning,
                               "\(all.mergePairs) pairs of healed dots merge (\(Self.n(fraction * 100, 2)) % of the dots), most in \(worst?.region ?? "the scalp")",
                               why: r.why, fix: "set spacing_factor to \(Self.n(ReviewFixes.spacingFactor, 1)) and placement: even; needles of at most \(Self.n(ReviewFixes.needleMM)) mm"))
        }
        if all.coveredFraction > r.maxCoverageError {
            out.append(finding("spacing.helmet", .spacing, .error, sessions: [last.number], value: all.coveredFraction, threshold: r.maxCoverageError,
                               "healed dots cover \(Self.n(all.coveredFraction * 100, 1)) % of the treated skin: it will read as a flat helmet, not stubble",
                               why: r.why, fix: "keep dots apart (spacing_factor \(Self.n(ReviewFixes.spacingFactor, 1)), placement: even), finer needles, and a design density within the client's follicular units"))
        }
        return out
    }

    /// Sessions whose dots reached less than `density.minReachedFraction` of the density they
    /// aimed at (cumulative, over the treated area). The spacing rule caps how dense a blue-noise
    /// pattern can get: at `spacing_factor` 1.0 no layout reaches the design density.
    func shortfall(_ result: SimulationResult) -> [ReviewFinding] {
        let r = rules.density
        var short: [(session: Int, reached: Double, aimed: Double)] = []
        for s in result.sessions {
            let m = s.metrics.all
            let aimed = m.meanTargetPerCM2 * s.plan.fractionOfTarget
            if aimed > 0, m.impressionsPerCM2 < r.minReachedFraction * aimed { short.append((s.number, m.impressionsPerCM2, aimed)) }
        }
        guard let worst = short.min(by: { $0.reached / $0.aimed < $1.reached / $1.aimed }) else { return [] }
        let fix = ReviewFixes.shortfallFix(result.plan, reachedFraction: worst.reached / worst.aimed)
        return [finding("density.shortfall", .density, .warning, sessions: short.map(\.session), value: worst.reached / worst.aimed,
                        threshold: r.minReachedFraction,
                        "\(Self.sessionList(short.map(\.session))) reach\(short.count == 1 ? "es" : "") only \(Self.valueList(short.map { "\(Self.n($0.reached, 0)) of \(Self.n($0.aimed, 0))" }))/cm² (below \(Self.n(r.minReachedFraction * 100, 0)) % of the target)",
                        why: r.shortfallWhy, fix: fix.text)]
    }

    /// The colour findings alone (tests); `review` shares one shade advice between these and
    /// the fading findings.
    func colour(_ result: SimulationResult) -> [ReviewFinding] { colour(result) { shadeAdvice(result) } }

    func colour(_ result: SimulationResult, advice shade: () -> ShadeAdvice?) -> [ReviewFinding] {
        let r = rules.colour
        guard let hair = result.colours.hairLab else { return [] }
        let last = result.colours.sessions.count - 1
        var byRule: [String: [(session: Int, value: Double, de: Double, L: Double)]] = [:]
        var order: [String] = []
        for (i, c) in result.colours.sessions.enumerated() {
            // The hair colours are instrument readings, so each layer is compared as read.
            let read = result.colours.skinModel.basis.asRead(c.lab)
            let de = deltaE2000(read, hair)
            let dL = read.L - hair.L
            // Earlier layers are meant to be lighter (shade builds up over sessions): only the
            // finishing layer is held to the hair, and any layer darker than the hair is flagged.
            let mismatched = i == last ? (de > r.maxDeltaE00ToHair || abs(dL) > r.maxLightnessDifference) : -dL > r.maxLightnessDifference
            guard mismatched else { continue }
            let byLightness = abs(dL) > r.maxLightnessDifference
            let rule = byLightness ? (dL < 0 ? "colour.too-dark" : "colour.too-light") : "colour.hair-mismatch"
            if byRule[rule] == nil { order.append(rule) }
            byRule[rule, default: []].append((i + 1, byLightness ? abs(dL) : de, de, read.L))
        }
        guard !order.isEmpty else { return [] }
        let advice = shade()
        return order.map { rule in
            let items = byRule[rule]!
            let byLightness = rule != "colour.hair-mismatch"
            let what = rule == "colour.too-dark" ? "darker" : rule == "colour.too-light" ? "lighter" : "a different colour"
            let worst = items.max { $0.value < $1.value }!
            return finding(rule, .colour, .warning, sessions: items.map(\.session), value: worst.value,
                           threshold: byLightness ? r.maxLightnessDifference : r.maxDeltaE00ToHair,
                           "\(Self.sessionList(items.map(\.session))) heal\(items.count == 1 ? "s" : "") \(what) than the client's hair (L* \(Self.valueList(items.map { Self.n($0.L, 1) })) as read vs \(Self.n(hair.L, 1)), ΔE00 \(Self.valueList(items.map { Self.n($0.de, 1) })))",
                           why: r.why + (advice?.explanation.map { " Here: \($0)." } ?? ""), fix: shadeFix(result, advice: advice))
        }
    }

    /// The shade to recommend for this client, looking ahead with the plan's own fade model.
    func shadeAdvice(_ result: SimulationResult) -> ShadeAdvice? {
        guard let hair = result.colours.hairLab, let fades else { return nil }
        let range = colours.skins.basis.constants.recommendedNeedleDepthRange
        return try? ShadeAdvice(skin: result.colours.skinModel, skinName: result.colours.skinName, pigments: colours.pigments.pigments,
                                hair: hair, hairLabel: result.colours.hairName ?? "the client's", depthRange: range,
                                fadeLibrary: fades, fading: result.plan.fading, touchUp: result.plan.touchUp, rules: rules)
    }

    /// The colour/fading fix: the fade-aware shade, built lighter first over the sessions.
    func shadeFix(_ result: SimulationResult, advice: ShadeAdvice?) -> String {
        guard let best = advice?.best else {
            let s = ReviewFixes.lastingShade(sessions: result.plan.sessions.count)
            return "use dilution \(s.dilutions.map { Self.n($0) }.joined(separator: " → ")) at depth_mm \(Self.n(s.depthMM)) or deeper (shades that last, as the shipped demo)"
        }
        let d = ReviewFixes.dilutionLadder(best.dilution, sessions: result.plan.sessions.count)
        return "stipple color solve (looking \(Self.n(advice!.horizonDays / 365.25, 0)) years ahead) suggests \(best.pigment) at \(Self.n(best.depthMM)) mm, "
            + "dilution \(d.map { Self.n($0) }.joined(separator: " → ")) over the sessions (ΔE00 \(Self.n(best.deltaE00ToTarget, 1)) to the hair)"
    }

    /// A touch-up due early because the colour or the dots fade fast. Density the sessions
    /// never reached is `density.shortfall`, not this (the schedule measures fading against
    /// what was placed).
    func fading(_ result: SimulationResult) -> [ReviewFinding] { fading(result) { shadeAdvice(result) } }

    func fading(_ result: SimulationResult, advice shade: () -> ShadeAdvice?) -> [ReviewFinding] {
        let r = rules.fading
        guard let s = result.outlook?.touchUp.suggestion, s.day < r.minTouchUpDays else { return [] }
        let spread = result.outlook?.touchUp.spread
        let range = spread.map { " (\(Self.n($0.earliest ?? s.day, 0))–\(Self.n($0.latest ?? s.day, 0)) over \($0.seeds.count) seeds)" } ?? ""
        let cause = s.criterion == .colour ? "its colour has moved ΔE00 \(Self.n(result.plan.touchUp.maxDeltaE00, 0)) from healed"
                                           : "its dots have faded to \(Self.n(result.plan.touchUp.minPerceivedFraction * 100, 0)) % of their healed contrast"
        let advice = shade()
        return [finding("fading.early-touch-up", .fading, .warning, region: s.region, value: s.day, threshold: r.minTouchUpDays,
                        "the first touch-up is due on day \(Self.n(s.day, 0)) (\(Self.n(s.day / 365.25, 1)) years)\(range), earlier than the usual 3–6 years: in \(s.region) \(cause)",
                        why: r.why + (advice?.explanation.map { " Here: \($0)." } ?? ""), fix: shadeFix(result, advice: advice))]
    }
}
