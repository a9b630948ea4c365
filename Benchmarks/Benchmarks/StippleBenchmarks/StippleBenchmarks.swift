import Benchmark
import Rendering

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(metrics: [.wallClock, .throughput, .mallocCountTotal, .peakMemoryResident],
                                           maxDuration: .seconds(5), maxIterations: 50)

    Benchmark("HeatmapPNGPalette2048") { benchmark in
        let image = BenchmarkFixtures.heatmap2048
        benchmark.startMeasurement()
        blackHole(try PNGCodec.encode(image))
    }
}

enum BenchmarkFixtures {
    /// A smooth 2048² palette image like a density heatmap (radial ramp over 200 levels).
    static let heatmap2048: IndexedImage = {
        let n = 2048
        var image = IndexedImage(width: n, height: n, palette: (0..<209).map { RGB(UInt8($0), UInt8(255 - $0), 128) })
        for y in 0..<n {
            for x in 0..<n {
                let dx = Double(x - n / 2), dy = Double(y - n / 2)
                image.pixels[y * n + x] = UInt8(9 + Int((dx * dx + dy * dy).squareRoot() / Double(n) * 280) % 200)
            }
        }
        return image
    }()
}
