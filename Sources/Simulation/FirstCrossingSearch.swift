/// Finds, for several conditions over the same time steps, the first step at which each holds,
/// evaluating as few steps as possible: the touch-up search, where one step costs a spectral
/// look of every session (~100 k instructions each) and a plan's first crossing lies hundreds of
/// weekly steps out.
///
/// `.weekly` evaluates every step in order, stopping once every condition has held: the
/// reference. `.coarse(stride:)` evaluates every `stride`-th step (and the last), and for each
/// condition that first holds at coarse step c, with the previous coarse step p where it did not,
/// evaluates the steps p + 1 … c − 1 in order and answers the first that holds (else c). Each
/// step is evaluated at most once, so conditions crossing in the same coarse interval share it.
///
/// **When both agree.** If a condition, once it holds, keeps holding at every later step
/// (monotone in time), no step at or before p holds, so the first holding step in (p, c] is the
/// weekly answer: the two agree exactly. A condition that holds only transiently, for fewer than
/// `stride` steps between two coarse steps, may be found later (at a step where it does hold) or
/// not at all. Fading makes the touch-up conditions monotone: colour moves away from the healed
/// colour and contrast falls as pigment is lost (the curves test checks ΔE00 never falls back);
/// the equality is tested against the weekly scan on every shipped plan and template and on
/// extreme fade settings (`TouchUpSearchTests`).
package enum FirstCrossingSearch: Sendable, Equatable {
    case weekly
    case coarse(stride: Int)

    /// The first step in `0..<steps` at which each of `conditions` conditions holds (nil if
    /// none). `holds(step)` returns one flag per condition; `active` lists the conditions to
    /// look for (the others are answered nil without being searched, e.g. a region without dots).
    package func firstSteps<E: Error>(steps: Int, conditions: Int, active: [Int],
                                      holds: (Int) throws(E) -> [Bool]) throws(E) -> [Int?] {
        var first = [Int?](repeating: nil, count: conditions)
        var pending = active
        var memo: [Int: [Bool]] = [:]
        func evaluate(_ step: Int) throws(E) -> [Bool] {
            if let known = memo[step] { return known }
            let flags = try holds(step)
            memo[step] = flags
            return flags
        }
        switch self {
        case .weekly:
            var step = 0
            while step < steps, !pending.isEmpty {
                let flags = try evaluate(step)
                pending.removeAll { c in
                    guard flags[c] else { return false }
                    first[c] = step
                    return true
                }
                step += 1
            }
        case .coarse(let stride):
            precondition(stride >= 1, "FirstCrossingSearch: stride must be ≥ 1")
            guard steps > 0 else { return first }
            var previous = -1
            var step = 0
            while !pending.isEmpty {
                let flags = try evaluate(step)
                var crossed: [Int] = []
                pending.removeAll { c in
                    guard flags[c] else { return false }
                    crossed.append(c)
                    return true
                }
                for c in crossed {
                    var found = step
                    for fine in (previous + 1)..<step {
                        if try evaluate(fine)[c] {
                            found = fine
                            break
                        }
                    }
                    first[c] = found
                }
                if step == steps - 1 { break }
                previous = step
                step = min(step + stride, steps - 1)
            }
        }
        return first
    }
}
