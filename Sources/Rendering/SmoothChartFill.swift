/// Chart cells drawn into a true-colour image without stair-steps: every chart map and the
/// whole-head overview paint through here, so a hairline, a scalp edge or a region boundary
/// reads as the smooth curve it is rather than as the 1 mm cells it is stored on.
public enum SmoothChartFill {
    /// Paints `cells` (one colour per cell of `field`) over the chart area of `frame`. Both the
    /// colour and `field` are read through the cubic B-spline over the 4 × 4 cells around each
    /// pixel — a smoothing kernel, so an edge stored as a staircase of 1 mm cells reads as the
    /// curve it approximates — the colour among the cells whose `field` value is above 0 only
    /// (so the page does not bleed in; in sRGB bytes: neighbouring cells differ little). The
    /// shown area ends where the smoothed `field` crosses `edge`, with one pixel of coverage
    /// ramp from the distance to that contour (the value's excess over `edge` over its exact
    /// gradient); edge pixels blend with what is already on the canvas, in linear light.
    public static func paint(_ canvas: inout RGBCanvas, frame: ChartFrame, cells: [RGB], field: ChartRaster, edge: Float) {
        precondition(cells.count == field.values.count, "one colour per cell")
        let w = frame.chartWidth, h = frame.chartHeight
        let taps = CellTaps(frame: frame, raster: field)
        let gw = field.width, gh = field.height
        let perPixel2 = taps.perPixel * taps.perPixel
        // The kernel is separable: a horizontal pass per cell row and pixel column gives the
        // sums a pixel's vertical pass combines over four rows (4 + 4 taps instead of 16).
        // Per (pixel column, cell row), the rows of one column contiguous for the vertical pass:
        // weight of the cells on the field, value, its x-derivative, and the colour channels
        // weighted by the cells on the field. Three empty rows pad each end, so the vertical pass
        // reads four rows without bounds tests.
        let stride = 6, paddedRows = gh + 6   // the vertical pass reads rows at stride 6
        var pass = [Float](repeating: 0, count: w * paddedRows * stride)
        field.values.withUnsafeBufferPointer { values in
            cells.withUnsafeBufferPointer { cells in
                pass.withUnsafeMutableBufferPointer { pass in
                    for cy in 0..<gh {
                        for i in 0..<w {
                            let (x0, kx) = taps.columns[i]
                            guard x0 >= -2, x0 <= gw else { continue }
                            var weight: Float = 0, v: Float = 0, dv: Float = 0, r: Float = 0, g: Float = 0, b: Float = 0
                            for at in 0..<4 {
                                let cx = x0 - 1 + at
                                guard cx >= 0, cx < gw else { continue }
                                let k = cy * gw + cx, vk = values[k]
                                guard vk > 0 else { continue }
                                let wk = kx.w[at]
                                weight += wk; v += wk * vk; dv += kx.d[at] * vk
                                let c = cells[k]
                                r += wk * Float(c.r); g += wk * Float(c.g); b += wk * Float(c.b)
                            }
                            let o = (i * paddedRows + cy + 3) * stride
                            pass[o] = weight; pass[o + 1] = v; pass[o + 2] = dv
                            pass[o + 3] = r; pass[o + 4] = g; pass[o + 5] = b
                        }
                    }
                }
            }
        }
        let imageWidth = canvas.image.width, imageHeight = canvas.image.height
        pass.withUnsafeBufferPointer { pass in
            canvas.image.bytes.withUnsafeMutableBufferPointer { bytes in
                for j in 0..<h {
                    let (y0, ky) = taps.rows[j]
                    let py = frame.top + j
                    guard y0 >= -2, y0 <= gh, py >= 0, py < imageHeight else { continue }
                    let wy = ky.w, dy = ky.d
                    for i in 0..<w {
                        let px = frame.left + i
                        guard px >= 0, px < imageWidth else { continue }
                        // Rows y0 − 1 … y0 + 2, padded: row cy sits at cy + 3.
                        let o = (i * paddedRows + y0 + 2) * stride
                        let q = pass.baseAddress! + o
                        let values = SIMD4(q[1], q[7], q[13], q[19])
                        let weight = (wy * SIMD4(q[0], q[6], q[12], q[18])).sum(), v = (wy * values).sum()
                        let gx = (wy * SIMD4(q[2], q[8], q[14], q[20])).sum(), gy = (dy * values).sum()
                        let r = (wy * SIMD4(q[3], q[9], q[15], q[21])).sum(), g = (wy * SIMD4(q[4], q[10], q[16], q[22])).sum()
                        let b = (wy * SIMD4(q[5], q[11], q[17], q[23])).sum()
                        guard weight > 1e-6 else { continue }
                        // Coverage (v − edge)/slope + ½, clamped; most pixels are clear of the edge
                        // by more than half a pixel, which the squares decide without a root.
                        let excess = v - edge, slope2 = (gx * gx + gy * gy) * perPixel2
                        var alpha: Float = 1
                        if excess * excess < 0.25 * slope2 || excess <= 0 {
                            let slope = max(1e-6, slope2.squareRoot())
                            alpha = min(1, max(0, excess / slope + 0.5))
                            guard alpha > 0 else { continue }
                        }
                        let inverse = 1 / weight
                        let colour = RGB(UInt8(min(255, r * inverse + 0.5)), UInt8(min(255, g * inverse + 0.5)),
                                         UInt8(min(255, b * inverse + 0.5)))
                        RGBCanvas.blend(bytes, at: 3 * (py * imageWidth + px), colour, alpha)
                    }
                }
            }
        }
    }

    /// Lines `width` pixels wide between differently labelled regions (label 0, off the chart,
    /// borders nothing), anti-aliased and rounded: per pixel, each label's indicator is read
    /// through the cubic B-spline over the 4 × 4 cells around it (a smoothing kernel, so a
    /// round region stored as a staircase of cells reads as a round line), and the line runs
    /// where the two strongest labels weigh the same. Coverage comes from the distance to that
    /// contour — their weight difference over its gradient, both exact from the kernel.
    public static func strokeBoundaries(_ canvas: inout RGBCanvas, frame: ChartFrame, labels: ChartRaster, width: Double, _ ink: RGB) {
        let w = frame.chartWidth, h = frame.chartHeight
        let taps = CellTaps(frame: frame, raster: labels)
        let gw = labels.width, gh = labels.height
        let perPixel = taps.perPixel
        let reach = Float(width / 2 + 0.5)
        // Whether the 4 × 4 cells a pixel at cell (x0, y0) reads hold two nonzero labels; most
        // pixels are far from any boundary and skip the kernel.
        var mixed = [Bool](repeating: false, count: (gw + 3) * (gh + 3))
        for y0 in -2...gh {
            for x0 in -2...gw {
                var first: Float = 0, two = false
                for cy in max(0, y0 - 1)..<min(gh, y0 + 3) where !two {
                    for cx in max(0, x0 - 1)..<min(gw, x0 + 3) {
                        let l = labels.values[cy * gw + cx]
                        if l == 0 { continue }
                        if first == 0 { first = l } else if l != first { two = true; break }
                    }
                }
                mixed[(y0 + 2) * (gw + 3) + x0 + 2] = two
            }
        }
        labels.values.withUnsafeBufferPointer { values in
            for j in 0..<h {
                let (y0, ky) = taps.rows[j]
                guard y0 >= -2, y0 <= gh else { continue }
                for i in 0..<w {
                    let (x0, kx) = taps.columns[i]
                    guard x0 >= -2, x0 <= gw, mixed[(y0 + 2) * (gw + 3) + x0 + 2] else { continue }
                    var label = SIMD8<Float>(repeating: 0), weight = SIMD8<Float>(repeating: 0)
                    var dx = SIMD8<Float>(repeating: 0), dy = SIMD8<Float>(repeating: 0)
                    var distinct = 0
                    for b in 0..<4 {
                        let cy = y0 - 1 + b
                        guard cy >= 0, cy < gh else { continue }
                        for a in 0..<4 {
                            let cx = x0 - 1 + a
                            guard cx >= 0, cx < gw else { continue }
                            let l = values[cy * gw + cx]
                            guard l != 0 else { continue }
                            var k = 0
                            while k < distinct && label[k] != l { k += 1 }
                            guard k < 8 else { continue }
                            if k == distinct { label[k] = l; distinct += 1 }
                            weight[k] += kx.w[a] * ky.w[b]
                            dx[k] += kx.d[a] * ky.w[b]
                            dy[k] += kx.w[a] * ky.d[b]
                        }
                    }
                    guard distinct >= 2 else { continue }
                    var first = 0, second = 1
                    if weight[second] > weight[first] { swap(&first, &second) }
                    for k in 2..<max(2, distinct) {
                        if weight[k] > weight[first] { second = first; first = k } else if weight[k] > weight[second] { second = k }
                    }
                    let d = weight[first] - weight[second]
                    let gx = (dx[first] - dx[second]) * perPixel, gy = (dy[first] - dy[second]) * perPixel
                    let slope = max(1e-6, (gx * gx + gy * gy).squareRoot())
                    // Faded out where the two labels hold little of the kernel (the scalp's
                    // edge), so a boundary ends at the edge instead of turning along it.
                    let held = min(1, max(0, (weight[first] + weight[second] - 0.3) / 0.4))
                    let cover = min(1, max(0, reach - d / slope)) * held
                    guard cover > 0 else { continue }
                    canvas.blend(frame.left + i, frame.top + j, ink, cover)
                }
            }
        }
    }

    /// Puts `paper` back outside `polygon` (pixel coordinates, closed), so cells that straddle
    /// an outline (stored whole) end at the outline, not at their staircase. Per pixel row, the
    /// polygon's crossings at the row's centre bound the inside spans; the pixels a crossing
    /// falls in keep the inside share of their width (horizontal anti-aliasing; the outline's
    /// own anti-aliased stroke covers the rest).
    public static func clip(_ canvas: inout RGBCanvas, frame: ChartFrame, toPolygon polygon: [(x: Double, y: Double)], paper: RGB) {
        guard polygon.count >= 3 else { return }
        let x0 = frame.left, x1 = frame.left + frame.chartWidth
        for py in frame.top..<(frame.top + frame.chartHeight) {
            let yc = Double(py) + 0.5
            var crossings: [Double] = []
            for k in polygon.indices {
                let a = polygon[k], b = polygon[(k + 1) % polygon.count]
                if (a.y <= yc) != (b.y <= yc) { crossings.append(a.x + (yc - a.y) / (b.y - a.y) * (b.x - a.x)) }
            }
            crossings.sort()
            // Inside share of pixel [px, px + 1): the length of its overlap with the spans.
            func insideShare(_ px: Int) -> Double {
                var share = 0.0
                var k = 0
                while k + 1 < crossings.count {
                    share += max(0, min(Double(px + 1), crossings[k + 1]) - max(Double(px), crossings[k]))
                    k += 2
                }
                return share
            }
            for px in x0..<x1 {
                let share = insideShare(px)
                if share < 1 { canvas.blend(px, py, paper, Float(1 - share)) }
            }
        }
    }
}

/// Cubic B-spline weights (and their derivatives) of the four cells around a point at
/// fraction `t` past the second: a smoothing kernel whose contours of a cell staircase are round.
struct BSpline {
    let w: SIMD4<Float>, d: SIMD4<Float>

    init(t: Float) {
        let u = 1 - t, t2 = t * t, t3 = t2 * t
        w = SIMD4(u * u * u / 6, (3 * t3 - 6 * t2 + 4) / 6, (-3 * t3 + 3 * t2 + 3 * t + 1) / 6, t3 / 6)
        d = SIMD4(-u * u / 2, (3 * t2 - 4 * t) / 2, (-3 * t2 + 2 * t + 1) / 2, t2 / 2)
    }
}

/// For one frame and raster: per pixel column and row, the cell left of / above the pixel's
/// centre (cell centres at integers) and the B-spline kernel at the pixel's fraction past it;
/// and the kernel's derivative scale, cells per pixel.
struct CellTaps {
    let columns: [(cell: Int, kernel: BSpline)]
    let rows: [(cell: Int, kernel: BSpline)]
    let perPixel: Float

    init(frame: ChartFrame, raster: ChartRaster) {
        func axis(_ count: Int, _ frameOrigin: Double, _ rasterOrigin: Double) -> [(cell: Int, kernel: BSpline)] {
            (0..<count).map { i in
                let f = (frameOrigin + (Double(i) + 0.5) / frame.pixelsPerMM - rasterOrigin) / raster.cellSize - 0.5
                return (Int(f.rounded(.down)), BSpline(t: Float(f - f.rounded(.down))))
            }
        }
        columns = axis(frame.chartWidth, frame.minX, raster.minX)
        rows = axis(frame.chartHeight, frame.minY, raster.minY)
        perPixel = Float(1 / (raster.cellSize * frame.pixelsPerMM))
    }
}
