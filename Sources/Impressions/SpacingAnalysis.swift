import ScalpModel
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The part of the spacing metrics that depends only on where the dots are: region and treated
/// areas, each dot's region, the neighbour index and the nearest-neighbour statistics.
///
/// A plan measures the same dots several times: after each session, and again at every
/// follow-up with the dots grown by fading spread. The positions do not change between a session
/// and the follow-ups that see the same sessions, so one analysis per session serves them all;
/// only what depends on the dot sizes (merge pairs, covered fraction, Boolean coverage, mean
/// diameter) is recomputed by `report(_:options:)`. Results are bit-identical to measuring each
/// dot set from scratch (`spacingMetrics`, which is this in one call).
public struct SpacingAnalysis: Sendable {
    let chart: SpacingChart
    var regions: RegionMap { chart.regions }
    var target: ScalarField { chart.target }
    /// Region labels + 1 (label 0 = off scalp, kept for "all").
    var labelCount: Int { chart.labelCount }
    /// Region label of each dot, input order.
    let label: [UInt8]
    let index: NeighbourIndex
    /// Each sorted dot's nearest-neighbour distance (index order), to skip the lone ones when
    /// looking for merging pairs.
    let nearestBySorted: [Double]
    /// Nearest-neighbour statistics of "all" (first) and then of each named region.
    let nearest: [NearestNeighbourSummary]
    /// Dots per label.
    let dotsPerLabel: [Int]
    /// The positions analysed (to check that a report is asked for the same dots).
    public let count: Int

    /// Analyses the positions of `impressions` (their sizes are not used). `regions` and
    /// `target` must share one grid.
    /// Cost: O(n) grid build and nearest-neighbour queries plus an O(n) radix sort of the
    /// distances per region; memory O(n).
    public init(positionsOf impressions: [Impression], regions: RegionMap, target: ScalarField,
                coverageResolutionMM: Double = SpacingMetricsOptions().coverageResolutionMM) {
        self.init(positionsOf: impressions,
                  chart: SpacingChart(regions: regions, target: target, coverageResolutionMM: coverageResolutionMM))
    }

    /// As above, on a chart's tables built once for all the dot sets of a plan.
    public init(positionsOf impressions: [Impression], chart: SpacingChart) {
        self.chart = chart
        let regions = chart.regions
        let nr = chart.labelCount
        count = impressions.count

        let positions = impressions.map { SIMD2($0.x, $0.y) }
        label = positions.map { regions.label(x: $0.x, y: $0.y) }
        index = NeighbourIndex(positions)

        // Nearest neighbours among all dots, grouped by region (a counting sort into one flat
        // array), each group sorted once; "all" is the sort of every finite distance (an O(n)
        // radix sort of the Float bit patterns).
        var dotsPerLabel = [Int](repeating: 0, count: nr)
        for l in label { dotsPerLabel[Int(l)] += 1 }
        var offset = [Int](repeating: 0, count: nr + 1)
        for l in 0..<nr { offset[l + 1] = offset[l] + dotsPerLabel[l] }
        var grouped = [Float](repeating: 0, count: positions.count)
        var nearestBySorted = [Double](repeating: .infinity, count: positions.count)
        var fill = offset
        for s in 0..<positions.count {
            let l = Int(label[Int(index.order[s])])
            let d = index.nearestDistance(sortedIndex: s)
            nearestBySorted[s] = d
            grouped[fill[l]] = Float(d)
            fill[l] += 1
        }
        self.nearestBySorted = nearestBySorted
        self.dotsPerLabel = dotsPerLabel
        // Label 0 (off the scalp) counts only in "all".
        nearest = [NearestNeighbourSummary(sorted: sortedFiniteAscending(grouped))] + (1..<nr).map {
            NearestNeighbourSummary(sorted: sortedFiniteAscending(Array(grouped[offset[$0]..<offset[$0 + 1]])))
        }
    }

    /// The full report for dots at the analysed positions with their own sizes (healed, or grown
    /// at a follow-up). `impressions` must be the analysed dots, in the same order.
    public func report(_ impressions: [Impression], options: SpacingMetricsOptions = SpacingMetricsOptions()) -> SpacingReport {
        precondition(impressions.count == count, "report(_:) needs the dots the analysis was built from")
        let nr = labelCount
        let grid = target.grid
        let cellArea = grid.cellAreaCM2
        let regionCells = chart.regionCells, treatedCells = chart.treatedCells, targetSum = chart.targetSum

        // Merge pairs: candidate pairs within 2·max radius + gap (only dots with a neighbour that
        // close take part), exact test per pair. The same walk flags discs that could share a
        // coverage pixel (centres closer than the radii plus one pixel): only those need the
        // per-pixel union; the rest are lone discs (`CoverageRaster.coveredArea`).
        var merges = [Int](repeating: 0, count: nr)
        let radius = impressions.map { Double($0.diameterMM) / 2 }
        let maxR = radius.max() ?? 0
        let pixel = options.coverageResolutionMM
        var overlapping = [Bool](repeating: false, count: impressions.count)
        let gap = options.mergeGapMM
        merges.withUnsafeMutableBufferPointer { merges in
        overlapping.withUnsafeMutableBufferPointer { overlapping in
        radius.withUnsafeBufferPointer { radius in
        label.withUnsafeBufferPointer { label in
            index.forEachClosePair(reach: 2 * maxR + max(gap, pixel), nearest: nearestBySorted) { s, t in
                let i = Int(index.order[s]), j = Int(index.order[t])
                let d = index.sorted[s] - index.sorted[t], d2 = d.x * d.x + d.y * d.y
                let reach = radius[i] + radius[j] + gap
                if d2 < reach * reach { merges[Int(label[min(i, j)])] += 1 }
                let touch = radius[i] + radius[j] + pixel
                if d2 < touch * touch { overlapping[i] = true; overlapping[j] = true }
            }
        } } } }

        let raster = pixel == chart.raster.pixel
            ? chart.raster : CoverageRaster(grid: grid, pixelMM: pixel, labels: regions.labels, target: target.values, labelCount: nr)
        let covered = raster.coveredArea(impressions, overlapping: overlapping)
        let pixelAreaCM2 = pixel * pixel / 100

        var diameterSum = [Double](repeating: 0, count: nr)
        for (i, imp) in impressions.enumerated() { diameterSum[Int(label[i])] += Double(imp.diameterMM) }

        func metrics(name: String, labels: [Int], nearest nn: NearestNeighbourSummary, includeUnlabelledArea: Bool) -> SpacingMetrics {
            let count = labels.reduce(0) { $0 + dotsPerLabel[$1] }
            let areaCells = labels.reduce(0) { $0 + ($1 == 0 && !includeUnlabelledArea ? 0 : regionCells[$1]) }
            let treated = Double(labels.reduce(0) { $0 + treatedCells[$1] }) * cellArea
            let lambdaMM2 = treated > 0 ? Double(count) / (treated * 100) : 0
            let meanD = count > 0 ? labels.reduce(0.0) { $0 + diameterSum[$1] } / Double(count) : nil
            let rBar = (meanD ?? 0) / 2
            return SpacingMetrics(
                region: name, impressions: count,
                regionAreaCM2: Double(areaCells) * cellArea, treatedAreaCM2: treated,
                impressionsPerCM2: treated > 0 ? Double(count) / treated : 0,
                meanTargetPerCM2: treated > 0 ? labels.reduce(0.0) { $0 + targetSum[$1] } * cellArea / treated : 0,
                nearestNeighbourMeanMM: nn.mean,
                nearestNeighbourP5MM: nn.p5,
                nearestNeighbourMinMM: nn.min,
                clarkEvansR: nn.mean.flatMap { lambdaMM2 > 0 ? $0 / (0.5 / lambdaMM2.squareRoot()) : nil },
                mergePairs: labels.reduce(0) { $0 + merges[$1] },
                coveredFraction: treated > 0 ? labels.reduce(0.0) { $0 + covered[$1] } * pixelAreaCM2 / treated : 0,
                booleanModelCoverage: 1 - exp(-lambdaMM2 * Double.pi * rBar * rBar),
                meanHealedDiameterMM: meanD)
        }

        return SpacingReport(
            all: metrics(name: "all", labels: Array(0..<nr), nearest: nearest[0], includeUnlabelledArea: false),
            regions: regions.names.indices.map {
                metrics(name: regions.names[$0], labels: [$0 + 1], nearest: nearest[$0 + 1], includeUnlabelledArea: true)
            })
    }
}

/// What the spacing metrics need of the chart alone, whatever the dots: areas and target sums
/// per region and the coverage lookup tables. The same for every dot set measured on one scalp
/// map, so a plan builds it once for all its sessions and follow-ups.
public struct SpacingChart: Sendable {
    let regions: RegionMap
    let target: ScalarField
    /// Region labels + 1 (label 0 = off scalp, kept for "all").
    let labelCount: Int
    let regionCells: [Int]
    let treatedCells: [Int]
    let targetSum: [Double]
    /// Coverage lookup tables for the default resolution (reports at another build their own).
    let raster: CoverageRaster

    /// `regions` and `target` must share one grid.
    public init(regions: RegionMap, target: ScalarField,
                coverageResolutionMM: Double = SpacingMetricsOptions().coverageResolutionMM) {
        precondition(regions.grid == target.grid, "region map and target must share a grid")
        self.regions = regions
        self.target = target
        let grid = target.grid
        let nr = regions.names.count + 1
        labelCount = nr
        raster = CoverageRaster(grid: grid, pixelMM: coverageResolutionMM,
                                labels: regions.labels, target: target.values, labelCount: nr)
        var regionCells = [Int](repeating: 0, count: nr), treatedCells = regionCells
        var targetSum = [Double](repeating: 0, count: nr)
        for i in 0..<grid.count {
            let l = Int(regions.labels[i]), t = target.values[i]
            regionCells[l] += 1
            if t > 0 { treatedCells[l] += 1; targetSum[l] += Double(t) }
        }
        self.regionCells = regionCells
        self.treatedCells = treatedCells
        self.targetSum = targetSum
    }
}

/// Mean, 5th percentile (nearest rank: the ⌈0.05 n⌉-th smallest) and minimum of a sorted list of
/// finite nearest-neighbour distances; nil when there are none. The mean is summed in ascending
/// order, as it always has been, so figures do not move in the last digit.
struct NearestNeighbourSummary: Sendable {
    let mean: Double?
    let p5: Double?
    let min: Double?

    init(sorted d: [Float]) {
        mean = d.isEmpty ? nil : d.reduce(0.0) { $0 + Double($1) } / Double(d.count)
        p5 = d.isEmpty ? nil : Double(d[max(0, Int((0.05 * Double(d.count)).rounded(.up)) - 1)])
        min = d.first.map(Double.init)
    }
}
