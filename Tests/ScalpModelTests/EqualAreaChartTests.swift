import Foundation
import Testing
@testable import ScalpModel

@Suite("Equal-area chart")
struct EqualAreaChartTests {
    static let chart = try! HeadChart()

    /// Surface area of the preimage of a chart square, measured by mapping a fine mesh of the
    /// square back to 3-D and summing triangle areas: independent of the J formula.
    static func preimageArea(_ chart: HeadChart, x0: Double, y0: Double, side: Double, n: Int = 24) -> Double {
        func p(_ i: Int, _ j: Int) -> SIMD3<Double> {
            let (t, f) = chart.surfaceAngles(x: x0 + side * Double(i) / Double(n), y: y0 + side * Double(j) / Double(n))
            let s = chart.surfacePoint(theta: t, phi: f)
            return SIMD3(s.x, s.y, s.z)
        }
        func tri(_ a: SIMD3<Double>, _ b: SIMD3<Double>, _ c: SIMD3<Double>) -> Double {
            let u = b - a, v = c - a
            let cr = SIMD3(u.y * v.z - u.z * v.y, u.z * v.x - u.x * v.z, u.x * v.y - u.y * v.x)
            return (cr * cr).sum().squareRoot() / 2
        }
        var area = 0.0
        for i in 0..<n { for j in 0..<n {
            area += tri(p(i, j), p(i + 1, j), p(i + 1, j + 1)) + tri(p(i, j), p(i + 1, j + 1), p(i, j + 1))
        } }
        return area
    }

    @Test("a 10 mm chart square maps from 100 mm² of skin (±0.5 %)",
          arguments: [(-5.0, 60.0), (40.0, 100.0), (-90.0, 150.0), (30.0, 230.0), (100.0, 170.0)])
    func smallSquare(origin: (Double, Double)) {
        let area = Self.preimageArea(Self.chart, x0: origin.0, y0: origin.1, side: 10)
        #expect(abs(area / 100 - 1) < 0.005, "preimage area \(area) mm²")
    }

    @Test("total chart area equals the ellipsoid cap area from an independent 3-D mesh (±0.3 %)")
    func totalArea() {
        let chart = Self.chart
        // Independent: triangulate the cap in (θ, φ) on the 3-D surface.
        let nPhi = 720, nTheta = 400
        var cap = 0.0
        func pt(_ t: Double, _ f: Double) -> SIMD3<Double> {
            let s = chart.surfacePoint(theta: t, phi: f); return SIMD3(s.x, s.y, s.z)
        }
        func tri(_ a: SIMD3<Double>, _ b: SIMD3<Double>, _ c: SIMD3<Double>) -> Double {
            let u = b - a, v = c - a
            let cr = SIMD3(u.y * v.z - u.z * v.y, u.z * v.x - u.x * v.z, u.x * v.y - u.y * v.x)
            return (cr * cr).sum().squareRoot() / 2
        }
        for k in 0..<nPhi {
            let f0 = 2 * Double.pi * Double(k) / Double(nPhi), f1 = 2 * Double.pi * Double(k + 1) / Double(nPhi)
            let fm = (f0 + f1) / 2
            let edge = Double.pi / 2 + chart.bandBelowAtBack * (1 - cos(fm)) / 2
            for i in 0..<nTheta {
                let t0 = edge * Double(i) / Double(nTheta), t1 = edge * Double(i + 1) / Double(nTheta)
                cap += tri(pt(t0, f0), pt(t1, f0), pt(t1, f1)) + tri(pt(t0, f0), pt(t1, f1), pt(t0, f1))
            }
        }
        #expect(abs(chart.areaMM2 / cap - 1) < 0.003, "chart \(chart.areaMM2) vs cap \(cap)")
        // Counting grid cells inside the chart gives the same area.
        let b = chart.bounds
        var inside = 0
        var y = b.minY + 0.5
        while y < b.maxY { var x = b.minX + 0.5; while x < b.maxX { if chart.contains(x: x, y: y) { inside += 1 }; x += 1 }; y += 1 }
        #expect(abs(Double(inside) / cap - 1) < 0.005)
    }

    @Test("forward and inverse maps agree; the glabella is at y = 0 and the vertex on the midline")
    func roundTrip() {
        let chart = Self.chart
        let g = chart.chartPoint(theta: Double.pi / 2, phi: 0)
        #expect(abs(g.x) < 1e-9 && abs(g.y) < 1e-9)
        let v = chart.chartPoint(theta: 0, phi: 1)
        #expect(abs(v.x) < 1e-9 && abs(v.y - chart.glabellaRadius) < 1e-9)
        for (t, f) in [(0.3, 0.2), (1.2, -2.0), (1.6, 2.9), (0.9, 1.5)] {
            let p = chart.chartPoint(theta: t, phi: f)
            let back = chart.surfaceAngles(x: p.x, y: p.y)
            #expect(abs(back.theta - t) < 1e-7 && abs(back.phi - f) < 1e-9)
        }
        // Right of the client is +x.
        #expect(chart.chartPoint(theta: 1, phi: Double.pi / 2).x > 0)
    }

    @Test("skin height along the midline maps to chart y monotonically and compresses near the brow")
    func midlineHeight() {
        let chart = Self.chart
        let y68 = chart.chartY(heightAboveBrowMM: 68), y80 = chart.chartY(heightAboveBrowMM: 80)
        #expect(y80 > y68)
        #expect(y68 < 68)
        #expect(abs(chart.chartY(heightAboveBrowMM: 0)) < 1e-6)
        #expect(abs(chart.chartY(heightAboveBrowMM: chart.glabellaToVertexArcMM) - chart.glabellaRadius) < 1e-6)
    }

    @Test("outline: contains() agrees with the outline radius, and the band reaches lower at the back")
    func outline() {
        let chart = Self.chart
        let pts = chart.outline(points: 90)
        #expect(pts.count == 90)
        let back = chart.outlineRadius(phi: Double.pi), front = chart.outlineRadius(phi: 0)
        #expect(abs(front - chart.glabellaRadius) < 1e-6)
        #expect(back > front)
        #expect(chart.contains(x: 0, y: 1))
        #expect(!chart.contains(x: 0, y: -1))
    }
}
