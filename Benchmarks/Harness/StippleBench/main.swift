// stipple-bench: runs one named Stipple task in-process and prints its rate, for
// Benchmarks/compare (which runs the same work in Python and prints both).
//
//   stipple-bench poisson  --side MM --radius MM [--attempts K] [--repeat N] [--dump FILE]
//   stipple-bench session  --field uniform|graded [--side MM] [--last-layer 0|1] [--repeat N] [--dump FILE]
//   stipple-bench delta-e  --input FILE.f64 [--repeat N] [--dump FILE]
//   stipple-bench png      --kind palette|rgb [--level L] [--filter none|sub|up|adaptive] [--from FILE.png] [--repeat N] [--dump FILE]
//   stipple-bench heatmap  --dump FILE          (raw 2048² indices + palette for the Python side)
//   stipple-bench skin     --count N [--repeat N]
//   stipple-bench plan     [--plan FILE] [--data DIR] [--repeat N]   (whole plan, images none; WholePlan.swift)
//
// Output: one line of `key=value` pairs, always with `seconds` (median of the repeats, the
// timed part only: inputs are built or read before the clock starts) and `rate` (items/s).
import Foundation
import Impressions
import Rendering
import ScalpModel
import SkinOptics

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("stipple-bench: \(message)\n".utf8))
    exit(64)
}

var args = Array(CommandLine.arguments.dropFirst())
guard let task = args.first else { fail("usage: stipple-bench poisson|session|delta-e|png|heatmap|skin|plan [options]") }
args.removeFirst()
var options: [String: String] = [:]
while let key = args.first {
    guard key.hasPrefix("--"), args.count >= 2 else { fail("bad argument \(key)") }
    options[String(key.dropFirst(2))] = args[1]
    args.removeFirst(2)
}
@MainActor func option(_ name: String, _ fallback: String? = nil) -> String {
    guard let v = options[name] ?? fallback else { fail("--\(name) is required") }
    return v
}
@MainActor func double(_ name: String, _ fallback: Double? = nil) -> Double {
    guard let v = Double(option(name, fallback.map { "\($0)" })) else { fail("--\(name) must be a number") }
    return v
}
@MainActor func int(_ name: String, _ fallback: Int? = nil) -> Int {
    guard let v = Int(option(name, fallback.map { "\($0)" })) else { fail("--\(name) must be an integer") }
    return v
}
let repeats = int("repeat", 5)

/// Median wall time and median thread CPU time of `repeats` runs of `body`, and the last result.
/// On a shared machine the CPU time is the steadier figure; compare prints both.
var cpuSeconds = 0.0
@MainActor func timed<T>(_ body: () throws -> T) rethrows -> (seconds: Double, result: T) {
    var wall: [Double] = [], cpu: [Double] = []
    var last: T? = nil
    func now(_ clock: clockid_t) -> Double {
        var ts = timespec()
        clock_gettime(clock, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
    }
    for _ in 0..<max(1, repeats) {
        let w0 = now(CLOCK_MONOTONIC), c0 = now(CLOCK_THREAD_CPUTIME_ID)
        let r = try body()
        cpu.append(now(CLOCK_THREAD_CPUTIME_ID) - c0)
        wall.append(now(CLOCK_MONOTONIC) - w0)
        last = r
    }
    func median(_ v: [Double]) -> Double {
        let v = v.sorted()
        return v.count % 2 == 1 ? v[v.count / 2] : (v[v.count / 2 - 1] + v[v.count / 2]) / 2
    }
    cpuSeconds = median(cpu)
    return (median(wall), last!)
}

func write<T>(_ values: [T], to path: String) {
    let data = values.withUnsafeBytes { Data($0) }
    guard FileManager.default.createFile(atPath: path, contents: data) else { fail("cannot write \(path)") }
}

func readDoubles(_ path: String) -> [Double] {
    guard let data = FileManager.default.contents(atPath: path) else { fail("cannot read \(path)") }
    return data.withUnsafeBytes { Array($0.bindMemory(to: Double.self)) }
}

/// The 2048² heatmap of the benchmarks (`HeatmapPNG*`): a radial ramp over 200 palette levels.
func heatmap2048() -> IndexedImage {
    let n = 2048
    var image = IndexedImage(width: n, height: n, palette: (0..<209).map { RGB(UInt8($0), UInt8(255 - $0), 128) })
    for y in 0..<n {
        for x in 0..<n {
            let dx = Double(x - n / 2), dy = Double(y - n / 2)
            image.pixels[y * n + x] = UInt8(9 + Int((dx * dx + dy * dy).squareRoot() / Double(n) * 280) % 200)
        }
    }
    return image
}

func rgb(_ image: IndexedImage) -> RGBImage {
    var out = RGBImage(width: image.width, height: image.height)
    out.bytes = image.rgbBytes()
    return out
}

switch task {
case "poisson":
    // A side × side mm square, uniform target, session radius = rule radius = `radius`:
    // spreadEvenly = false, fraction 1, and a target so high (10⁶/cm²) that the rule's floor is
    // the radius and the thinning keeps every dot, i.e. a saturated Bridson fill at radius r.
    let side = double("side"), radius = double("radius")
    let cells = Int(side.rounded(.up))
    let grid = ChartGrid(minX: 0, minY: 0, cellSize: side / Double(cells), width: cells, height: cells)
    let field = ScalarField(grid: grid, repeating: 1e6)
    let rule = SpacingRule(factor: 1e-9, floorMM: radius)
    var opts = PoissonDiskOptions()
    opts.spreadEvenly = false
    opts.attemptsPerPoint = int("attempts", 20)
    let (seconds, placed) = timed {
        placeSessionDetailed(finalTarget: field, fractionOfTarget: 1, existing: [], rule: rule, seed: 42, options: opts)
    }
    if let path = options["dump"] { write(placed.positions.flatMap { [$0.x, $0.y] }, to: path) }
    print("task=poisson points=\(placed.positions.count) before_thinning=\(placed.placedBeforeThinning) seconds=\(seconds) cpu_seconds=\(cpuSeconds) rate=\(Double(placed.positions.count) / seconds)")

case "session":
    // The package benchmarks' sampler cases (PoissonDisk1M*) at any size, default options
    // (spread evenly, thinned): 110 /cm² uniform or graded 30 → 190 /cm² in x; --last-layer 1
    // places the last 30 % among the first 70 % (built before the clock starts).
    let side = Int(double("side", 954))
    let grid = ChartGrid(minX: 0, minY: 0, cellSize: 1, width: side, height: side)
    var field = ScalarField(grid: grid, repeating: 110)
    switch option("field", "uniform") {
    case "uniform": break
    case "graded":
        for r in 0..<side { for c in 0..<side { field.values[r * side + c] = 30 + 160 * Float(c) / Float(max(1, side - 1)) } }
    default: fail("--field must be uniform or graded")
    }
    var existing: [SIMD2<Double>] = []
    if int("last-layer", 0) == 1 {
        let first = placeSession(finalTarget: field, fractionOfTarget: 0.3, existing: [SIMD2<Double>](), rule: SpacingRule(), seed: 1)
        existing = first + placeSession(finalTarget: field, fractionOfTarget: 0.7, existing: first, rule: SpacingRule(), seed: 2)
    }
    let (seconds, placed) = timed {
        placeSessionDetailed(finalTarget: field, fractionOfTarget: 1, existing: existing, rule: SpacingRule(),
                             seed: existing.isEmpty ? 42 : 43)
    }
    if let path = options["dump"] { write(placed.positions.flatMap { [$0.x, $0.y] }, to: path) }
    print("task=session field=\(option("field", "uniform")) side=\(side) existing=\(existing.count) points=\(placed.positions.count) before_thinning=\(placed.placedBeforeThinning) seconds=\(seconds) cpu_seconds=\(cpuSeconds) rate=\(Double(placed.positions.count) / seconds)")

case "delta-e":
    // Input: 6 × n float64, structure of arrays (L1, a1, b1, L2, a2, b2), as written by compare.
    let all = readDoubles(option("input"))
    let n = all.count / 6
    let part = (0..<6).map { Array(all[($0 * n)..<(($0 + 1) * n)]) }
    let (seconds, out) = timed {
        deltaE2000(LabArrays(L: part[0], a: part[1], b: part[2]), LabArrays(L: part[3], a: part[4], b: part[5]))
    }
    if let path = options["dump"] { write(out, to: path) }
    print("task=delta-e pairs=\(n) seconds=\(seconds) cpu_seconds=\(cpuSeconds) rate=\(Double(n) / seconds)")

case "png":
    let filters: [String: PNGOptions.Filter] = ["none": .none, "sub": .sub, "up": .up, "adaptive": .adaptive]
    var png = PNGOptions.fast
    if let l = options["level"] { png.zlibLevel = Int(l) ?? png.zlibLevel }
    if let f = options["filter"] { guard let v = filters[f] else { fail("unknown filter \(f)") }; png.filter = v }
    // --from FILE.png: a real image (e.g. a chart map or appearance preview of `stipple
    // simulate`) instead of the synthetic heatmap; palette when it has ≤ 256 colours.
    let palette: IndexedImage
    if let from = options["from"] {
        guard let data = FileManager.default.contents(atPath: from) else { fail("cannot read \(from)") }
        let (w, h, rgba) = try PNGCodec.decodeRGBA([UInt8](data))
        var colours: [UInt32: UInt8] = [:], list: [RGB] = [], pixels = [UInt8](repeating: 0, count: w * h)
        for i in 0..<(w * h) {
            let key = UInt32(rgba[4 * i]) << 16 | UInt32(rgba[4 * i + 1]) << 8 | UInt32(rgba[4 * i + 2])
            if let k = colours[key] { pixels[i] = k; continue }
            guard list.count < 256 else {
                if option("kind", "palette") == "palette" { fail("\(from) has more than 256 colours") }
                break
            }
            colours[key] = UInt8(list.count); pixels[i] = UInt8(list.count)
            list.append(RGB(rgba[4 * i], rgba[4 * i + 1], rgba[4 * i + 2]))
        }
        if option("kind", "palette") == "rgb" {
            var image = RGBImage(width: w, height: h)
            for i in 0..<(w * h) { for c in 0..<3 { image.bytes[3 * i + c] = rgba[4 * i + c] } }
            let (seconds, bytes) = try timed { try PNGCodec.encode(image, options: png) }
            let filterName = filters.first { $0.value == png.filter }!.key
            print("task=png kind=rgb from=\(from) level=\(png.zlibLevel) filter=\(filterName) bytes=\(bytes.count) seconds=\(seconds) cpu_seconds=\(cpuSeconds) rate=\(1 / seconds)")
            exit(0)
        }
        var image = IndexedImage(width: w, height: h, palette: list)
        image.pixels = pixels
        palette = image
    } else {
        palette = heatmap2048()
    }
    let kind = option("kind", "palette")
    let (seconds, bytes): (Double, [UInt8])
    switch kind {
    case "palette": (seconds, bytes) = try timed { try PNGCodec.encode(palette, options: png) }
    case "rgb": let image = rgb(palette); (seconds, bytes) = try timed { try PNGCodec.encode(image, options: png) }
    default: fail("--kind must be palette or rgb")
    }
    if let path = options["dump"] { write(bytes, to: path) }
    let filterName = filters.first { $0.value == png.filter }!.key
    print("task=png kind=\(kind) level=\(png.zlibLevel) filter=\(filterName) bytes=\(bytes.count) seconds=\(seconds) cpu_seconds=\(cpuSeconds) rate=\(1 / seconds)")

case "heatmap":
    // Raw image for the Python side: 2048² index bytes, then 3 × palette count RGB bytes.
    let image = heatmap2048()
    write(image.pixels + image.palette.flatMap { [$0.r, $0.g, $0.b] }, to: option("dump"))
    print("task=heatmap width=\(image.width) height=\(image.height) palette=\(image.palette.count)")

case "skin":
    // Spectral skin + pigment: CIELAB of a pigmented patch (δ-Eddington layers, transport every 10 nm).
    let data = URL(fileURLWithPath: option("data", "Data"))
    let skins = try SkinLibrary(dataDirectory: data)
    let pigments = try PigmentLibrary(dataDirectory: data)
    let ev = PigmentedSkinEvaluator(skin: try skins.model(named: "monk-5"), pigment: try pigments.pigment(named: "cool-neutral"))
    let count = int("count", 100_000)
    let lo = ev.depthRange.lowerBound, span = ev.depthRange.upperBound - lo
    let (seconds, sum) = timed {
        var s = 0.0
        for i in 0..<count {
            let u = Double(i) / Double(count)
            s += ev.labUnchecked(depthMM: lo + span * u, effectiveDose: 0.05 + 0.5 * (1 - u)).L
        }
        return s
    }
    print("task=skin evaluations=\(count) checksum=\(sum) seconds=\(seconds) cpu_seconds=\(cpuSeconds) rate=\(Double(count) / seconds)")

case "plan":
    try runWholePlan()

default:
    fail("unknown task \(task)")
}
