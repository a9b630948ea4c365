/// True-colour pictures made palette images for writing: the chart maps are drawn in true
/// colour (anti-aliased edges, smooth ramps) but hold few colours that matter, and a
/// one-byte-per-pixel PNG is 2–3× smaller and faster to compress than RGB (the density map of
/// the demo: ≈ 340 kB RGB against ≈ 140 kB as 256 colours), which keeps `report.html`, which
/// embeds every map, within its budget.
///
/// An image of at most 256 colours keeps them exactly. Otherwise median cut (Heckbert 1982)
/// over the distinct colours weighted by their pixel counts: the box with the widest
/// population-weighted channel range is split at its weighted median until there are 256, and
/// each colour takes its box's weighted mean. No dithering (the maps are read by eye, as flat
/// areas and lines). Deterministic: ties are broken by colour value, never by hashing order.
public enum PaletteQuantizer {
    public static func quantize(_ image: RGBImage, maxColours: Int = 256) -> IndexedImage {
        precondition((2...256).contains(maxColours))
        let n = image.width * image.height
        var table = ColourTable(capacity: 1 << 14)
        // Maps are mostly runs of one colour: a run is counted once, with its length.
        image.bytes.withUnsafeBufferPointer { bytes in
            var run: UInt32 = UInt32.max, length = 0
            for p in 0..<n {
                let key = UInt32(bytes[3 * p]) << 16 | UInt32(bytes[3 * p + 1]) << 8 | UInt32(bytes[3 * p + 2])
                if key == run { length += 1; continue }
                if length > 0 { table.count(run, length) }
                run = key; length = 1
            }
            if length > 0 { table.count(run, length) }
        }
        var colours = table.entries()           // (colour, count), sorted by colour
        let palette: [RGB]
        if colours.count <= maxColours {
            palette = colours.map { RGB(UInt8($0.colour >> 16), UInt8(($0.colour >> 8) & 255), UInt8($0.colour & 255)) }
            for (i, c) in colours.enumerated() { table.setIndex(c.colour, UInt8(i)) }
        } else {
            palette = medianCut(&colours, maxColours: maxColours, table: &table)
        }
        var out = IndexedImage(width: image.width, height: image.height, palette: palette)
        image.bytes.withUnsafeBufferPointer { bytes in
            out.pixels.withUnsafeMutableBufferPointer { pixels in
                var run: UInt32 = UInt32.max, index: UInt8 = 0
                for p in 0..<n {
                    let key = UInt32(bytes[3 * p]) << 16 | UInt32(bytes[3 * p + 1]) << 8 | UInt32(bytes[3 * p + 2])
                    if key != run { run = key; index = table.index(key) }
                    pixels[p] = index
                }
            }
        }
        return out
    }

    private static func channel(_ c: UInt32, _ k: Int) -> Int { Int((c >> UInt32(16 - 8 * k)) & 255) }

    /// Splits `colours` into at most `maxColours` boxes, records each colour's box in `table`,
    /// and returns the boxes' weighted means.
    private static func medianCut(_ colours: inout [(colour: UInt32, count: Int)], maxColours: Int,
                                  table: inout ColourTable) -> [RGB] {
        // A box is a range of `colours`; its score is the widest channel range × its population.
        struct Box { var start: Int, end: Int, population: Int, axis: Int, range: Int }
        func box(_ start: Int, _ end: Int) -> Box {
            var lo = [255, 255, 255], hi = [0, 0, 0], population = 0
            for i in start..<end {
                population += colours[i].count
                for k in 0..<3 { let v = channel(colours[i].colour, k); lo[k] = min(lo[k], v); hi[k] = max(hi[k], v) }
            }
            let ranges = (0..<3).map { hi[$0] - lo[$0] }
            let axis = ranges.firstIndex(of: ranges.max()!)!
            return Box(start: start, end: end, population: population, axis: axis, range: ranges[axis])
        }
        var boxes = [box(0, colours.count)]
        while boxes.count < maxColours {
            // The box to split: widest range × population (ties: the earlier box).
            var best = -1, bestScore = 0.0
            for (i, b) in boxes.enumerated() where b.end - b.start > 1 && b.range > 0 {
                let score = Double(b.range) * Double(b.population)
                if score > bestScore { best = i; bestScore = score }
            }
            guard best >= 0 else { break }
            let b = boxes[best]
            let axis = b.axis
            colours[b.start..<b.end].sort { (p, q) in
                let a = channel(p.colour, axis), c = channel(q.colour, axis)
                return a != c ? a < c : p.colour < q.colour
            }
            // Weighted median, kept strictly inside so both halves are non-empty.
            var running = 0, cut = b.start + 1
            for i in b.start..<b.end {
                running += colours[i].count
                if 2 * running >= b.population { cut = min(b.end - 1, max(b.start + 1, i + 1)); break }
            }
            boxes[best] = box(b.start, cut)
            boxes.append(box(cut, b.end))
        }
        return boxes.enumerated().map { index, b in
            var sum = [0, 0, 0]
            for i in b.start..<b.end {
                table.setIndex(colours[i].colour, UInt8(index))
                for k in 0..<3 { sum[k] += channel(colours[i].colour, k) * colours[i].count }
            }
            func mean(_ k: Int) -> UInt8 { UInt8((sum[k] + b.population / 2) / max(1, b.population)) }
            return RGB(mean(0), mean(1), mean(2))
        }
    }
}

/// Open-addressing hash table from a 24-bit colour to its pixel count and palette index: the
/// histogram and the lookup of `PaletteQuantizer` without a dictionary's per-entry overhead.
struct ColourTable {
    private static let empty = UInt32.max
    private var keys: [UInt32]
    private var counts: [Int]
    private var indices: [UInt8]
    private var used = 0

    init(capacity: Int) {
        keys = [UInt32](repeating: Self.empty, count: capacity)
        counts = [Int](repeating: 0, count: capacity)
        indices = [UInt8](repeating: 0, count: capacity)
    }

    @inline(__always)
    private func slot(_ key: UInt32) -> Int {
        let mask = keys.count - 1
        var i = Int(truncatingIfNeeded: (key &* 0x9E37_79B1) >> 8) & mask
        while keys[i] != key && keys[i] != Self.empty { i = (i + 1) & mask }
        return i
    }

    mutating func count(_ key: UInt32, _ n: Int) {
        let i = slot(key)
        if keys[i] == key { counts[i] += n; return }
        keys[i] = key
        counts[i] = n
        used += 1
        if 2 * used > keys.count { grow() }
    }

    private mutating func grow() {
        let old = zip(keys, counts).filter { $0.0 != Self.empty }
        keys = [UInt32](repeating: Self.empty, count: 2 * keys.count)
        counts = [Int](repeating: 0, count: keys.count)
        indices = [UInt8](repeating: 0, count: keys.count)
        for (k, c) in old { let i = slot(k); keys[i] = k; counts[i] = c }
    }

    /// Every colour and its count, sorted by colour (so the result does not depend on hashing).
    func entries() -> [(colour: UInt32, count: Int)] {
        zip(keys, counts).filter { $0.0 != Self.empty }.map { (colour: $0.0, count: $0.1) }.sorted { $0.colour < $1.colour }
    }

    mutating func setIndex(_ key: UInt32, _ index: UInt8) { indices[slot(key)] = index }
    func index(_ key: UInt32) -> UInt8 { indices[slot(key)] }
}
