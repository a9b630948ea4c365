import Impressions
import ScalpModel

/// What the touch-up search needs to know about one placement of a plan's dots: how many dots
/// of each session lie in each region, each region's treated area and mean target, and the
/// density placed there. Everything else the search uses (each session's faded look on a day)
/// does not depend on where the dots fell, so one look per day serves every seed's census
/// (`TouchUpSchedule.schedules`).
package struct TouchUpCensus: Sendable {
    /// Region names, then "all".
    let names: [String]
    /// Dots of each session (index = session − 1) per region (last index = all regions).
    let counts: [[Int]]
    /// Treated area per region (+ all), cm²: cells whose target is above zero.
    let treatedArea: [Double]
    /// Mean design target per region (+ all), impressions/cm² (among hair: hair + shortfall).
    let meanTarget: [Double]
    /// Among hair (Ludwig/Savin): follicles per region (+ all), which never fade.
    let hairCounts: [Int]?

    /// Dots (and hair) placed per cm² of treated area: what the sessions reached.
    var placedDensity: [Double] {
        names.indices.map { r in
            let dots = counts.reduce(0) { $0 + $1[r] } + (hairCounts?[r] ?? 0)
            return treatedArea[r] > 0 ? Double(dots) / treatedArea[r] : 0
        }
    }

    /// The density the touch-up criterion measures fading against: the target, or what was
    /// placed when the sessions fell short of it. A touch-up re-pigments faded dots; a density
    /// the sessions never reached is the review's `density.shortfall`, not fading, so it must
    /// not make a region "due" on the day of the last session.
    var fadingReference: [Double] { zip(meanTarget, placedDensity).map { min($0, $1) } }

    /// `regions` labels the cells of `target` (same grid); `impressions` carry their session.
    /// Areas and means follow `SpacingAnalysis`'s arithmetic exactly (cells × cell area, target
    /// sums per label in cell order), so the plan's own census equals its session metrics.
    init(impressions: [Impression], sessions: Int, regions: RegionMap, target: ScalarField, hair: HairAmongDots?) {
        let n = regions.names.count
        names = regions.names + ["all"]
        var counts = [[Int]](repeating: [Int](repeating: 0, count: n + 1), count: sessions)
        for dot in impressions {
            let label = Int(regions.label(x: dot.x, y: dot.y))
            let k = Int(dot.session) - 1
            if label > 0 { counts[k][label - 1] += 1 }
            counts[k][n] += 1
        }
        self.counts = counts
        // Per label (0 = off the regions, counted in "all" only), as SpacingChart does.
        var treatedCells = [Int](repeating: 0, count: n + 1), targetSum = [Double](repeating: 0, count: n + 1)
        for i in 0..<target.grid.count {
            let l = Int(regions.labels[i]), t = target.values[i]
            if t > 0 { treatedCells[l] += 1; targetSum[l] += Double(t) }
        }
        let cellArea = target.grid.cellAreaCM2
        let groups = (0..<n).map { [$0 + 1] } + [Array(0...n)]
        let treated = groups.map { g in Double(g.reduce(0) { $0 + treatedCells[$1] }) * cellArea }
        treatedArea = treated
        if let hair {
            var hairCounts = [Int](repeating: 0, count: n + 1)
            for f in hair.follicles {
                let label = Int(regions.label(x: f.x, y: f.y))
                if label > 0 { hairCounts[label - 1] += 1 }
                hairCounts[n] += 1
            }
            var sum = [Double](repeating: 0, count: n + 1), cells = sum
            for i in 0..<hair.perceivedTarget.values.count where hair.shortfall.values[i] > 0 {
                let label = Int(regions.labels[i]), v = Double(hair.perceivedTarget.values[i])
                if label > 0 { sum[label - 1] += v; cells[label - 1] += 1 }
                sum[n] += v; cells[n] += 1
            }
            self.hairCounts = hairCounts
            meanTarget = zip(sum, cells).map { $1 > 0 ? $0 / $1 : 0 }
        } else {
            hairCounts = nil
            meanTarget = groups.indices.map { k in
                treated[k] > 0 ? groups[k].reduce(0.0) { $0 + targetSum[$1] } * cellArea / treated[k] : 0
            }
        }
    }
}
