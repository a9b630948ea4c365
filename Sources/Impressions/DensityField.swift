import ScalpModel
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Local density of impressions in impressions/cm², for heatmaps.
///
/// Dots are counted per cell of `grid`, then smoothed with a separable Gaussian of standard
/// deviation `smoothingMM` (truncated at 3σ; 0 = no smoothing, raw counts ÷ cell area).
///
/// Edge handling (normalised convolution): only cells inside `mask` (value > 0; nil = the whole
/// grid) take part, and each output cell is Σ w·count / Σ w·cellArea over masked cells. A uniform
/// density therefore maps to itself everywhere inside the mask, including at the scalp edge and
/// the grid border, instead of being darkened by the empty outside. Dots in cells outside the mask
/// are ignored, and cells outside the mask are 0.
public func densityField(of impressions: [Impression], on grid: ChartGrid, smoothingMM: Double,
                         mask: ScalarField? = nil) -> ScalarField {
    precondition(smoothingMM >= 0)
    precondition(mask == nil || mask!.grid == grid, "mask must be on the same grid")
    let n = grid.count
    var inside = [Double](repeating: 1, count: n)
    if let mask { for i in 0..<n { inside[i] = mask.values[i] > 0 ? 1 : 0 } }
    var counts = [Double](repeating: 0, count: n)
    for d in impressions {
        if let i = grid.index(x: d.x, y: d.y) { counts[i] += inside[i] }
    }
    var area = inside.map { $0 * grid.cellAreaCM2 }
    if smoothingMM > 0 {
        let kernel = gaussianKernel(sigmaCells: smoothingMM / grid.cellSize)
        counts = separableConvolve(counts, width: grid.width, height: grid.height, kernel: kernel)
        area = separableConvolve(area, width: grid.width, height: grid.height, kernel: kernel)
    }
    var out = [Float](repeating: 0, count: n)
    for i in 0..<n where inside[i] > 0 && area[i] > 0 { out[i] = Float(counts[i] / area[i]) }
    return ScalarField(grid: grid, values: out)
}

/// Distance from each impression to its nearest other impression, mm, in input order
/// (∞ for a lone dot). Grid-accelerated, O(n) for even patterns; for a spacing map.
public func nearestNeighbourDistances(_ impressions: [Impression]) -> [Float] {
    nearestNeighbourDistances(impressions.map { SIMD2($0.x, $0.y) })
}

/// `nearestNeighbourDistances` for bare positions.
public func nearestNeighbourDistances(_ positions: [SIMD2<Double>]) -> [Float] {
    let index = NeighbourIndex(positions)
    var out = [Float](repeating: .infinity, count: positions.count)
    for s in 0..<positions.count { out[Int(index.order[s])] = Float(index.nearestDistance(sortedIndex: s)) }
    return out
}

/// Gaussian weights over ±ceil(3σ) cells, left unnormalised: the density is a ratio of two
/// convolutions with the same kernel, so the kernel's sum cancels.
func gaussianKernel(sigmaCells: Double) -> [Double] {
    let h = max(1, Int((3 * sigmaCells).rounded(.up)))
    return (-h...h).map { exp(-0.5 * Double($0 * $0) / (sigmaCells * sigmaCells)) }
}

/// Rows then columns, zero outside the grid.
func separableConvolve(_ v: [Double], width: Int, height: Int, kernel: [Double]) -> [Double] {
    let h = kernel.count / 2
    var tmp = [Double](repeating: 0, count: v.count), out = tmp
    for r in 0..<height {
        let base = r * width
        for c in 0..<width {
            var s = 0.0
            for k in max(-h, -c)...min(h, width - 1 - c) { s += kernel[k + h] * v[base + c + k] }
            tmp[base + c] = s
        }
    }
    for r in 0..<height {
        for c in 0..<width {
            var s = 0.0
            for k in max(-h, -r)...min(h, height - 1 - r) { s += kernel[k + h] * tmp[(r + k) * width + c] }
            out[r * width + c] = s
        }
    }
    return out
}
