import Foundation
import Impressions
import ScalpModel

/// FUE scar camouflage: the first session puts one impression at the centre of each generated
/// FUE scar, as practitioners "dot" every scar so the pale disc reads as a follicle instead of
/// a gap (**assumption**: one impression per scar, in the first session; SMP practice
/// descriptions, Data/SOURCES.md "Scar tissue"). The rest of the session fills around them as
/// usual, and they count towards its density. A scar is skipped when its dot would break the
/// spacing rule with a scar dot already taken (scars may lie closer than the rule where the
/// area asks for little density), or where the area asks for no dots.
enum ScarDotting {
    static func centres(_ scalp: ScalpMap, target: ScalarField, rule: SpacingRule) -> [SIMD2<Double>] {
        guard let layout = scalp.areas else { return [] }
        var taken: [(p: SIMD2<Double>, r: Double)] = []
        for scars in layout.fueScars {
            for s in scars {
                guard let r = rule.radiusMM(x: s.centre.x, y: s.centre.y, finalTarget: target) else { continue }
                let p = SIMD2(s.centre.x, s.centre.y)
                let clear = taken.allSatisfy { t in
                    let d = p - t.p
                    return (d * d).sum() >= pow(max(r, t.r), 2)
                }
                if clear { taken.append((p, r)) }
            }
        }
        return taken.map(\.p)
    }
}
