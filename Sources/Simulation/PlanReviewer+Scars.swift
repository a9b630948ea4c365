import Foundation

/// Review rules for scar areas (`Data/review/rules.json` `scar`): enough sessions for tissue
/// that takes pigment unevenly, and a camouflage that actually closes the gap to the scar's
/// surroundings (`ScarOutcome.camouflagedDeltaE00`).
extension PlanReviewer {
    func scars(_ result: SimulationResult) -> [ReviewFinding] {
        let r = rules.scar
        var out: [ReviewFinding] = []
        let scarAreas = result.areaOutcomes.filter { $0.scar != nil }
        guard !scarAreas.isEmpty else { return [] }
        let sessions = result.plan.sessions.count
        if sessions < r.minSessions {
            out.append(finding("scar.sessions", .scar, .warning, value: Double(sessions), threshold: Double(r.minSessions),
                               "the plan treats scar tissue in \(sessions) session\(sessions == 1 ? "" : "s"); scar takes pigment unevenly and needs at least \(r.minSessions)",
                               why: r.why, fix: "plan \(r.minSessions) sessions for the scar, fraction_of_target \(ReviewFixes.sessionFractions(count: r.minSessions, final: 1).map { Self.n($0, 2) }.joined(separator: " → ")), \(Self.n(ReviewFixes.sessionGapDays, 0)) days apart (practitioners use 3–4 with 3–6 weeks between)"))
        }
        for o in scarAreas {
            guard let s = o.scar, s.camouflagedDeltaE00 > r.maxCamouflagedDeltaE00 else { continue }
            let fue = s.fueScarCount > 0
            out.append(finding("scar.camouflage", .scar, .note, region: "areas[\(o.index)]", value: s.camouflagedDeltaE00,
                               threshold: r.maxCamouflagedDeltaE00,
                               "area \(o.index) (\(o.kind.rawValue)): the treated scar is still ΔE00 \(Self.n(s.camouflagedDeltaE00, 1)) from its surroundings (untreated \(Self.n(s.untreatedDeltaE00, 1)))",
                               why: r.why,
                               fix: fue ? "one fine dot does not fill a 1 mm white scar: place several impressions in each scar, or a slightly larger needle there, and check the close-up"
                                        : "raise the scar area's target_density_per_cm2 towards the perceived density of the hair around it, or widen transition_mm so the dots blend into the hair"))
        }
        return out
    }
}
