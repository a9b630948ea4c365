import Testing
import ScalpModel
@testable import Impressions

@Suite("Density field")
struct DensityFieldTests {
    /// One dot at the centre of every cell of the left half of a 20×20 mm, 1 mm grid: 100/cm².
    static let grid = ChartGrid(covering: 0, 0, 20, 20, cellSize: 1)
    static let dots = (0..<200).map {
        Impression(x: 0.5 + Double($0 % 10), y: 0.5 + Double($0 / 10), diameterMM: 0.1, depthMM: 0.6, session: 1)
    }

    @Test("raw counts divide by the cell area")
    func raw() {
        let f = densityField(of: Self.dots, on: Self.grid, smoothingMM: 0)
        #expect(f.value(x: 3, y: 3) == 100 && f.value(x: 15, y: 3) == 0)
    }

    @Test("with a mask, a uniform density maps to itself up to the mask edge")
    func maskedEdge() {
        let mask = ScalarField(grid: Self.grid, values: (0..<400).map { $0 % 20 < 10 ? 1 : 0 })
        let f = densityField(of: Self.dots, on: Self.grid, smoothingMM: 2, mask: mask)
        for i in 0..<400 {
            if i % 20 < 10 { #expect(abs(f.values[i] - 100) < 1e-3) } else { #expect(f.values[i] == 0) }
        }
    }

    @Test("without a mask the edge of the dotted area is smoothed down (and the far side up)")
    func unmaskedEdge() {
        let f = densityField(of: Self.dots, on: Self.grid, smoothingMM: 2)
        #expect(f.value(x: 9.5, y: 10) < 80 && f.value(x: 10.5, y: 10) > 20)
        #expect(abs(f.value(x: 0.5, y: 0.5) - 100) < 1)  // grid border itself is normalised
    }

    @Test("nearest-neighbour distances: lone dot is infinite, pairs are exact")
    func nearest() {
        #expect(nearestNeighbourDistances([SIMD2<Double>(1, 1)]) == [.infinity])
        let nn = nearestNeighbourDistances([SIMD2<Double>(0, 0), SIMD2(3, 4), SIMD2(100, 0)])
        #expect(nn[0] == 5 && nn[1] == 5 && abs(nn[2] - Float(9425.0.squareRoot())) < 1e-4)  // |(97, −4)|
        #expect(nearestNeighbourDistances([SIMD2<Double>]()).isEmpty)
    }
}
