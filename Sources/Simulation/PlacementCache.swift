import Foundation
import Impressions
import Plans
import ScalpModel

/// Everything dot placement reads of a plan, and nothing else.
///
/// `SimulationEngine.positions(for:)` takes this instead of the plan, so the compiler keeps the
/// cache key honest: a field placement does not see cannot make two plans share dots wrongly.
/// The shade (pigment, dilution, depth, needle, grouping), the skin, the fading and the follow-ups
/// are not here: they change how dots heal, look and fade, not where they fall. So plans that
/// differ only in those (a sweep over depth and skin, the studio's shade controls, the review's
/// fixes) place their dots once.
struct PlacementInputs: Equatable, Sendable {
    let headCircumferenceMM: Double
    let hairLoss: HairLossStage
    let nativeHairDensity: Double
    /// The whole design: its merge gap is only counted afterwards, so keying on it makes a
    /// stricter key (fewer hits), never a wrong one.
    let design: Plan.Design
    let areas: [TreatmentArea]
    /// Each session's cumulative fraction of the target, in order.
    let fractions: [Double]
    let seed: UInt64
    /// The engine's raster resolution (a `var` of the engine, so part of the key).
    let cellSizeMM: Double

    init(_ plan: Plan, cellSizeMM: Double) {
        headCircumferenceMM = plan.client.headCircumferenceMM
        hairLoss = plan.client.hairLoss
        nativeHairDensity = plan.client.nativeHairDensity
        design = plan.design
        areas = plan.areas
        fractions = plan.sessions.map(\.fractionOfTarget)
        seed = plan.seed
        self.cellSizeMM = cellSizeMM
    }
}

/// Where one plan's dots fall, session by session, before healing gives them a size.
struct PlacedPositions: Sendable {
    let chart: HeadChart
    let scalp: ScalpMap
    let hair: HairAmongDots?
    let target: ScalarField
    let rule: SpacingRule
    /// Per session: the new dots' centres (FUE scar dots first in session 1) and the number the
    /// sampler expected.
    let sessions: [(positions: [SIMD2<Double>], expected: Double)]
}

/// The last few placements, by their inputs (shared by copies of the engine, like
/// `HeadChartCache`). Placement is most of a plan's compute without pictures, and it is a pure
/// function of `PlacementInputs` (and the engine's immutable atlas and rules), so a hit returns
/// exactly what placing again would.
final class PlacementCache: @unchecked Sendable {
    /// Enough for one plan's touch-up seeds (the commands run at most 5) and a few plans beside.
    static let capacity = 8
    private var entries: [(inputs: PlacementInputs, placed: PlacedPositions)] = []
    private let lock = NSLock()

    func placed(_ inputs: PlacementInputs) -> PlacedPositions? {
        lock.withLock {
            guard let i = entries.firstIndex(where: { $0.inputs == inputs }) else { return nil }
            let hit = entries.remove(at: i)
            entries.append(hit)  // most recently used last
            return hit.placed
        }
    }

    func insert(_ placed: PlacedPositions, for inputs: PlacementInputs) {
        lock.withLock {
            guard !entries.contains(where: { $0.inputs == inputs }) else { return }
            if entries.count >= Self.capacity { entries.removeFirst() }
            entries.append((inputs, placed))
        }
    }
}
