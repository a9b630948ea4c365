/// Named, independent random streams derived from one plan seed: every random process of a plan
/// draws from its own stream, so adding a process later never changes the numbers an existing
/// one draws, and no two processes share a seed by accident. Each kind of stream has its own
/// block of stream numbers (`SeedStreamTests` checks the blocks stay apart at the plan limits).
/// The simulation's streams and the batch's replicates are all here: the one place seeds are
/// derived; nothing else mixes a plan's seed.
public enum SeedStreams {
    public static let hairline: UInt64 = 1
    public static let follicles: UInt64 = 2
    /// Session `index` (0-based) places its impressions from this stream.
    public static func session(_ index: Int) -> UInt64 { 100 + UInt64(index) }
    /// The k-th extra seed of the touch-up spread (k = 1 … 99; `TouchUpSeeds` uses 8).
    public static func touchUpSeed(_ k: Int) -> UInt64 { 200 + UInt64(k) }
    /// The FUE scars of plan area `area` (0-based) are scattered from this stream.
    public static func fueScars(area: Int) -> UInt64 { 300 + UInt64(area) }
    /// Which uptake layer impression `n` (0-based) of a scar falls in, in the appearance
    /// pictures: a block of its own above every other stream (it was the plan seed mixed with
    /// `n`, which gave impression 1 the hairline's seed).
    public static func scarUptake(impression n: Int) -> UInt64 { 1 << 40 | UInt64(n) }
    /// The r-th replicate of a batch variant (r = 1, 2, …; replicate 0 keeps the plan's seed).
    public static func replicate(_ r: Int) -> UInt64 { 1_000_000 + UInt64(r) }

    /// The seed of `stream` under the plan's `seed`.
    public static func seed(_ seed: UInt64, stream: UInt64) -> UInt64 {
        var mixer = SplitMix64(seed: seed ^ (stream &* 0x9E37_79B9_7F4A_7C15))
        return mixer.next()
    }

    /// The seed of replicate `r` of a plan seeded `seed`: the plan's own for r = 0, else drawn
    /// from stream `replicate(r)` and kept below 2⁴⁹ (≈ 5.6 × 10¹⁴), so it is exact as a double
    /// (pandas, R, JSON) and `CSV.number` writes it as an integer (it does below 10¹⁵).
    public static func replicateSeed(_ seed: UInt64, replicate r: Int) -> UInt64 {
        r == 0 ? seed : Self.seed(seed, stream: replicate(r)) & ((1 << 49) - 1)
    }
}
